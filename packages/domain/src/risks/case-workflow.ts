import type { Grant } from '../access/roles.js';
import { endOfWorkingDays } from './working-days.js';

/**
 * The closed loop of a supply-disruption risk (断供风险闭环处置, ADR 0021)
 * ========================================================================
 *
 * Every entry of the risk list is a case that some office must answer for until it is closed:
 *
 *   open (待响应) ──acknowledge──▶ responding (处置中) ──resolve──▶ resolved (已化解, 待销号)
 *     ▲                                 ▲                             │
 *     │                                 └──────────reject─────────────┤
 *     └───────────reopen────────── closed (已销号) ◀──confirm──────────┘
 *
 * A case sits at one level: the firm's county, its city, or the province. An office that does not respond
 * in time loses the case to the level above (escalated, again 待响应 there), and so does one that does not
 * resolve it in time; an office may also hand a case up itself (上报), and the level above may take it. A
 * resolution is confirmed (销号) by the level above the one that resolved it, at the province by another
 * person than the resolver: nobody closes their own case. Nothing is ever deleted: the list's scans only
 * add cases and note when a case's condition no longer holds or holds again.
 */

export const CASE_LEVELS = ['county', 'city', 'province'] as const;
export type CaseLevel = (typeof CASE_LEVELS)[number];

export const CASE_STATUSES = ['open', 'responding', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** What a person can do to a case. */
export const CASE_ACTIONS = [
  'acknowledge',
  'escalate',
  'resolve',
  'confirm',
  'reject',
  'reopen',
  'comment',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** What the system records on its own: a scan's findings and the deadlines' escalations. */
export const SYSTEM_CASE_EVENTS = ['detected', 'cleared', 'recurred', 'auto_escalated'] as const;
export type SystemCaseEvent = (typeof SYSTEM_CASE_EVENTS)[number];
export type CaseEventKind = CaseAction | SystemCaseEvent;

/** How a risk was resolved: the plan's remedies (同准/降准备份, new suppliers, local substitutes). */
export const RESOLUTION_MEASURES = [
  'same_standard_backup',
  'lower_standard_backup',
  'new_supplier',
  'local_substitute',
  'stockpile',
  'not_a_risk',
  'other',
] as const;
export type ResolutionMeasure = (typeof RESOLUTION_MEASURES)[number];

/** Actions that must say why (a note of at least NOTE_MIN characters). */
export const ACTIONS_NEEDING_NOTE: ReadonlySet<CaseAction> = new Set([
  'escalate',
  'resolve',
  'reject',
  'reopen',
  'comment',
]);
export const NOTE_MIN = 2;
export const NOTE_MAX = 2000;

/**
 * Time an office has: to respond to an open case at each level (县 3, 市 3, 省 5 working days), to
 * resolve a case it responds to (30 calendar days, counted from the moment it responded), and to
 * confirm a resolution (5 working days). Working days follow the State Council's holiday schedule
 * (working-days.ts): a deadline of N working days ends at 24:00 China time on the N-th working day after
 * the day the step began. The first two escalate when they pass.
 */
export const CASE_DEADLINE_DAYS = {
  respond: { county: 3, city: 3, province: 5 } as Record<CaseLevel, number>,
  resolve: 30,
  confirm: 5,
} as const;

/** Which deadlines count working days (the others count calendar days). */
export const CASE_DEADLINE_WORKING_DAYS = { respond: true, resolve: false, confirm: true } as const;

const DAY_MS = 86_400_000;

/** When the case's current step is due, counted from when it entered that step. */
export function caseDueAt(status: CaseStatus, level: CaseLevel, since: Date): Date | null {
  switch (status) {
    case 'open':
      return endOfWorkingDays(since, CASE_DEADLINE_DAYS.respond[level]);
    case 'responding':
      return new Date(since.getTime() + CASE_DEADLINE_DAYS.resolve * DAY_MS);
    case 'resolved':
      return endOfWorkingDays(since, CASE_DEADLINE_DAYS.confirm);
    case 'closed':
      return null;
  }
}

export function levelAbove(level: CaseLevel): CaseLevel | null {
  return level === 'county' ? 'city' : level === 'city' ? 'province' : null;
}

/**
 * Whether a case whose step is overdue moves up on its own: open and responding cases below the
 * province do (the province's own overdue cases are flagged 督办, there is no level above it).
 */
export function escalatesWhenOverdue(status: CaseStatus, level: CaseLevel): boolean {
  return (status === 'open' || status === 'responding') && level !== 'province';
}

/** Where a case is and whose it is: what the rules need to know of it. */
export type CaseState = {
  status: CaseStatus;
  level: CaseLevel;
  countyCode: string | null;
  cityCode: string | null;
  chainId: string;
  firmId: number | null;
  /** Who resolved it last, so that they cannot also close it. */
  resolvedBy: number | null;
};

/** The caller: a user id and grants. */
export type CaseCaller = { userId: number; grants: readonly Grant[] };

/** Whether the caller's office handles cases at the case's current level. */
export function handlesCase(caller: CaseCaller, c: CaseState, level: CaseLevel = c.level): boolean {
  return caller.grants.some((g) => holdsLevel(g, c, level));
}

function holdsLevel(g: Grant, c: CaseState, level: CaseLevel): boolean {
  switch (level) {
    case 'county':
      return g.role === 'county' && g.regionCode !== null && g.regionCode === c.countyCode;
    case 'city':
      return g.role === 'city' && g.regionCode !== null && g.regionCode === c.cityCode;
    case 'province':
      return (
        g.role === 'province_admin' ||
        g.role === 'province_analyst' ||
        (g.role === 'chain_leader' && g.chainId === c.chainId)
      );
  }
}

/** Whether the caller's office is above the case's level (may take it, and confirms its resolution). */
export function supervisesCase(caller: CaseCaller, c: CaseState): boolean {
  const above = levelAbove(c.level);
  if (!above) return false;
  return handlesCase(caller, c, above) || (above === 'city' && handlesCase(caller, c, 'province'));
}

/** Whether the caller is the firm the case is about (may read it and add notes). */
export function isCaseFirm(caller: CaseCaller, c: CaseState): boolean {
  return c.firmId !== null && caller.grants.some((g) => g.role === 'firm' && g.firmId === c.firmId);
}

/**
 * Whether the caller reads and writes the case's internal notes (内部备注): officials discussing a case
 * (who calls the firm, doubts about its figures, county and city coordinating) without the firm reading
 * it. Those are the offices of any of the case's levels (its county, its city, the province's roles and
 * the chain's leaders). The firm never does, even when the same account also holds one of those offices:
 * an account that speaks for the firm must not carry the offices' discussion back to it.
 *
 * Only a `comment` can be internal. The other steps' notes stay visible to the firm: they explain the
 * measures taken about its supply, and the firm must be able to follow (and answer) them.
 */
export function readsInternalNotes(caller: CaseCaller, c: CaseState): boolean {
  if (isCaseFirm(caller, c)) return false;
  return CASE_LEVELS.some((level) => handlesCase(caller, c, level));
}

/** The only step whose note may be internal (see readsInternalNotes). */
export const INTERNAL_NOTE_ACTION: CaseAction = 'comment';

/**
 * The actions the caller may take on the case now. `comment` needs only that the caller reads the case
 * (the route checks that first); the others need the office the step belongs to.
 */
export function allowedCaseActions(caller: CaseCaller, c: CaseState): CaseAction[] {
  const handles = handlesCase(caller, c);
  const supervises = supervisesCase(caller, c);
  const actions: CaseAction[] = [];
  if (c.status === 'open' && handles) actions.push('acknowledge');
  if ((c.status === 'open' || c.status === 'responding') && c.level !== 'province' && (handles || supervises))
    actions.push('escalate');
  if (c.status === 'responding' && handles) actions.push('resolve');
  if (c.status === 'resolved') {
    // 销号 by the level above; at the province (no level above) by another province office holder. At
    // every level by another person than the resolver: one person may hold both offices (a county and
    // its city, or a county and its chain's 链长), and nobody closes their own case.
    const confirms = c.resolvedBy !== caller.userId && (c.level === 'province' ? handles : supervises);
    if (confirms) actions.push('confirm', 'reject');
  }
  if (c.status === 'closed' && (handles || supervises)) actions.push('reopen');
  actions.push('comment');
  return actions;
}

/** The state a case moves to when the action is taken (the action must be allowed). */
export function applyCaseAction(
  c: Pick<CaseState, 'status' | 'level'>,
  action: CaseAction,
): { status: CaseStatus; level: CaseLevel } {
  switch (action) {
    case 'acknowledge':
      return { status: 'responding', level: c.level };
    case 'escalate':
      return { status: 'open', level: levelAbove(c.level) ?? c.level };
    case 'resolve':
      return { status: 'resolved', level: c.level };
    case 'confirm':
      return { status: 'closed', level: c.level };
    case 'reject':
      return { status: 'responding', level: c.level };
    case 'reopen':
      return { status: 'open', level: c.level };
    case 'comment':
      return { status: c.status, level: c.level };
  }
}

/** Whether an action changes the step (and so restarts its deadline). */
export function movesCase(action: CaseAction): boolean {
  return action !== 'comment';
}
