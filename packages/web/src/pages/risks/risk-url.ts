import type { CaseLevel, CaseStatus } from '@chainbrain/domain';
import type { RiskFilters, RiskKind, RiskSeverity } from '../../api/risks.js';

/*
 * The risk list's view kept in the address (?status=open,responding&region=330106&page=2&case=17), so that
 * a view can be bookmarked or sent to a colleague, and the back button undoes a filter. Values the API
 * would refuse are dropped here rather than answered with an error.
 */

const STATUSES: readonly CaseStatus[] = ['open', 'responding', 'resolved', 'closed'];
const LEVELS: readonly CaseLevel[] = ['county', 'city', 'province'];
const KINDS: readonly RiskKind[] = ['firm_input', 'node_import'];
const SEVERITIES: readonly RiskSeverity[] = ['high', 'medium'];
export const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

/** The address's keys that are filters (page, size and case are not). */
const FILTER_KEYS = [
  'status',
  'level',
  'kind',
  'severity',
  'chain',
  'region',
  'overdue',
  'cleared',
  'escalated',
  'q',
] as const;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((v) => v === value);
const flag = (value: string | null) => (value === 'true' ? true : value === 'false' ? false : undefined);
const wholeNumber = (value: string | null) => (value && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : null);

export type RiskView = {
  filters: RiskFilters;
  page: number;
  pageSize: number;
  /** The case whose drawer is open. */
  caseId: number | null;
};

export function riskViewOf(params: URLSearchParams): RiskView {
  const status = (params.get('status') ?? '')
    .split(',')
    .filter((s): s is CaseStatus => STATUSES.includes(s as CaseStatus));
  const chain = params.get('chain')?.trim();
  const region = params.get('region')?.trim();
  const q = params.get('q')?.trim().slice(0, 100);
  const filters: RiskFilters = {
    status: status.length ? [...new Set(status)] : undefined,
    level: oneOf(LEVELS, params.get('level')),
    kind: oneOf(KINDS, params.get('kind')),
    severity: oneOf(SEVERITIES, params.get('severity')),
    chain: chain && chain.length <= 100 ? chain : undefined,
    region: region && /^\d{6}$/.test(region) ? region : undefined,
    overdue: flag(params.get('overdue')),
    cleared: flag(params.get('cleared')),
    escalated: flag(params.get('escalated')),
    q: q || undefined,
  };
  const size = wholeNumber(params.get('size'));
  return {
    filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as RiskFilters,
    page: wholeNumber(params.get('page')) ?? 1,
    pageSize: PAGE_SIZES.find((s) => s === size) ?? DEFAULT_PAGE_SIZE,
    caseId: wholeNumber(params.get('case')),
  };
}

/**
 * The address with other filters: the old filters replaced, back to the first page (the old page number
 * means nothing in another list); the page size and an open case stay.
 */
export function withFilters(params: URLSearchParams, filters: RiskFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of FILTER_KEYS) next.delete(key);
  next.delete('page');
  if (filters.status?.length) next.set('status', filters.status.join(','));
  for (const key of [
    'level',
    'kind',
    'severity',
    'chain',
    'region',
    'overdue',
    'cleared',
    'escalated',
    'q',
  ] as const) {
    const value = filters[key];
    if (value !== undefined && value !== '') next.set(key, String(value));
  }
  return next;
}

/** The address with one value set, or removed when undefined. */
export function withParam(params: URLSearchParams, key: string, value: string | number | undefined) {
  const next = new URLSearchParams(params);
  if (value === undefined) next.delete(key);
  else next.set(key, String(value));
  return next;
}

/** Whether any filter is set (the "clear filters" button shows then). */
export const hasFilters = (filters: RiskFilters) => Object.keys(filters).length > 0;
