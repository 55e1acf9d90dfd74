import { describe, expect, it } from 'vitest';
import type { RiskSummary } from '../../api/risks.js';
import { COUNT_CARDS, isCardShown } from './risk-counts.js';

const summary: RiskSummary = {
  by_status: { open: 31, responding: 4, resolved: 2, closed: 1 },
  open_by_level: { county: 30, city: 5, province: 2 },
  overdue: 3,
  escalated: 5,
  cleared: 1,
  high: 30,
  by_kind: {
    firm_input: { total: 38, open: 37, overdue: 3, high: 30 },
    node_import: { total: 0, open: 0, overdue: 0, high: 0 },
  },
  by_city: [],
  by_county: [],
  by_chain: [],
  backup_coverage: null,
  scans: [],
};
const card = (key: string) => COUNT_CARDS.find((c) => c.key === key)!;

describe('the risk list’s head', () => {
  it('counts from the summary', () => {
    expect(COUNT_CARDS.map((c) => [c.key, c.count(summary)])).toEqual([
      ['open', 31],
      ['responding', 4],
      ['resolved', 2],
      ['closed', 1],
      ['overdue', 3],
      ['escalated', 5],
      ['cleared', 1],
      ['high', 30],
    ]);
  });

  it('lists the cases the summary counts: those not closed, for the counts that leave closed ones out', () => {
    expect(card('high').filters).toEqual({ status: ['open', 'responding', 'resolved'], severity: 'high' });
    expect(card('cleared').filters).toEqual({ status: ['open', 'responding', 'resolved'], cleared: true });
    expect(card('escalated').filters).toEqual({
      status: ['open', 'responding', 'resolved'],
      escalated: true,
    });
  });

  it('marks the card whose cases the list shows, whatever the order of the statuses', () => {
    expect(isCardShown(card('high'), { severity: 'high', status: ['resolved', 'open', 'responding'] })).toBe(
      true,
    );
    expect(isCardShown(card('high'), { severity: 'high' })).toBe(false);
    expect(isCardShown(card('open'), { status: ['open'], q: 'x' })).toBe(false);
    expect(isCardShown(card('escalated'), {})).toBe(false);
    expect(
      isCardShown(card('escalated'), { escalated: true, status: ['open', 'resolved', 'responding'] }),
    ).toBe(true);
  });
});
