import { ROLES, type Role } from '@chainbrain/domain';
import { testBackends } from '@chainbrain/store/testing';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  type AccessFixture,
  type Caller,
  ROLE_USERS,
  signIn,
  TEST_PASSWORD,
  useAccessFixture,
} from '../testing/access-fixture.js';
import { readSheet } from '../testing/read-sheet.js';

/**
 * Every registered /api route against every role and an anonymous caller. A route that is not in CASES
 * fails the suite: a new route must come with its access test.
 */
type RouteCase = {
  /** The request against an in-scope target. */
  run(fx: AccessFixture, caller: Caller): Promise<LightMyRequestResponse>;
  /** Status when the caller is allowed. */
  ok: number;
  /** Extra checks on an allowed answer (e.g. only in-scope rows). */
  check?(response: LightMyRequestResponse, role: Role | 'anonymous'): void | Promise<void>;
  /** The request against an out-of-scope target; allowed callers must get 404. Null: none for this caller. */
  outOfScope?(fx: AccessFixture, caller: Caller): Promise<LightMyRequestResponse | null>;
};

const usernameOf = (caller: Caller) =>
  caller.role === 'anonymous' ? ROLE_USERS.viewer.username : ROLE_USERS[caller.role].username;
let counter = 0;

/**
 * The seeded risk cases each role reads (seedTinyRiskCases): 1 firm 1 in Hangzhou (alpha), 2 firm 3 in
 * 北仑区 (beta), 3 firm 2 (alpha), 4 node beta.b1. A case follows its firm's primary chain and region.
 */
const RISK_CASES_SEEN: Record<Role, number[]> = {
  province_admin: [1, 2, 3, 4],
  province_analyst: [1, 2, 3, 4],
  chain_leader: [2, 4],
  city: [1],
  county: [2],
  firm: [3],
  viewer: [],
};

/**
 * The 补链 projects each role reads (tiny-dataset.ts): on alpha 1 (firm 1, 西湖区), 2 (no firm, 鄞州区),
 * 3 (firm 2, 北仑区); on beta 4 (firm 3, 北仑区), 5 (no firm, 西湖区). A project with a firm follows the
 * firm's scope; one without follows its county (and city) and chain.
 */
const PROJECTS_SEEN: Record<Role, { alpha: number[]; beta: number[] }> = {
  province_admin: { alpha: [1, 2, 3], beta: [4, 5] },
  province_analyst: { alpha: [1, 2, 3], beta: [4, 5] },
  chain_leader: { alpha: [3], beta: [4, 5] },
  city: { alpha: [1], beta: [5] },
  county: { alpha: [], beta: [4] },
  firm: { alpha: [3], beta: [] },
  viewer: { alpha: [], beta: [] },
};
const PROJECT_CHAIN: Record<number, 'alpha' | 'beta'> = {
  1: 'alpha',
  2: 'alpha',
  3: 'alpha',
  4: 'beta',
  5: 'beta',
};
/** First-of-a-kind products on alpha: 1 firm 1, 2 firm 2. Communities on alpha: 1, led by firm 1. */
const FIRST_OF_KIND_ALPHA_SEEN: Record<Role, number[]> = {
  province_admin: [1, 2],
  province_analyst: [1, 2],
  chain_leader: [2],
  city: [1],
  county: [],
  firm: [2],
  viewer: [],
};
const projectsSeen = (role: Role | 'anonymous') =>
  role === 'anonymous' ? [] : [...PROJECTS_SEEN[role].alpha, ...PROJECTS_SEEN[role].beta];
const projectUrl = (id: number) => `/api/v1/plans/tiny/chains/${PROJECT_CHAIN[id]}/projects/${id}`;
const sortedIds = (items: Array<{ id: number }>) => items.map((i) => i.id).sort((a, b) => a - b);

const CASES: Record<string, RouteCase> = {
  'GET /api/health': { run: (fx, c) => fx.as(c, { url: '/api/health' }), ok: 200 },
  'POST /api/v1/auth/login': {
    run: (fx) =>
      fx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: ROLE_USERS.viewer.username, password: 'Test-password-123' },
      }),
    ok: 200,
  },
  'POST /api/v1/auth/logout': {
    // A fresh session of the same user, so the caller's own session stays for the other cases.
    async run(fx, c) {
      if (c.role === 'anonymous') return fx.app.inject({ method: 'POST', url: '/api/v1/auth/logout' });
      const fresh = await signIn(fx.app, usernameOf(c));
      return fx.as(
        { ...c, cookie: fresh.cookie, csrf: fresh.csrf },
        { method: 'POST', url: '/api/v1/auth/logout' },
      );
    },
    ok: 204,
  },
  'GET /api/v1/auth/me': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/auth/me' }),
    ok: 200,
    check: (r, role) => expect(r.json().grants[0].role).toBe(role),
  },
  'POST /api/v1/auth/password': {
    // Changed and changed back, tokens kept, so the caller's session and password serve the other cases.
    async run(fx, c) {
      const change = (from: string, to: string) =>
        fx.as(c, {
          method: 'POST',
          url: '/api/v1/auth/password',
          payload: { current_password: from, new_password: to, revoke_tokens: false },
        });
      const first = await change(TEST_PASSWORD, 'Matrix-password-2026');
      if (first.statusCode !== 200) return first;
      return change('Matrix-password-2026', TEST_PASSWORD);
    },
    ok: 200,
  },
  'GET /api/v1/auth/config': { run: (fx, c) => fx.as(c, { url: '/api/v1/auth/config' }), ok: 200 },
  'GET /api/v1/auth/tokens': { run: (fx, c) => fx.as(c, { url: '/api/v1/auth/tokens' }), ok: 200 },
  'POST /api/v1/auth/tokens': {
    run: (fx, c) =>
      fx.as(c, { method: 'POST', url: '/api/v1/auth/tokens', payload: { name: `t${counter++}` } }),
    ok: 201,
  },
  'DELETE /api/v1/auth/tokens/:tokenId': {
    async run(fx, c) {
      const owner = c.role === 'anonymous' ? fx.callers.viewer : c;
      const created = await fx.as(owner, {
        method: 'POST',
        url: '/api/v1/auth/tokens',
        payload: { name: 'to-revoke' },
      });
      return fx.as(c, { method: 'DELETE', url: `/api/v1/auth/tokens/${created.json().id}` });
    },
    ok: 204,
    async outOfScope(fx, c) {
      const other = c.role === 'viewer' ? fx.callers.province_admin : fx.callers.viewer;
      const created = await fx.as(other, {
        method: 'POST',
        url: '/api/v1/auth/tokens',
        payload: { name: 'not-yours' },
      });
      return fx.as(c, { method: 'DELETE', url: `/api/v1/auth/tokens/${created.json().id}` });
    },
  },
  'GET /api/v1/users': { run: (fx, c) => fx.as(c, { url: '/api/v1/users' }), ok: 200 },
  'POST /api/v1/users': {
    run: (fx, c) =>
      fx.as(c, {
        method: 'POST',
        url: '/api/v1/users',
        payload: {
          username: `new-user-${counter++}`,
          display_name: 'N',
          password: 'Another-password-456',
          grants: [{ role: 'viewer' }],
        },
      }),
    ok: 201,
  },
  'PATCH /api/v1/users/:userId': {
    run: (fx, c) =>
      fx.as(c, {
        method: 'PATCH',
        url: `/api/v1/users/${fx.callers.viewer.userId}`,
        payload: { display_name: `v${counter++}` },
      }),
    ok: 200,
  },
  'GET /api/v1/users/:userId/tokens': {
    run: (fx, c) => fx.as(c, { url: `/api/v1/users/${fx.callers.viewer.userId}/tokens` }),
    ok: 200,
  },
  'DELETE /api/v1/users/:userId/tokens/:tokenId': {
    async run(fx, c) {
      const owner = fx.callers.viewer;
      const created = await fx.as(owner, {
        method: 'POST',
        url: '/api/v1/auth/tokens',
        payload: { name: `feed-${counter++}` },
      });
      return fx.as(c, {
        method: 'DELETE',
        url: `/api/v1/users/${owner.userId}/tokens/${created.json().id}`,
      });
    },
    ok: 204,
  },
  'GET /api/v1/audit': { run: (fx, c) => fx.as(c, { url: '/api/v1/audit?limit=5' }), ok: 200 },
  'GET /api/v1/audit/verify': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/audit/verify' }),
    ok: 200,
    check: (r) => expect(r.json().ok).toBe(true),
  },
  'GET /api/v1/plans': { run: (fx, c) => fx.as(c, { url: '/api/v1/plans' }), ok: 200 },
  'GET /api/v1/plans/:planId': { run: (fx, c) => fx.as(c, { url: '/api/v1/plans/tiny' }), ok: 200 },
  'GET /api/v1/plans/:planId/overview': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/plans/tiny/overview?month=2025-03' }),
    ok: 200,
  },
  'GET /api/v1/plans/:planId/chains/:chainId/map': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/plans/tiny/chains/alpha/map' }),
    ok: 200,
  },
  'GET /api/v1/plans/:planId/chains/:chainId/stats': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/plans/tiny/chains/alpha/stats?month=2025-03' }),
    ok: 200,
  },
  'GET /api/v1/plans/:planId/nodes/:nodeId/stats': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/plans/tiny/nodes/alpha.a1/stats?month=2025-03' }),
    ok: 200,
  },
  'GET /api/v1/plans/:planId/nodes/:nodeId/dependency': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/plans/tiny/nodes/alpha.a1/dependency?month=2025-03' }),
    ok: 200,
    check(r, role) {
      if (role === 'anonymous') return;
      // The node rests on one firm: its output, and the dependence that would give it back, only for
      // callers who read that firm's chain. Its 2024 has no customs records, so customs alone say no: the
      // verdict stands for every caller.
      const body = r.json();
      expect(body.years.map((y: { year: string }) => y.year)).toEqual(['2024']);
      expect(body).toMatchObject({ undecided: null, flagged: false });
      if (ROLE_USERS[role].visibleFirms.length === 3) expect(body.years[0].local_production).not.toBeNull();
      if (role === 'viewer')
        expect(body.years[0]).toMatchObject({
          local_production: null,
          import_dependence: null,
          flagged: false,
        });
    },
  },
  'GET /api/v1/plans/:planId/chains/:chainId/dependency': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/plans/tiny/chains/alpha/dependency?month=2025-03' }),
    ok: 200,
    check(r, role) {
      if (role === 'anonymous') return;
      const a1 = r.json().nodes.find((n: { node_id: string }) => n.node_id === 'alpha.a1');
      expect(a1).toMatchObject({ undecided: null, flagged: false });
      if (ROLE_USERS[role].visibleFirms.length === 3) expect(a1.years[0].local_production).not.toBeNull();
      if (role === 'viewer')
        expect(a1.years[0]).toMatchObject({ local_production: null, import_dependence: null });
    },
  },
  'GET /api/v1/plans/:planId/dependency': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/plans/tiny/dependency?month=2025-03' }),
    ok: 200,
    check(r, role) {
      if (role === 'anonymous') return;
      // Two of the three nodes have no HS code; alpha.a1 rests on one firm, but customs alone decide it
      // (no records in its one year), so every caller has it not dependent.
      const { counts } = r.json();
      expect(counts).toEqual({ dependent: 0, some_years: 0, clear: 1, undecided: 2 });
    },
  },
  'GET /api/v1/plans/:planId/chains/:chainId/projects': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/plans/tiny/chains/alpha/projects' }),
    ok: 200,
    check(r, role) {
      if (role === 'anonymous') return;
      expect(sortedIds(r.json().items)).toEqual(PROJECTS_SEEN[role].alpha);
      for (const p of r.json().items) if (p.firm) expect(ROLE_USERS[role].visibleFirms).toContain(p.firm.id);
    },
  },
  'GET /api/v1/plans/:planId/chains/:chainId/projects/:projectId': {
    run: (fx, c) => fx.as(c, { url: projectUrl(projectsSeen(c.role)[0] ?? 1) }),
    ok: 200,
    async outOfScope(fx, c) {
      if (c.role === 'anonymous') return null;
      const hidden = [1, 2, 3, 4, 5].find((id) => !projectsSeen(c.role).includes(id));
      return hidden ? fx.as(c, { url: projectUrl(hidden) }) : null;
    },
  },
  'GET /api/v1/plans/:planId/chains/:chainId/first-of-kind': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/plans/tiny/chains/alpha/first-of-kind' }),
    ok: 200,
    check(r, role) {
      if (role === 'anonymous') return;
      expect(sortedIds(r.json().items)).toEqual(FIRST_OF_KIND_ALPHA_SEEN[role]);
    },
  },
  'GET /api/v1/plans/:planId/chains/:chainId/communities': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/plans/tiny/chains/alpha/communities' }),
    ok: 200,
    check(r, role) {
      if (role === 'anonymous') return;
      // Community 1 is led by firm 1: listed to those who read firm 1, with only the members they read.
      const visible = ROLE_USERS[role].visibleFirms;
      expect(sortedIds(r.json().items)).toEqual(visible.includes(1) ? [1] : []);
      for (const c of r.json().items) {
        expect(c.members).toBe(3);
        for (const m of c.listed) expect(visible).toContain(m.firm_id);
      }
    },
  },
  'GET /api/v1/plans/:planId/chains/:chainId/services/summary': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/plans/tiny/chains/alpha/services/summary' }),
    ok: 200,
    check(r, role) {
      if (role === 'anonymous') return;
      // Every project counted, whoever asks, and no firm in the answer.
      expect(r.json().projects.reduce((s: number, p: { projects: number }) => s + p.projects, 0)).toBe(3);
      expect(r.body).not.toMatch(/公司|firm/);
    },
  },
  'GET /api/v1/plans/:planId/chains/:chainId/gaps': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/plans/tiny/chains/alpha/gaps?month=2025-03' }),
    ok: 200,
    check(r, role) {
      if (role === 'anonymous') return;
      const [a1, ...rest] = r.json().nodes;
      expect(rest).toEqual([]);
      expect(a1).toMatchObject({ node_id: 'alpha.a1', gap: true, projects: 2 });
      // Its investment rests on firm 1 and a firmless project in 鄞州区: shown only to those who read both.
      if (role === 'province_admin' || role === 'province_analyst')
        expect(a1).toMatchObject({ investment: 4.75, suppressed: false });
      else expect(a1).toMatchObject({ investment: null, suppressed: true });
      // The node's projects (1 and 2) as far as the caller reads them; viewers get none listed.
      if (role === 'viewer') expect(a1.listed).toBeNull();
      else
        expect(sortedIds(a1.listed)).toEqual(PROJECTS_SEEN[role].alpha.filter((id) => id === 1 || id === 2));
    },
  },
  'GET /api/v1/plans/:planId/regions/summary': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/plans/tiny/regions/summary?month=2025-03&chain=alpha' }),
    ok: 200,
  },
  'GET /api/v1/plans/:planId/overview.xlsx': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/plans/tiny/overview.xlsx?month=2025-03' }),
    ok: 200,
  },
  'GET /api/v1/plans/:planId/regions/summary.xlsx': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/plans/tiny/regions/summary.xlsx?month=2025-03&chain=alpha' }),
    ok: 200,
  },
  'GET /api/v1/plans/:planId/chains/:chainId/dependency.xlsx': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/plans/tiny/chains/alpha/dependency.xlsx?month=2025-03' }),
    ok: 200,
  },
  'GET /api/v1/firms.xlsx': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/firms.xlsx?plan=tiny' }),
    ok: 200,
    async check(r, role) {
      if (role === 'anonymous') return;
      // The file holds the caller's firms and no other (their credit codes, read back from the sheet).
      const codes = (await readSheet(r.rawPayload, 0)).map((row) => String(row[0] ?? ''));
      expect(codes.filter((v) => /^[0-9A-Z]{18}$/.test(v)).length).toBe(ROLE_USERS[role].visibleFirms.length);
    },
  },
  'GET /api/v1/regions': { run: (fx, c) => fx.as(c, { url: '/api/v1/regions' }), ok: 200 },
  'GET /api/v1/firms': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/firms?plan=tiny' }),
    ok: 200,
    check(r, role) {
      if (role === 'anonymous') return;
      const ids = r.json().items.map((f: { id: number }) => f.id);
      expect(ids).toEqual(ROLE_USERS[role].visibleFirms);
      expect(r.json().total).toBe(ROLE_USERS[role].visibleFirms.length);
    },
  },
  'GET /api/v1/firms/:firmId': {
    run: (fx, c) => {
      const visible = c.role === 'anonymous' ? [1] : ROLE_USERS[c.role].visibleFirms;
      return fx.as(c, { url: `/api/v1/firms/${visible[0] ?? 1}?plan=tiny` });
    },
    ok: 200,
    async outOfScope(fx, c) {
      if (c.role === 'anonymous') return null;
      const hidden = [1, 2, 3].find((id) => !ROLE_USERS[c.role as Role].visibleFirms.includes(id));
      return hidden ? fx.as(c, { url: `/api/v1/firms/${hidden}?plan=tiny` }) : null;
    },
  },
  'GET /api/v1/firms/:firmId/supply': {
    run: (fx, c) => {
      const visible = c.role === 'anonymous' ? [1] : ROLE_USERS[c.role].visibleFirms;
      return fx.as(c, { url: `/api/v1/firms/${visible[0] ?? 1}/supply?plan=tiny` });
    },
    ok: 200,
    check(r, role) {
      if (role === 'anonymous') return;
      // A supplier that is a firm is named only to callers who read it.
      for (const input of r.json().inputs) {
        const s = input.largest;
        if (s?.kind === 'firm' && !ROLE_USERS[role].visibleFirms.includes(s.firm_id))
          expect(s.name).toBeNull();
      }
    },
    async outOfScope(fx, c) {
      if (c.role === 'anonymous') return null;
      const hidden = [1, 2, 3].find((id) => !ROLE_USERS[c.role as Role].visibleFirms.includes(id));
      return hidden ? fx.as(c, { url: `/api/v1/firms/${hidden}/supply?plan=tiny` }) : null;
    },
  },
  'GET /api/v1/risks': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/risks?plan=tiny' }),
    ok: 200,
    check(r, role) {
      if (role === 'anonymous') return;
      const ids = r
        .json()
        .items.map((c: { id: number }) => c.id)
        .sort();
      expect(ids).toEqual(RISK_CASES_SEEN[role]);
    },
  },
  'GET /api/v1/risks.xlsx': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/risks.xlsx?plan=tiny' }),
    ok: 200,
    async check(r, role) {
      if (role === 'anonymous') return;
      // The file holds the caller's cases and no other (their ids, read back from the sheet).
      const ids = (await readSheet(r.rawPayload, 0))
        .map((row) => row[0])
        .filter((v): v is number => typeof v === 'number')
        .sort();
      expect(ids).toEqual(RISK_CASES_SEEN[role]);
    },
  },
  'GET /api/v1/risks/summary': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/risks/summary?plan=tiny' }),
    ok: 200,
    check(r, role) {
      if (role === 'anonymous') return;
      expect(r.json().by_status.open).toBe(RISK_CASES_SEEN[role].length);
    },
  },
  'GET /api/v1/risks/rules': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/risks/rules' }),
    ok: 200,
    check(r, role) {
      if (role === 'anonymous') return;
      expect(r.json()).toMatchObject({
        firms: { min_essentiality: 2 },
        firm_input: { single_source: 0.8, foreign_share: 0.5, max_switch_weeks: 12 },
        restricted_origin: { min_share: 0, high_share: 0.5 },
        deadlines: {
          respond: { county: 3, city: 3, province: 5 },
          resolve: 30,
          confirm: 5,
          schedule_years: [2025, 2026],
          check_minutes: 10,
        },
      });
    },
  },
  'GET /api/v1/restricted-origins': {
    run: (fx, c) => fx.as(c, { url: '/api/v1/restricted-origins' }),
    ok: 200,
  },
  'POST /api/v1/restricted-origins': {
    // A heading of its own each time: the same (country, HS) twice is a conflict.
    run: (fx, c) =>
      fx.as(c, {
        method: 'POST',
        url: '/api/v1/restricted-origins',
        payload: { country: 'US', hs: String(1000 + counter++), source: 'access matrix' },
      }),
    ok: 201,
  },
  'DELETE /api/v1/restricted-origins/:entryId': {
    async run(fx, c) {
      const created = await fx.as(fx.callers.province_admin, {
        method: 'POST',
        url: '/api/v1/restricted-origins',
        payload: { country: 'JP', hs: String(1000 + counter++), source: 'access matrix' },
      });
      return fx.as(c, { method: 'DELETE', url: `/api/v1/restricted-origins/${created.json().id}` });
    },
    ok: 204,
  },
  'POST /api/v1/risks/scans': {
    run: (fx, c) => fx.as(c, { method: 'POST', url: '/api/v1/risks/scans?plan=tiny' }),
    ok: 200,
  },
  'GET /api/v1/risks/:caseId': {
    run: (fx, c) => {
      const seen = c.role === 'anonymous' ? [1] : RISK_CASES_SEEN[c.role];
      return fx.as(c, { url: `/api/v1/risks/${seen[0] ?? 1}?plan=tiny` });
    },
    ok: 200,
    async outOfScope(fx, c) {
      if (c.role === 'anonymous') return null;
      const hidden = [1, 2, 3, 4].find((id) => !RISK_CASES_SEEN[c.role as Role].includes(id));
      return hidden ? fx.as(c, { url: `/api/v1/risks/${hidden}?plan=tiny` }) : null;
    },
  },
  'POST /api/v1/risks/:caseId/actions': {
    // A note: every reader of a case may add one, and it changes no step.
    run: (fx, c) => {
      const seen = c.role === 'anonymous' ? [1] : RISK_CASES_SEEN[c.role];
      return fx.as(c, {
        method: 'POST',
        url: `/api/v1/risks/${seen[0] ?? 1}/actions?plan=tiny`,
        payload: { action: 'comment', note: `access matrix ${counter++}` },
      });
    },
    ok: 200,
    async outOfScope(fx, c) {
      if (c.role === 'anonymous') return null;
      const hidden = [1, 2, 3, 4].find((id) => !RISK_CASES_SEEN[c.role as Role].includes(id));
      return hidden
        ? fx.as(c, {
            method: 'POST',
            url: `/api/v1/risks/${hidden}/actions?plan=tiny`,
            payload: { action: 'comment', note: 'not mine' },
          })
        : null;
    },
  },
};

for (const backend of testBackends()) {
  describe(`access matrix on ${backend.name}`, () => {
    const ctx = useAccessFixture(backend);

    it('has an access case for every registered route, and no stale case', () => {
      const registered = ctx.fx.app.apiRoutes.map((r) => `${r.method} ${r.url}`);
      expect(
        registered.filter((key) => !CASES[key]),
        'routes without an access test',
      ).toEqual([]);
      expect(
        Object.keys(CASES).filter((key) => !registered.includes(key)),
        'cases for routes that do not exist',
      ).toEqual([]);
    });

    it('answers every route as its rule says, for every role and an anonymous caller', async () => {
      const failures: string[] = [];
      for (const route of ctx.fx.app.apiRoutes) {
        const key = `${route.method} ${route.url}`;
        const routeCase = CASES[key];
        if (!routeCase || !route.access) continue;
        const callers: Caller[] = [ctx.fx.anonymous, ...ROLES.map((role) => ctx.fx.callers[role])];
        for (const caller of callers) {
          let expected: number;
          if ('public' in route.access) expected = routeCase.ok;
          else if (caller.role === 'anonymous') expected = 401;
          else if ('permission' in route.access) {
            expected =
              ctx.fx.callers[caller.role] &&
              (await ctx.fx.as(caller, { url: '/api/v1/auth/me' }))
                .json()
                .permissions.includes(route.access.permission)
                ? routeCase.ok
                : 403;
          } else expected = routeCase.ok;
          const response = await routeCase.run(ctx.fx, caller);
          if (response.statusCode !== expected) {
            failures.push(
              `${key} as ${caller.role}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 120)}`,
            );
            continue;
          }
          if (expected === routeCase.ok) await routeCase.check?.(response, caller.role);
          if (expected === routeCase.ok && routeCase.outOfScope) {
            const hidden = await routeCase.outOfScope(ctx.fx, caller);
            if (hidden && hidden.statusCode !== 404) {
              failures.push(`${key} as ${caller.role}, out of scope: expected 404, got ${hidden.statusCode}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });
  });
}
