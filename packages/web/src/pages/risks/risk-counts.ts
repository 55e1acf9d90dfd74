import type { RiskFilters, RiskSummary } from '../../api/risks.js';
import type { MessageKey } from '../../i18n/messages.zh.js';

/** The summary's counts of cases not closed, which the list shows with these statuses. */
const NOT_CLOSED: RiskFilters['status'] = ['open', 'responding', 'resolved'];

export type CountCard = {
  key: string;
  label: MessageKey;
  count(summary: RiskSummary): number;
  /** The filters that list exactly the cases counted (so that the list's total is the number clicked). */
  filters: RiskFilters;
  /** Whether the number calls for attention when not 0 (red). */
  alarm?: boolean;
};

/** The head of the risk list: counts by status, then the ones that need attention. */
export const COUNT_CARDS: readonly CountCard[] = [
  { key: 'open', label: 'risks.count.open', count: (s) => s.by_status.open, filters: { status: ['open'] } },
  {
    key: 'responding',
    label: 'risks.count.responding',
    count: (s) => s.by_status.responding,
    filters: { status: ['responding'] },
  },
  {
    key: 'resolved',
    label: 'risks.count.resolved',
    count: (s) => s.by_status.resolved,
    filters: { status: ['resolved'] },
  },
  {
    key: 'closed',
    label: 'risks.count.closed',
    count: (s) => s.by_status.closed,
    filters: { status: ['closed'] },
  },
  // The list's overdue filter already leaves closed cases out, as the count does.
  {
    key: 'overdue',
    label: 'risks.count.overdue',
    count: (s) => s.overdue,
    filters: { overdue: true },
    alarm: true,
  },
  // Held above the level they started at (a firm's county, a node's province), not closed.
  {
    key: 'escalated',
    label: 'risks.count.escalated',
    count: (s) => s.escalated,
    filters: { status: NOT_CLOSED, escalated: true },
  },
  {
    key: 'cleared',
    label: 'risks.count.cleared',
    count: (s) => s.cleared,
    filters: { status: NOT_CLOSED, cleared: true },
  },
  {
    key: 'high',
    label: 'risks.count.high',
    count: (s) => s.high,
    filters: { status: NOT_CLOSED, severity: 'high' },
    alarm: true,
  },
];

/** Whether the list shows exactly a card's cases (its filters and no other). */
export function isCardShown(card: CountCard, filters: RiskFilters): boolean {
  const a = normalised(card.filters);
  const b = normalised(filters);
  return JSON.stringify(a) === JSON.stringify(b);
}

function normalised(filters: RiskFilters) {
  return Object.fromEntries(
    Object.entries(filters)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v])
      .sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)),
  );
}
