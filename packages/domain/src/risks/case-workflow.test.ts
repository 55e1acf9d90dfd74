import { describe, expect, it } from 'vitest';
import type { Grant } from '../access/roles.js';
import {
  allowedCaseActions,
  applyCaseAction,
  type CaseState,
  caseDueAt,
  escalatesWhenOverdue,
  handlesCase,
  readsInternalNotes,
  supervisesCase,
} from './case-workflow.js';

const grant = (role: Grant['role'], extra: Partial<Grant> = {}): Grant => ({
  role,
  regionCode: null,
  chainId: null,
  firmId: null,
  ...extra,
});
const caller = (userId: number, ...grants: Grant[]) => ({ userId, grants });

const county = caller(1, grant('county', { regionCode: '330106' }));
const otherCounty = caller(2, grant('county', { regionCode: '330108' }));
const city = caller(3, grant('city', { regionCode: '330100' }));
const otherCity = caller(4, grant('city', { regionCode: '330200' }));
const admin = caller(5, grant('province_admin'));
const analyst = caller(6, grant('province_analyst'));
const leader = caller(7, grant('chain_leader', { chainId: 'ic' }));
const otherLeader = caller(8, grant('chain_leader', { chainId: 'biomed' }));
const firm = caller(9, grant('firm', { firmId: 42 }));

const at = (status: CaseState['status'], level: CaseState['level'], resolvedBy: number | null = null) =>
  ({
    status,
    level,
    countyCode: '330106',
    cityCode: '330100',
    chainId: 'ic',
    firmId: 42,
    resolvedBy,
  }) satisfies CaseState;

describe('the closed loop of a risk case', () => {
  it('gives an open county case to its county office, which responds or hands it up', () => {
    expect(allowedCaseActions(county, at('open', 'county'))).toEqual(['acknowledge', 'escalate', 'comment']);
    expect(allowedCaseActions(otherCounty, at('open', 'county'))).toEqual(['comment']);
    // The city above may take it (escalate) but not respond in the county's place.
    expect(allowedCaseActions(city, at('open', 'county'))).toEqual(['escalate', 'comment']);
    expect(allowedCaseActions(otherCity, at('open', 'county'))).toEqual(['comment']);
    expect(allowedCaseActions(firm, at('open', 'county'))).toEqual(['comment']);
  });

  it('lets only the level above confirm a resolution, and at the province only another person', () => {
    expect(allowedCaseActions(county, at('resolved', 'county', 1))).toEqual(['comment']);
    expect(allowedCaseActions(city, at('resolved', 'county', 1))).toEqual(['confirm', 'reject', 'comment']);
    expect(allowedCaseActions(admin, at('resolved', 'county', 1))).toEqual(['confirm', 'reject', 'comment']);
    expect(allowedCaseActions(city, at('resolved', 'city', 3))).toEqual(['comment']);
    expect(allowedCaseActions(admin, at('resolved', 'city', 3))).toEqual(['confirm', 'reject', 'comment']);
    expect(allowedCaseActions(admin, at('resolved', 'province', 5))).toEqual(['comment']);
    expect(allowedCaseActions(analyst, at('resolved', 'province', 5))).toEqual([
      'confirm',
      'reject',
      'comment',
    ]);
  });

  it('does not let one person who holds two levels confirm or reject their own resolution', () => {
    const countyAndCity = caller(
      11,
      grant('county', { regionCode: '330106' }),
      grant('city', { regionCode: '330100' }),
    );
    const countyAndLeader = caller(
      12,
      grant('county', { regionCode: '330106' }),
      grant('chain_leader', { chainId: 'ic' }),
    );
    expect(allowedCaseActions(countyAndCity, at('responding', 'county'))).toContain('resolve');
    expect(allowedCaseActions(countyAndCity, at('resolved', 'county', 11))).toEqual(['comment']);
    expect(allowedCaseActions(countyAndLeader, at('resolved', 'county', 12))).toEqual(['comment']);
    // Someone else's resolution: the level above is theirs to confirm.
    expect(allowedCaseActions(countyAndCity, at('resolved', 'county', 1))).toEqual([
      'confirm',
      'reject',
      'comment',
    ]);
  });

  it('gives province cases to province offices and to the chain’s own leaders only', () => {
    expect(handlesCase(leader, at('open', 'province'))).toBe(true);
    expect(handlesCase(otherLeader, at('open', 'province'))).toBe(false);
    expect(handlesCase(leader, at('open', 'county'))).toBe(false);
    expect(allowedCaseActions(leader, at('open', 'province'))).toEqual(['acknowledge', 'comment']);
    expect(allowedCaseActions(leader, at('responding', 'province'))).toEqual(['resolve', 'comment']);
    // Nothing above the province: no escalation there.
    expect(allowedCaseActions(admin, at('responding', 'province'))).not.toContain('escalate');
    expect(supervisesCase(admin, at('open', 'province'))).toBe(false);
  });

  it('moves a case along its steps and levels', () => {
    expect(applyCaseAction(at('open', 'county'), 'acknowledge')).toEqual({
      status: 'responding',
      level: 'county',
    });
    expect(applyCaseAction(at('responding', 'county'), 'escalate')).toEqual({
      status: 'open',
      level: 'city',
    });
    expect(applyCaseAction(at('open', 'city'), 'escalate')).toEqual({ status: 'open', level: 'province' });
    expect(applyCaseAction(at('responding', 'city'), 'resolve')).toEqual({
      status: 'resolved',
      level: 'city',
    });
    expect(applyCaseAction(at('resolved', 'city'), 'reject')).toEqual({
      status: 'responding',
      level: 'city',
    });
    expect(applyCaseAction(at('resolved', 'city'), 'confirm')).toEqual({ status: 'closed', level: 'city' });
    expect(applyCaseAction(at('closed', 'city'), 'reopen')).toEqual({ status: 'open', level: 'city' });
    expect(applyCaseAction(at('closed', 'city'), 'comment')).toEqual({ status: 'closed', level: 'city' });
  });

  it('sets each step its deadline, and escalates only below the province', () => {
    // Monday 2 November 2026, 16:00 in China. Responding and confirming count working days and end at
    // 24:00 China time (16:00 UTC); resolving counts 30 calendar days from the moment.
    const since = new Date('2026-11-02T08:00:00Z');
    expect(caseDueAt('open', 'county', since)?.toISOString()).toBe('2026-11-05T16:00:00.000Z');
    expect(caseDueAt('open', 'province', since)?.toISOString()).toBe('2026-11-09T16:00:00.000Z');
    expect(caseDueAt('responding', 'city', since)?.toISOString()).toBe('2026-12-02T08:00:00.000Z');
    expect(caseDueAt('resolved', 'city', since)?.toISOString()).toBe('2026-11-09T16:00:00.000Z');
    expect(caseDueAt('closed', 'city', since)).toBeNull();
    expect(escalatesWhenOverdue('open', 'county')).toBe(true);
    expect(escalatesWhenOverdue('responding', 'city')).toBe(true);
    expect(escalatesWhenOverdue('open', 'province')).toBe(false);
    expect(escalatesWhenOverdue('resolved', 'county')).toBe(false);
  });

  it('lets the office or the one above reopen a closed case', () => {
    expect(allowedCaseActions(county, at('closed', 'county'))).toEqual(['reopen', 'comment']);
    expect(allowedCaseActions(city, at('closed', 'county'))).toEqual(['reopen', 'comment']);
    expect(allowedCaseActions(otherCounty, at('closed', 'county'))).toEqual(['comment']);
  });

  it('gives internal notes to the case’s offices at every level, and never to its firm', () => {
    for (const office of [county, city, admin, analyst, leader]) {
      expect(readsInternalNotes(office, at('open', 'county'))).toBe(true);
    }
    // The county below reads the discussion after the case moved up: it still answers to it.
    expect(readsInternalNotes(county, at('open', 'province'))).toBe(true);
    expect(readsInternalNotes(firm, at('open', 'county'))).toBe(false);
    // An account that speaks for the firm does not read them even if it also holds the county's office.
    const both = caller(10, grant('firm', { firmId: 42 }), grant('county', { regionCode: '330106' }));
    expect(readsInternalNotes(both, at('open', 'county'))).toBe(false);
    // Another firm's account, another county's office: no reading (they do not read the case anyway).
    expect(readsInternalNotes(caller(11, grant('firm', { firmId: 7 })), at('open', 'county'))).toBe(false);
    expect(readsInternalNotes(otherCounty, at('open', 'county'))).toBe(false);
  });
});
