import type { RawQuery } from '../connection/open-database.js';
import {
  appendCaseEvents,
  insertRiskCases,
  insertRiskScan,
  type NewRiskCase,
} from '../repositories/risk-case-repository.js';

const rule = (name: string, value: number, threshold: number, fired: boolean) => ({
  rule: name,
  value,
  comparison: '>=' as const,
  threshold,
  fired,
});

/** A firm's critical input found at risk, as the scan stores it (figures made up for the tests). */
export function tinyFirmFindings(totalYuan = 5e8) {
  return {
    listedAs: { sizeClass: 'large', tags: [] },
    year: '2024',
    essentiality: 2,
    totalYuan,
    suppliers: 1,
    largestShare: 1,
    largestKind: 'firm',
    largestCountry: null,
    foreignShare: 0,
    backupStatus: 'none',
    registeredBackups: 0,
    bestBackup: null,
    rules: [rule('single_source', 1, 0.8, true), rule('no_qualified_backup', 0, 1, true)],
  };
}

/**
 * Four cases on the tiny plan, one or more in each test role's scope (server/testing/access-fixture.ts):
 * 1 firm 1's input (西湖区, Hangzhou, alpha), 2 firm 3's (北仑区, Ningbo, beta), 3 firm 2's (鄞州区,
 * Ningbo, alpha), 4 node beta.b1's import dependency (beta, no region). All open, found at `now`.
 */
export async function seedTinyRiskCases(query: RawQuery, now = new Date()): Promise<Map<string, number>> {
  const scanId = await insertRiskScan(query, {
    planId: 'tiny',
    ranAt: now,
    actorName: 'test',
    dataMonth: '2025-03',
    datasetLoadedAt: now,
  });
  const firmCase = (
    firmId: number,
    name: string,
    county: string,
    city: string,
    chain: string,
    node: string,
  ) =>
    ({
      planId: 'tiny',
      kind: 'firm_input',
      riskKey: `${firmId}:${node}`,
      firmId,
      firmName: name,
      countyCode: county,
      cityCode: city,
      chainId: chain,
      nodeId: node,
      nodeNameZh: node,
      nodeNameEn: node,
      severity: 'high',
      findings: tinyFirmFindings(),
      status: 'open',
      level: 'county',
      stepSince: now,
      dueAt: new Date(now.getTime() + 3 * 86_400_000),
      conditionHolds: true,
      firstScanId: scanId,
      lastSeenScanId: scanId,
      detectedAt: now,
    }) satisfies NewRiskCase;
  const cases: NewRiskCase[] = [
    firmCase(1, '甲一公司', '330106', '330100', 'alpha', 'alpha.a2'),
    firmCase(3, '乙一公司', '330206', '330200', 'beta', 'alpha.a1'),
    firmCase(2, '甲二公司', '330212', '330200', 'alpha', 'alpha.a1'),
    {
      ...firmCase(0, '', '', '', 'beta', 'beta.b1'),
      kind: 'node_import',
      riskKey: 'beta.b1',
      firmId: null,
      firmName: null,
      countyCode: null,
      cityCode: null,
      level: 'province',
      dueAt: new Date(now.getTime() + 5 * 86_400_000),
      findings: {
        month: '2025-03',
        window: ['2022', '2023', '2024'],
        heldIn: ['2023', '2024'],
        persistence: { k: 2, n: 3 },
        years: [],
        rules: [rule('persistence', 2, 2, true)],
        sharedHsCodes: [],
      },
    },
  ];
  const ids = await insertRiskCases(query, cases);
  await appendCaseEvents(
    query,
    cases.map((c) => ({
      caseId: ids.get(c.riskKey)!,
      at: now,
      actorUserId: null,
      actorName: 'test',
      kind: 'detected',
      fromStatus: null,
      toStatus: 'open',
      fromLevel: null,
      toLevel: c.level,
      note: null,
      measure: null,
      scanId,
    })),
  );
  return ids;
}
