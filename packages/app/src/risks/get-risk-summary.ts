import { CASE_LEVELS, CASE_STATUSES, type CaseLevel, type CaseStatus } from '@chainbrain/domain';
import {
  type Database,
  latestScanCoverage,
  listRiskScans,
  type RiskScanRow,
  tallyRiskCases,
} from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import type { BackupCoverageRow } from './find-risks.js';
import { firstLevel } from './scan-risks.js';

type Counts = { total: number; open: number; overdue: number; high: number };

export type RiskSummary = {
  byStatus: Record<CaseStatus, number>;
  /** Cases not closed, by the level that holds them. */
  openByLevel: Record<CaseLevel, number>;
  /** Not closed and past due. */
  overdue: number;
  /** Not closed and held above the level they started at (moved up by an office or by a deadline). */
  escalated: number;
  /** Not closed although the latest scan no longer finds the risk: waiting for an office to close them. */
  cleared: number;
  high: number;
  byKind: Record<'firm_input' | 'node_import', Counts>;
  /** Per city and county (firm cases) and per chain: all cases, and those not closed, overdue, high. */
  byCity: Array<{ cityCode: string } & Counts>;
  byCounty: Array<{ countyCode: string } & Counts>;
  byChain: Array<{ chainId: string } & Counts>;
  /**
   * The latest scans (the list's versions), newest first. Their counts are the whole province's: only
   * province-wide callers get them (and who ran the scan); others get when and which data month.
   */
  scans: ScanSummary[];
  /**
   * Backup coverage of the watched firms' critical inputs at the latest scan, per chain and in all, over
   * the regions and chains of the caller's scope (a firm user: none).
   */
  backupCoverage: { scanId: number; byChain: CoverageCounts[]; total: CoverageCounts } | null;
};

export type ScanSummary = Pick<RiskScanRow, 'id' | 'ranAt' | 'dataMonth'> & {
  actorName: string | null;
  counts: Pick<RiskScanRow, 'found' | 'added' | 'cleared' | 'recurred' | 'millis'> | null;
};

function scanSummary(scan: RiskScanRow, provinceWide: boolean): ScanSummary {
  return {
    id: scan.id,
    ranAt: scan.ranAt,
    dataMonth: scan.dataMonth,
    actorName: provinceWide ? scan.actorName : null,
    counts: provinceWide
      ? {
          found: scan.found,
          added: scan.added,
          cleared: scan.cleared,
          recurred: scan.recurred,
          millis: scan.millis,
        }
      : null,
  };
}

export type CoverageCounts = Omit<BackupCoverageRow, 'cityCode' | 'countyCode'>;

function coverageOf(rows: readonly BackupCoverageRow[], scope: Actor['scope']) {
  const inScope = rows.filter(
    (r) =>
      scope.all ||
      scope.chainIds.includes(r.chainId) ||
      scope.cityCodes.includes(r.cityCode) ||
      scope.countyCodes.includes(r.countyCode),
  );
  const zero = (chainId: string): CoverageCounts => ({
    chainId,
    inputs: 0,
    sameStandardReady: 0,
    lowerStandardReady: 0,
    inQualification: 0,
    none: 0,
    atRisk: 0,
  });
  const add = (into: CoverageCounts, r: BackupCoverageRow) => {
    into.inputs += r.inputs;
    into.sameStandardReady += r.sameStandardReady;
    into.lowerStandardReady += r.lowerStandardReady;
    into.inQualification += r.inQualification;
    into.none += r.none;
    into.atRisk += r.atRisk;
  };
  const chains = new Map<string, CoverageCounts>();
  const total = zero('');
  for (const r of inScope) {
    add(chains.get(r.chainId) ?? chains.set(r.chainId, zero(r.chainId)).get(r.chainId)!, r);
    add(total, r);
  }
  return { byChain: [...chains.values()].sort((a, b) => (a.chainId < b.chainId ? -1 : 1)), total };
}

const RANK: Record<CaseLevel, number> = { county: 0, city: 1, province: 2 };

/** Counts of the caller's cases for the risk list's head and the overview (firms:read, scoped). */
export async function getRiskSummary(
  database: Database,
  actor: Actor,
  planId: string,
  now: Date = new Date(),
): Promise<RiskSummary> {
  requirePermission(actor, 'firms:read');
  const [tallies, scans, latest] = await Promise.all([
    tallyRiskCases(database.query, actor.scope, planId, now),
    listRiskScans(database.query, planId, 5),
    latestScanCoverage(database.query, planId),
  ]);
  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  const openByLevel = Object.fromEntries(CASE_LEVELS.map((l) => [l, 0])) as Record<CaseLevel, number>;
  const empty = (): Counts => ({ total: 0, open: 0, overdue: 0, high: 0 });
  const byKind = { firm_input: empty(), node_import: empty() };
  const cities = new Map<string, Counts>();
  const counties = new Map<string, Counts>();
  const chains = new Map<string, Counts>();
  let overdue = 0;
  let escalated = 0;
  let cleared = 0;
  let high = 0;
  for (const t of tallies) {
    byStatus[t.status] += t.cases;
    const groups = [byKind[t.kind]];
    if (t.cityCode) groups.push(cities.get(t.cityCode) ?? cities.set(t.cityCode, empty()).get(t.cityCode)!);
    if (t.countyCode)
      groups.push(counties.get(t.countyCode) ?? counties.set(t.countyCode, empty()).get(t.countyCode)!);
    groups.push(chains.get(t.chainId) ?? chains.set(t.chainId, empty()).get(t.chainId)!);
    for (const g of groups) g.total += t.cases;
    if (t.status === 'closed') continue;
    openByLevel[t.level] += t.cases;
    if (t.overdue) overdue += t.cases;
    if (RANK[t.level] > RANK[firstLevel(t.kind)]) escalated += t.cases;
    if (t.cleared) cleared += t.cases;
    if (t.severity === 'high') high += t.cases;
    for (const g of groups) {
      g.open += t.cases;
      if (t.overdue) g.overdue += t.cases;
      if (t.severity === 'high') g.high += t.cases;
    }
  }
  const sorted = <K extends string>(m: Map<string, Counts>, key: K) =>
    [...m.entries()]
      .map(([k, c]) => ({ [key]: k, ...c }) as { [P in K]: string } & Counts)
      .sort((a, b) => b.open - a.open || b.total - a.total || (a[key] < b[key] ? -1 : 1));
  return {
    byStatus,
    openByLevel,
    overdue,
    escalated,
    cleared,
    high,
    byKind,
    byCity: sorted(cities, 'cityCode'),
    byCounty: sorted(counties, 'countyCode'),
    byChain: sorted(chains, 'chainId'),
    scans: scans.map((scan) => scanSummary(scan, actor.scope.all)),
    backupCoverage: latest
      ? { scanId: latest.scanId, ...coverageOf(latest.coverage as BackupCoverageRow[], actor.scope) }
      : null,
  };
}
