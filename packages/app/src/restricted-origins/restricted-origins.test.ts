import { type Dataset, type Grant, listZhejiangRegions } from '@chainbrain/domain';
import { type Database, listAuditEntries, savePlanPack, upsertRegions } from '@chainbrain/store';
import { testBackends, tinyDataset, tinyNodes, tinyPlan } from '@chainbrain/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildActor } from '../access/actor.js';
import { loadDataset } from '../datasets/load-dataset.js';
import { getFirmSupply } from '../firms/get-firm-supply.js';
import { listRiskCases } from '../risks/list-risk-cases.js';
import { scanRisks } from '../risks/scan-risks.js';
import { addRestrictedOrigin } from './add-restricted-origin.js';
import { listRestrictedOriginEntries } from './list-restricted-origins.js';
import { removeRestrictedOrigin } from './remove-restricted-origin.js';
import { seedRestrictedOrigins } from './seed-restricted-origins.js';

const YI = 100_000_000;
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
const VIEWER = person(4, { role: 'viewer' });
const CHIPS = { country: 'US', hs: '8542.31', source: 'US EAR ECCN 3A090, 2022-10' };

/**
 * The tiny plan with HS codes: alpha.a1 trades under 854231 (processors), beta.b1 under 854231 and
 * 854232, so its purchases are compared under what the two share, 8542. Firm 2 (甲二公司, 鄞州区,
 * tagged 龙头: watched) buys in 2024 alpha.a1 (rated 2) 3 亿 from firm 1 and 1 亿 from the US, and
 * beta.b1 (rated 1) 6 亿 from other provinces and 2 亿 from the US. With US 854231 on the list:
 * alpha.a1's restricted share is 1/4, beta.b1's unclear share 2/8 (8542 may or may not be 854231).
 * Neither is at risk by the supply rule (largest source 0.75, abroad 0.25; beta.b1 is rated 1).
 */
const nodes = tinyNodes.map((n) =>
  n.id === 'alpha.a1'
    ? { ...n, hsCodes: ['854231'] }
    : n.id === 'beta.b1'
      ? { ...n, hsCodes: ['854231', '854232'] }
      : n,
);
const link = (supplierFirmId: number | null, supplierSource: string | null, yi: number) => ({
  supplierFirmId,
  supplierSource,
  buyerFirmId: 2,
  period: '2024',
  valueYuan: yi * YI,
  source: 't',
});
const dataset: Dataset = {
  ...tinyDataset,
  supplyLinks: [
    link(1, null, 3),
    link(null, 'ext:US:alpha.a1', 1),
    link(null, 'dom:out-of-province:beta.b1', 6),
    link(null, 'ext:US:beta.b1', 2),
  ],
  backups: [],
};

const audited = async (database: Database, action: string) =>
  (await listAuditEntries(database.query, { limit: 100 })).filter((e) => e.action === action);

for (const backend of testBackends()) {
  describe(`the restricted-origin list on ${backend.name}`, () => {
    let database: Database;
    let chipsId: number;
    beforeAll(async () => {
      database = await backend.open();
      await upsertRegions(database.query, listZhejiangRegions());
      await savePlanPack(database.query, tinyPlan, nodes, [
        { from: 'alpha.a1', to: 'alpha.a2', essentiality: 2 },
        { from: 'beta.b1', to: 'alpha.a2', essentiality: 1 },
      ]);
      await loadDataset(database, dataset);
    });
    afterAll(async () => {
      await database?.close();
    });

    it('is kept by province administrators alone, each addition audited with the stored digits', async () => {
      await expect(addRestrictedOrigin(database, ANALYST, CHIPS)).rejects.toMatchObject({
        code: 'forbidden',
      });
      await expect(addRestrictedOrigin(database, YINZHOU, CHIPS)).rejects.toMatchObject({
        code: 'forbidden',
      });
      const added = await addRestrictedOrigin(database, ADMIN, { ...CHIPS, note: '  advanced computing ' });
      chipsId = added.id;
      expect(added).toMatchObject({
        country: 'US',
        hs: '854231',
        source: 'US EAR ECCN 3A090, 2022-10',
        note: 'advanced computing',
        addedByName: 'u1',
      });
      const [entry] = await audited(database, 'restricted_origin.add');
      expect(entry).toMatchObject({
        actorName: 'u1',
        targetType: 'restricted_origin',
        targetId: String(added.id),
        details: { country: 'US', hs: '854231', source: CHIPS.source, note: 'advanced computing' },
      });
    });

    it('is read by every official who reads firms, and by no one else', async () => {
      for (const reader of [ANALYST, YINZHOU, ADMIN])
        expect((await listRestrictedOriginEntries(database, reader)).map((e) => e.id)).toEqual([chipsId]);
      await expect(listRestrictedOriginEntries(database, VIEWER)).rejects.toMatchObject({
        code: 'forbidden',
      });
    });

    it('refuses the same country and code twice, however the code is written, naming the entry there', async () => {
      const error = await addRestrictedOrigin(database, ADMIN, {
        country: ' us',
        hs: '8542 31',
        source: 'another',
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'conflict', status: 409 });
      expect((error as Error).message).toContain(
        `US 854231 is already on the restricted-origin list (entry ${chipsId}`,
      );
      expect((error as { messageZh: string }).messageZh).toContain('限制来源清单已有 US 854231');
    });

    it('names the bad value in both languages, with the engine’s own code checks', async () => {
      const refused = (input: Record<string, unknown>) =>
        addRestrictedOrigin(database, ADMIN, { source: 'x', ...input } as never).catch((e: unknown) => e);
      const country = (await refused({ country: 'USA', hs: '8542' })) as {
        messageZh: string;
        messageEn: string;
      };
      expect(country).toMatchObject({ code: 'invalid_input' });
      expect(country.messageEn).toMatch(/^country must be an ISO 3166 alpha-2 code.*got "USA"$/);
      expect(country.messageZh).toMatch(/^country 应为 ISO 3166 两位字母国家代码.*实为 "USA"$/);
      const hs = (await refused({ country: 'US', hs: 'ECCN 3A090' })) as {
        messageZh: string;
        messageEn: string;
      };
      expect(hs.messageEn).toMatch(/^entry US: HS code must be 2, 4, 6, 8 or 10 digits.*got "ECCN 3A090"$/);
      expect(hs.messageZh).toMatch(/^entry US：HS 编码应为 2、4、6、8 或 10 位数字.*实为 "ECCN 3A090"$/);
      const odd = (await refused({ country: 'US', hs: '854' })) as { messageEn: string };
      expect(odd.messageEn).toContain('got "854"');
      expect(await refused({ country: 'XX' })).toMatchObject({
        code: 'invalid_input',
        messageEn: 'country code XX is not an ISO 3166 country',
      });
      expect(await refused({ country: 'US', source: '   ' })).toMatchObject({ code: 'invalid_input' });
      expect(await listRestrictedOriginEntries(database, ADMIN)).toHaveLength(1);
    });

    it('shows each input’s restricted and unclear shares on the firm page, with the entry that matched', async () => {
      const s = await getFirmSupply(database, YINZHOU, PLAN, 2);
      const a1 = s.inputs.find((i) => i.nodeId === 'alpha.a1')!;
      expect(a1.restricted).toMatchObject({ share: 0.25, amount: 1, unclearShare: 0, unclearMatches: [] });
      expect(a1.restricted.matches).toEqual([
        {
          country: 'US',
          hs: '854231',
          amount: 1,
          entries: [{ country: 'US', hs: '854231', source: CHIPS.source }],
        },
      ]);
      expect(a1.rules.find((r) => r.rule === 'restricted_origin')).toEqual({
        rule: 'restricted_origin',
        value: 0.25,
        comparison: '>',
        threshold: 0,
        fired: true,
      });
      const b1 = s.inputs.find((i) => i.nodeId === 'beta.b1')!;
      expect(b1.restricted).toMatchObject({ share: 0, unclearShare: 0.25, unclearAmount: 2 });
      expect(b1.restricted.unclearMatches).toEqual([
        {
          country: 'US',
          hs: '8542',
          amount: 2,
          entries: [{ country: 'US', hs: '854231', source: CHIPS.source }],
        },
      ]);
      // 6 of 8 from other provinces (0.75) is no single source; no backup is registered.
      expect(b1.rules.filter((r) => r.fired).map((r) => r.rule)).toEqual([
        'no_qualified_backup',
        'restricted_origin_unclear',
      ]);
    });

    it('lists a critical input bought from a restricted origin at the next scan, with the rule’s values', async () => {
      // Loaded before the entry: nothing listed until a scan applies the list.
      expect((await listRiskCases(database, ADMIN, PLAN, {}, { offset: 0, limit: 10 })).total).toBe(0);
      expect(await scanRisks(database, ADMIN, PLAN)).toMatchObject({ found: 1, added: 1 });
      const { cases } = await listRiskCases(database, YINZHOU, PLAN, {}, { offset: 0, limit: 10 });
      expect(cases).toHaveLength(1);
      const c = cases[0]!;
      // A quarter from the US: medium (high from half on); the supply rule did not fire.
      expect(c).toMatchObject({ firmId: 2, nodeId: 'alpha.a1', severity: 'medium', conditionHolds: true });
      expect(c.findings).toMatchObject({
        enteredBy: ['restricted_origin'],
        restricted: {
          share: 0.25,
          amountYuan: YI,
          unclearShare: 0,
          matches: [
            { country: 'US', hs: '854231', amountYuan: YI, entries: [{ country: 'US', hs: '854231' }] },
          ],
        },
      });
      expect((c.findings as { rules: Array<{ rule: string }> }).rules).toContainEqual({
        rule: 'restricted_origin',
        value: 0.25,
        comparison: '>',
        threshold: 0,
        fired: true,
      });
    });

    it('removes an entry (audited, 404 the second time); the next scan marks the case cleared', async () => {
      await expect(removeRestrictedOrigin(database, ANALYST, chipsId)).rejects.toMatchObject({
        code: 'forbidden',
      });
      expect(await removeRestrictedOrigin(database, ADMIN, chipsId)).toMatchObject({
        country: 'US',
        hs: '854231',
      });
      expect(await audited(database, 'restricted_origin.remove')).toMatchObject([
        { targetId: String(chipsId), details: { country: 'US', hs: '854231', source: CHIPS.source } },
      ]);
      await expect(removeRestrictedOrigin(database, ADMIN, chipsId)).rejects.toMatchObject({
        code: 'not_found',
      });
      // The list changed, the cases did not: only a scan applies it.
      const before = await listRiskCases(database, ADMIN, PLAN, {}, { offset: 0, limit: 10 });
      expect(before.cases[0]!.conditionHolds).toBe(true);
      expect(await scanRisks(database, ADMIN, PLAN)).toMatchObject({ found: 0, cleared: 1 });
      const after = await listRiskCases(database, ADMIN, PLAN, {}, { offset: 0, limit: 10 });
      expect(after.cases[0]!.conditionHolds).toBe(false);
    });

    it('seeds entries not yet listed, checked and audited as the system’s, and adds none twice', async () => {
      const demo = [
        { country: 'NL', hs: '8486.20', source: 'NL 2023-09' },
        { country: 'JP', hs: '3707.90', source: 'METI 2019-07', note: 'example' },
      ];
      expect(await seedRestrictedOrigins(database, demo)).toBe(2);
      expect(await seedRestrictedOrigins(database, demo)).toBe(0);
      expect((await listRestrictedOriginEntries(database, ADMIN)).map((e) => `${e.country} ${e.hs}`)).toEqual(
        ['JP 370790', 'NL 848620'],
      );
      expect(
        (await audited(database, 'restricted_origin.add')).filter((e) => e.actorName === 'system'),
      ).toHaveLength(2);
      await expect(
        seedRestrictedOrigins(database, [{ country: 'NL', hs: '848', source: 's' }]),
      ).rejects.toMatchObject({
        code: 'invalid_input',
      });
    });
  });
}
