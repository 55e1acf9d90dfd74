import { type Dataset, endOfWorkingDays, type Grant, listZhejiangRegions } from '@chainbrain/domain';
import { type Database, replaceDataset, savePlanPack, upsertRegions } from '@chainbrain/store';
import { testBackends, tinyDataset, tinyNodes, tinyPlan } from '@chainbrain/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildActor, SYSTEM_ACTOR } from '../access/actor.js';
import { loadDataset } from '../datasets/load-dataset.js';
import { actOnRiskCase } from './act-on-risk-case.js';
import { escalateOverdueCases } from './escalate-overdue.js';
import { getRiskCase } from './get-risk-case.js';
import { getRiskSummary } from './get-risk-summary.js';
import { exportRiskCases, listRiskCases } from './list-risk-cases.js';
import { scanRisks } from './scan-risks.js';

const YI = 100_000_000;
const DAY = 86_400_000;
const PLAN = 'tiny';

const person = (id: number, grant: Partial<Grant> & Pick<Grant, 'role'>) =>
  buildActor(
    { id, username: `u${id}`, displayName: `U${id}` },
    [{ regionCode: null, chainId: null, firmId: null, ...grant }],
    'session',
  );
const ADMIN = person(1, { role: 'province_admin' });
const ANALYST = person(2, { role: 'province_analyst' });
const YINZHOU = person(3, { role: 'county', regionCode: '330212' });
const BEILUN = person(4, { role: 'county', regionCode: '330206' });
const NINGBO = person(5, { role: 'city', regionCode: '330200' });
const HANGZHOU = person(6, { role: 'city', regionCode: '330100' });
const FIRM_2 = person(7, { role: 'firm', firmId: 2 });
const FIRM_1 = person(8, { role: 'firm', firmId: 1 });
const VIEWER = person(9, { role: 'viewer' });
const ALPHA_LEADER = person(10, { role: 'chain_leader', chainId: 'alpha' });

/**
 * Firm 2 (甲二公司, 鄞州区 of Ningbo, medium, tagged 龙头: watched by the list) buys its critical input
 * alpha.a1 (rated 2 into alpha.a2) in 2024 from firm 1 alone, 5 亿: a single source (share 1 ≥ 0.8) with
 * no backup. With `backup`, a qualified same-standard backup is registered and the risk is gone.
 */
function dataset(backup: boolean): Dataset {
  return {
    ...tinyDataset,
    supplyLinks: [
      {
        supplierFirmId: 1,
        supplierSource: null,
        buyerFirmId: 2,
        period: '2024',
        valueYuan: 5 * YI,
        source: 't',
      },
      // A rated-1 input of a watched firm: not on the list, whatever its sources.
      {
        supplierFirmId: null,
        supplierSource: 'dom:out-of-province:beta.b1',
        buyerFirmId: 2,
        period: '2024',
        valueYuan: YI,
        source: 't',
      },
    ],
    backups: backup
      ? [
          {
            buyerFirmId: 2,
            inputNodeId: 'alpha.a1',
            currentSupplierFirmId: 1,
            currentSupplierSource: null,
            backupFirmId: 3,
            backupSource: null,
            standard: 'same',
            state: 'qualified',
            leadTimeWeeks: 4,
            registeredPeriod: '2024-06',
          },
        ]
      : [],
  };
}

/** Regions and the tiny plan with its map's input edges. */
async function prepare(database: Database) {
  await upsertRegions(database.query, listZhejiangRegions());
  await savePlanPack(database.query, tinyPlan, tinyNodes, [
    { from: 'alpha.a1', to: 'alpha.a2', essentiality: 2 },
    { from: 'beta.b1', to: 'alpha.a2', essentiality: 1 },
  ]);
}

const kinds = async (database: Database, caseId: number) =>
  (await getRiskCase(database, ADMIN, PLAN, caseId)).events.map((e) => e.kind);

for (const backend of testBackends()) {
  describe(`the risk list and its closed loop on ${backend.name}`, () => {
    let database: Database;
    let caseId: number;
    beforeAll(async () => {
      database = await backend.open();
      await prepare(database);
      // Loading scans: the list follows every load.
      await loadDataset(database, dataset(false));
    });
    afterAll(async () => {
      await database?.close();
    });

    it('opens a case at the firm’s county for a critical input with one source and no backup', async () => {
      const { total, cases } = await listRiskCases(database, ADMIN, PLAN, {}, { offset: 0, limit: 10 });
      expect(total).toBe(1);
      const c = cases[0]!;
      caseId = c.id;
      expect(c).toMatchObject({
        kind: 'firm_input',
        firmId: 2,
        countyCode: '330212',
        cityCode: '330200',
        chainId: 'alpha',
        nodeId: 'alpha.a1',
        severity: 'high',
        status: 'open',
        level: 'county',
        conditionHolds: true,
        overdue: false,
      });
      expect(c.findings).toMatchObject({
        listedAs: { sizeClass: null, tags: ['龙头', '专精特新'] },
        year: '2024',
        essentiality: 2,
        totalYuan: 5 * YI,
        largestShare: 1,
        largestKind: 'firm',
        backupStatus: 'none',
      });
      const fired = (c.findings as { rules: Array<{ rule: string; fired: boolean }> }).rules
        .filter((r) => r.fired)
        .map((r) => r.rule);
      expect(fired).toEqual(['single_source', 'no_qualified_backup']);
      // Due at the end of the county's third working day after the scan.
      expect(c.dueAt).toEqual(endOfWorkingDays(c.stepSince, 3));
      expect(c.dueAt!.getTime() - c.stepSince.getTime()).toBeGreaterThan(3 * DAY);
      expect(await kinds(database, caseId)).toEqual(['detected']);
    });

    it('scans again without adding, notes a cleared condition, and notes its return', async () => {
      expect(await scanRisks(database, ADMIN, PLAN)).toMatchObject({
        found: 1,
        added: 0,
        cleared: 0,
        recurred: 0,
      });
      await loadDataset(database, dataset(true));
      expect((await getRiskSummary(database, ADMIN, PLAN)).backupCoverage?.total).toMatchObject({
        inputs: 1,
        sameStandardReady: 1,
        none: 0,
        atRisk: 0,
      });
      let c = await getRiskCase(database, ADMIN, PLAN, caseId);
      // Only an office closes a case: it stays open, marked as no longer found.
      expect(c).toMatchObject({ status: 'open', conditionHolds: false });
      await loadDataset(database, dataset(false));
      c = await getRiskCase(database, ADMIN, PLAN, caseId);
      expect(c).toMatchObject({ status: 'open', conditionHolds: true });
      expect(c.events.map((e) => e.kind)).toEqual(['detected', 'cleared', 'recurred']);
    });

    it('runs two scans at once without a duplicate case', async () => {
      const fresh = await backend.open();
      try {
        await prepare(fresh);
        // Loaded without its scan, so that both scans find the case new.
        await fresh.transaction(({ query }) => replaceDataset(query, dataset(false)));
        const [a, b] = await Promise.all([scanRisks(fresh, ADMIN, PLAN), scanRisks(fresh, ADMIN, PLAN)]);
        expect([a.found, b.found, a.added + b.added]).toEqual([1, 1, 1]);
        expect((await listRiskCases(fresh, ADMIN, PLAN, {}, { offset: 0, limit: 10 })).total).toBe(1);
      } finally {
        await fresh.close();
      }
    });

    it('moves a case with its firm: a firm found in another county is that county’s case', async () => {
      const fresh = await backend.open();
      try {
        await prepare(fresh);
        await loadDataset(fresh, dataset(false));
        const moved = dataset(false);
        // Firm 2 moves from 鄞州区 to 北仑区 (both Ningbo) and to chain beta, and its input is still at risk.
        moved.firms = moved.firms.map((f) =>
          f.id === 2 ? { ...f, countyCode: '330206', primaryChainId: 'beta' } : f,
        );
        await loadDataset(fresh, moved);
        const seen = async (actor: typeof ADMIN) =>
          (await listRiskCases(fresh, actor, PLAN, {}, { offset: 0, limit: 10 })).total;
        const [c] = (await listRiskCases(fresh, ADMIN, PLAN, {}, { offset: 0, limit: 10 })).cases;
        expect(c).toMatchObject({ firmId: 2, countyCode: '330206', cityCode: '330200', chainId: 'beta' });
        // The county it left no longer reads the firm's new figures; the county it moved to does.
        expect(await seen(YINZHOU)).toBe(0);
        expect(await seen(ALPHA_LEADER)).toBe(0);
        expect(await seen(BEILUN)).toBe(1);
        expect((await getRiskCase(fresh, BEILUN, PLAN, c!.id)).actions).toContain('acknowledge');
      } finally {
        await fresh.close();
      }
    });

    it('shows each caller the cases of its scope only, and no firm rows to a viewer', async () => {
      const seen = async (actor: typeof ADMIN) =>
        (await listRiskCases(database, actor, PLAN, {}, { offset: 0, limit: 10 })).total;
      expect(await seen(YINZHOU)).toBe(1);
      expect(await seen(NINGBO)).toBe(1);
      expect(await seen(FIRM_2)).toBe(1);
      expect(await seen(ALPHA_LEADER)).toBe(1);
      expect(await seen(BEILUN)).toBe(0);
      expect(await seen(HANGZHOU)).toBe(0);
      expect(await seen(FIRM_1)).toBe(0);
      await expect(seen(VIEWER)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(getRiskCase(database, BEILUN, PLAN, caseId)).rejects.toMatchObject({ code: 'not_found' });
      // Filters: by region, overdue, text.
      const filtered = async (filter: object) =>
        (await listRiskCases(database, ADMIN, PLAN, filter, { offset: 0, limit: 10 })).total;
      expect(await filtered({ regionCode: '330200' })).toBe(1);
      expect(await filtered({ regionCode: '330100' })).toBe(0);
      expect(await filtered({ overdue: true })).toBe(0);
      expect(await filtered({ text: '甲二' })).toBe(1);
      expect(await filtered({ text: '%' })).toBe(0);
      expect(await filtered({ statuses: ['closed'] })).toBe(0);
      expect(await filtered({ escalated: true })).toBe(0);
      expect(await filtered({ escalated: false })).toBe(1);
      const summary = await getRiskSummary(database, NINGBO, PLAN);
      expect(summary).toMatchObject({ overdue: 0, escalated: 0, high: 1, openByLevel: { county: 1 } });
      expect(summary.byCity).toEqual([{ cityCode: '330200', total: 1, open: 1, overdue: 0, high: 1 }]);
      expect(summary.byCounty).toEqual([{ countyCode: '330212', total: 1, open: 1, overdue: 0, high: 1 }]);
      // Backup coverage of the watched critical inputs, over the caller's regions and chains only.
      expect(summary.backupCoverage?.byChain).toEqual([
        {
          chainId: 'alpha',
          inputs: 1,
          sameStandardReady: 0,
          lowerStandardReady: 0,
          inQualification: 0,
          none: 1,
          atRisk: 1,
        },
      ]);
      // The scans' counts are the province's: a county gets when and which data, not how many.
      expect(summary.scans[0]).toMatchObject({ actorName: null, counts: null });
      expect((await getRiskSummary(database, ADMIN, PLAN)).scans[0]?.counts).toMatchObject({ found: 1 });
      expect((await getRiskSummary(database, BEILUN, PLAN)).backupCoverage).toMatchObject({
        byChain: [],
        total: { inputs: 0 },
      });
    });

    it('takes the loop: respond, resolve with a measure, confirmed by the level above', async () => {
      expect((await getRiskCase(database, FIRM_2, PLAN, caseId)).actions).toEqual(['comment']);
      expect((await getRiskCase(database, YINZHOU, PLAN, caseId)).actions).toEqual([
        'acknowledge',
        'escalate',
        'comment',
      ]);
      // The firm may add a note, not move the case.
      await actOnRiskCase(database, FIRM_2, PLAN, caseId, { action: 'comment', note: '已联系外省供应商' });
      await expect(
        actOnRiskCase(database, FIRM_2, PLAN, caseId, { action: 'acknowledge' }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await actOnRiskCase(database, YINZHOU, PLAN, caseId, { action: 'acknowledge' });
      await expect(
        actOnRiskCase(database, YINZHOU, PLAN, caseId, {
          action: 'resolve',
          measure: 'same_standard_backup',
        }),
      ).rejects.toMatchObject({ code: 'invalid_input', details: { field: 'note' } });
      await expect(
        actOnRiskCase(database, YINZHOU, PLAN, caseId, { action: 'resolve', note: '已备份' }),
      ).rejects.toMatchObject({ code: 'invalid_input', details: { field: 'measure' } });
      const resolved = await actOnRiskCase(database, YINZHOU, PLAN, caseId, {
        action: 'resolve',
        measure: 'same_standard_backup',
        note: '乙一公司完成同准备份认证',
      });
      expect(resolved).toMatchObject({ status: 'resolved', level: 'county' });
      // Nobody closes their own case: the county cannot, the city can.
      await expect(
        actOnRiskCase(database, YINZHOU, PLAN, caseId, { action: 'confirm' }),
      ).rejects.toMatchObject({
        code: 'forbidden',
        messageZh: '此事项当前为县级已化解待销号，您不能销号',
        messageEn:
          'you cannot confirm this case now: it is resolved, awaiting confirmation at the county level',
      });
      const closed = await actOnRiskCase(database, NINGBO, PLAN, caseId, { action: 'confirm' });
      expect(closed).toMatchObject({ status: 'closed', dueAt: null, actions: ['reopen', 'comment'] });
      expect(closed.closedAt).not.toBeNull();
      expect(closed.events.slice(3).map((e) => [e.kind, e.actorName, e.toStatus, e.measure])).toEqual([
        ['comment', 'u7', 'open', null],
        ['acknowledge', 'u3', 'responding', null],
        ['resolve', 'u3', 'resolved', 'same_standard_backup'],
        ['confirm', 'u5', 'closed', null],
      ]);
      const audit = await database.query<{ action: string }>(
        "select action from audit_log where action like 'risk_case.%' order by id",
      );
      expect(audit.map((a) => a.action)).toEqual([
        'risk_case.comment',
        'risk_case.acknowledge',
        'risk_case.resolve',
        'risk_case.confirm',
      ]);
    });

    it('keeps a closed case closed on a rescan, and opens it again when new data still shows the risk', async () => {
      await scanRisks(database, ADMIN, PLAN);
      expect(await getRiskCase(database, ADMIN, PLAN, caseId)).toMatchObject({ status: 'closed' });
      await loadDataset(database, dataset(false));
      const c = await getRiskCase(database, ADMIN, PLAN, caseId);
      expect(c).toMatchObject({ status: 'open', level: 'county', closedAt: null });
      expect(c.events.at(-1)).toMatchObject({ kind: 'recurred', fromStatus: 'closed', toStatus: 'open' });
    });

    it('moves an unanswered case up a level at each deadline, and stops at the province', async () => {
      const start = (await getRiskCase(database, ADMIN, PLAN, caseId)).stepSince.getTime();
      // The county's three working days, then the city's three from the moment it was moved up.
      const countyDue = endOfWorkingDays(new Date(start), 3).getTime();
      const cityDue = endOfWorkingDays(new Date(countyDue + 1), 3).getTime();
      expect(await escalateOverdueCases(database, new Date(countyDue))).toBe(0);
      expect(await escalateOverdueCases(database, new Date(countyDue + 1))).toBe(1);
      let c = await getRiskCase(database, ADMIN, PLAN, caseId, new Date(countyDue + 1));
      expect(c).toMatchObject({ status: 'open', level: 'city', overdue: false });
      expect((await getRiskCase(database, YINZHOU, PLAN, caseId)).actions).toEqual(['comment']);
      expect((await getRiskCase(database, NINGBO, PLAN, caseId)).actions).toContain('acknowledge');
      expect(await escalateOverdueCases(database, new Date(cityDue))).toBe(0);
      expect(await escalateOverdueCases(database, new Date(cityDue + 1))).toBe(1);
      expect(await escalateOverdueCases(database, new Date(start + 60 * DAY))).toBe(0);
      c = await getRiskCase(database, ADMIN, PLAN, caseId, new Date(start + 60 * DAY));
      // The province's own deadline passes: flagged overdue (督办), nowhere further to go.
      expect(c).toMatchObject({ status: 'open', level: 'province', overdue: true });
      expect(
        c.events.filter((e) => e.kind === 'auto_escalated').map((e) => [e.fromLevel, e.toLevel]),
      ).toEqual([
        ['county', 'city'],
        ['city', 'province'],
      ]);
      const summary = await getRiskSummary(database, ADMIN, PLAN, new Date(start + 60 * DAY));
      expect(summary).toMatchObject({ overdue: 1, escalated: 1, openByLevel: { province: 1 } });
      const escalated = await listRiskCases(
        database,
        ADMIN,
        PLAN,
        { escalated: true },
        { offset: 0, limit: 10 },
      );
      expect(escalated.cases.map((x) => x.id)).toEqual([caseId]);
    });

    it('at the province, lets another person than the resolver close the case', async () => {
      await actOnRiskCase(database, ALPHA_LEADER, PLAN, caseId, { action: 'acknowledge' });
      await actOnRiskCase(database, ALPHA_LEADER, PLAN, caseId, {
        action: 'resolve',
        measure: 'new_supplier',
        note: '引入省外第二供应商',
      });
      expect((await getRiskCase(database, ALPHA_LEADER, PLAN, caseId)).actions).toEqual(['comment']);
      expect((await getRiskCase(database, ANALYST, PLAN, caseId)).actions).toEqual([
        'confirm',
        'reject',
        'comment',
      ]);
      const rejected = await actOnRiskCase(database, ANALYST, PLAN, caseId, {
        action: 'reject',
        note: '第二供应商尚未完成认证',
      });
      expect(rejected).toMatchObject({ status: 'responding', level: 'province' });
    });

    it('keeps the history append-only in the database itself', async () => {
      await expect(database.query('update risk_case_events set note = $1', ['rewritten'])).rejects.toThrow(
        /append-only/,
      );
      await expect(database.query('delete from risk_case_events')).rejects.toThrow(/append-only/);
    });

    it('keeps internal notes among the offices: the firm reads neither them nor how many there are', async () => {
      const secret = '企业报送数据存疑，请市里先电话核实（内部）';
      await actOnRiskCase(database, FIRM_2, PLAN, caseId, {
        action: 'comment',
        note: '已提交备份供应商清单',
      });
      const written = await actOnRiskCase(database, YINZHOU, PLAN, caseId, {
        action: 'comment',
        note: secret,
        internal: true,
      });
      expect(written.internalNotes).toBe(true);
      expect(written.events.at(-1)).toMatchObject({ kind: 'comment', note: secret, internal: true });
      // Every office of the case's levels reads it, marked internal.
      for (const office of [YINZHOU, NINGBO, ADMIN, ANALYST, ALPHA_LEADER]) {
        const c = await getRiskCase(database, office, PLAN, caseId);
        expect(c.internalNotes).toBe(true);
        expect(c.events.filter((e) => e.internal).map((e) => e.note)).toEqual([secret]);
      }
      // The firm reads every other step and note, and nothing of the internal one: not even a gap.
      const official = await getRiskCase(database, ADMIN, PLAN, caseId);
      const firm = await getRiskCase(database, FIRM_2, PLAN, caseId);
      expect(firm.internalNotes).toBe(false);
      expect(firm.events.map((e) => e.id)).toEqual(
        official.events.filter((e) => !e.internal).map((e) => e.id),
      );
      expect(firm.events.length).toBe(official.events.length - 1);
      expect(firm.events.at(-1)).toMatchObject({ note: '已提交备份供应商清单', internal: false });
      expect(JSON.stringify(firm)).not.toContain('内部');
      // Nor in its spreadsheet: the last step it gets is the last one it may read.
      const [firmRow] = (await exportRiskCases(database, FIRM_2, PLAN, {})).cases;
      expect(firmRow?.lastEvent).toMatchObject({ note: '已提交备份供应商清单', internal: false });
      const adminRow = (await exportRiskCases(database, ADMIN, PLAN, {})).cases.find((x) => x.id === caseId);
      expect(adminRow?.lastEvent).toMatchObject({ note: secret, internal: true });
      // The audit log says the note was internal.
      const [audit] = await database.query<{ action: string; details: { internal: boolean } }>(
        "select action, details from audit_log where action = 'risk_case.comment' order by id desc limit 1",
      );
      expect(audit).toMatchObject({ action: 'risk_case.comment', details: { internal: true } });
    });

    it('lets only the offices write an internal note, and only as a comment', async () => {
      const before = (await getRiskCase(database, ADMIN, PLAN, caseId)).events.length;
      await expect(
        actOnRiskCase(database, FIRM_2, PLAN, caseId, {
          action: 'comment',
          note: '内部看法',
          internal: true,
        }),
      ).rejects.toMatchObject({
        code: 'forbidden',
        messageZh: '只有处置此事项的政府部门可以写内部备注，企业不能',
        details: { field: 'internal' },
      });
      // An account that is the firm's and also the county's speaks for the firm here.
      const both = buildActor(
        { id: 11, username: 'u11', displayName: 'U11' },
        [
          { role: 'firm', regionCode: null, chainId: null, firmId: 2 },
          { role: 'county', regionCode: '330212', chainId: null, firmId: null },
        ],
        'session',
      );
      await expect(
        actOnRiskCase(database, both, PLAN, caseId, { action: 'comment', note: '内部看法', internal: true }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      expect((await getRiskCase(database, both, PLAN, caseId)).events.some((e) => e.internal)).toBe(false);
      // A step's note explains the measure to the firm: it cannot be internal.
      await expect(
        actOnRiskCase(database, ANALYST, PLAN, caseId, {
          action: 'reject',
          note: '内部看法',
          internal: true,
        }),
      ).rejects.toMatchObject({ code: 'invalid_input', details: { field: 'internal' } });
      expect((await getRiskCase(database, ADMIN, PLAN, caseId)).events.length).toBe(before);
    });

    it('reads the events written before internal notes existed as not internal', async () => {
      // As a row of before migration 0013 was written: without the column.
      await database.query(
        `insert into risk_case_events (case_id, at, actor_name, kind, to_status, to_level, note)
         values ($1, now(), 'u3', 'comment', 'responding', 'province', '旧备注')`,
        [caseId],
      );
      for (const reader of [ADMIN, FIRM_2]) {
        const old = (await getRiskCase(database, reader, PLAN, caseId)).events.at(-1);
        expect(old).toMatchObject({ note: '旧备注', internal: false });
      }
    });

    it('keeps every case when a dataset without the firm is loaded', async () => {
      await loadDataset(database, { ...dataset(false), supplyLinks: [] });
      const c = await getRiskCase(database, ADMIN, PLAN, caseId);
      expect(c).toMatchObject({ firmId: 2, firmName: '甲二公司', conditionHolds: false });
      expect(await scanRisks(database, SYSTEM_ACTOR, PLAN)).toMatchObject({ found: 0, cleared: 0 });
    });
  });
}
