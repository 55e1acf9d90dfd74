import { listZhejiangRegions } from '@chainbrain/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../connection/open-database.js';
import { testBackends } from '../testing/backends.js';
import { tinyDataset, tinyNodes, tinyPlan } from '../testing/tiny-dataset.js';
import { replaceDataset } from './dataset-repository.js';
import { latestOutputPeriod, sumChainOutputWindows } from './output-repository.js';
import { listChains, listRegions, savePlanPack, upsertRegions } from './reference-repository.js';

for (const backend of testBackends()) {
  describe(`store on ${backend.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await backend.open();
      await upsertRegions(database.query, listZhejiangRegions());
      await savePlanPack(database.query, tinyPlan, tinyNodes, []);
    });
    afterAll(async () => {
      await database?.close();
    });

    it('holds Zhejiang: 1 province, 11 cities, 90 counties', async () => {
      const regions = await listRegions(database.query);
      expect(regions.filter((r) => r.level === 'city')).toHaveLength(11);
      expect(regions.filter((r) => r.level === 'county')).toHaveLength(90);
      expect(regions.find((r) => r.code === '330106')?.name_zh).toBe('西湖区');
    });

    it('loads a dataset in one go and builds rollups that count each firm once', async () => {
      const counts = await database.transaction(({ query }) => replaceDataset(query, tinyDataset));
      expect(counts).toMatchObject({ firms: 3, memberships: 4, output: 33, supplyLinks: 1, customs: 1 });
      // alpha: 2 counties × 15 months; beta: 1 county × 3 months.
      expect(counts.rollups).toBe(33);
      expect(await latestOutputPeriod(database.query, 'tiny')).toBe('2025-03');
      const chains = await listChains(database.query, 'tiny');
      expect(chains.map((c) => c.id)).toEqual(['alpha', 'beta']);
      const sums = await sumChainOutputWindows(database.query, 'tiny', {
        month: '2025-03',
        ytdFrom: '2025-01',
        prevFrom: '2024-01',
        prevTo: '2024-03',
        trailingFrom: '2024-04',
      });
      const beta = sums.find((s) => s.chainId === 'beta');
      // Firm 2's secondary membership in beta does not add its output to beta.
      expect(beta?.ytdYuan).toBeCloseTo(0.6e8, 0);
      expect(beta?.prevMonthsReported).toBe(0);
    });

    it('loads chain services with the dataset and keeps identities usable after a fast load', async () => {
      const withServices = {
        ...tinyDataset,
        backups: [
          {
            buyerFirmId: 1,
            inputNodeId: 'alpha.a2',
            currentSupplierFirmId: 2,
            currentSupplierSource: null,
            backupFirmId: null,
            backupSource: 'dom:out-of-province:alpha.a2',
            standard: 'lower' as const,
            state: 'qualifying' as const,
            leadTimeWeeks: 12,
            registeredPeriod: '2024-06',
          },
        ],
        communities: [
          { id: 1, chainId: 'alpha', name: '甲共同体（演示）', leaderFirmId: 1, foundedYear: 2022 },
        ],
        communityMembers: [
          { communityId: 1, firmId: 1, role: 'leader' as const },
          { communityId: 1, firmId: 2, role: 'supplier' as const },
        ],
        projects: [
          {
            id: 1,
            name: '西湖甲二补链项目（演示）',
            chainId: 'alpha',
            nodeId: 'alpha.a2',
            countyCode: '330106',
            investmentYi: 12.5,
            stage: 'signed' as const,
            startYear: 2024,
            firmId: null,
          },
        ],
        firstOfKind: [
          {
            id: 1,
            product: '甲二 CB-1A型 首台（套）（演示）',
            firmId: 2,
            nodeId: 'alpha.a2',
            chainId: 'alpha',
            year: 2024,
            kind: 'equipment' as const,
            level: 'national' as const,
          },
        ],
      };
      const counts = await database.transaction(({ query }) => replaceDataset(query, withServices));
      expect(counts).toMatchObject({
        backups: 1,
        communities: 1,
        communityMembers: 2,
        projects: 1,
        firstOfKind: 1,
      });
      // A second load replaces everything, and the identity sequences still hand out fresh ids.
      await database.transaction(({ query }) => replaceDataset(query, withServices));
      const rows = await database.query<{ n: number }>('select count(*)::int as n from backup_suppliers');
      expect(rows[0]?.n).toBe(1);
      await database.query(
        "insert into supply_links (supplier_firm_id, buyer_firm_id, period, value_yuan, source) values (1, 2, '2025', 7, 't')",
      );
      await database.query(
        "insert into customs_records (firm_id, hs_code, country, direction, period, value_yuan) values (1, '854231', 'KR', 'import', '2025-02', 7)",
      );
      await database.transaction(({ query }) => replaceDataset(query, tinyDataset));
    });

    it('rolls back a failing load and keeps the previous data', async () => {
      const broken = {
        ...tinyDataset,
        output: [...tinyDataset.output, { firmId: 99, period: '2025-01', valueYuan: 1 }],
      };
      await expect(database.transaction(({ query }) => replaceDataset(query, broken))).rejects.toThrow();
      const rows = await database.query<{ n: number }>('select count(*)::int as n from firm_output_monthly');
      expect(rows[0]?.n).toBe(33);
    });

    it('rejects negative output and a link with two suppliers', async () => {
      await expect(
        database.query(
          "insert into firm_output_monthly (firm_id, period, value_yuan) values (1, '2030-01', -5)",
        ),
      ).rejects.toThrow();
      await expect(
        database.query(
          "insert into supply_links (supplier_firm_id, supplier_source, buyer_firm_id, period, value_yuan, source) values (2, 'ext:JP:x', 1, '2024', 1, 't')",
        ),
      ).rejects.toThrow();
    });
  });
}
