import {
  EMPTY_SCOPE,
  firmInputSeverity,
  listedFirmReason,
  moreSevere,
  RISK_LIST_RULES,
  restrictedOriginSeverity,
} from '@chainbrain/domain';
import {
  type BackupRow,
  type Database,
  latestOutputPeriod,
  type PurchaseRow,
  type RiskCaseRow,
  scanBackups,
  scanFirms,
  scanNodes,
  scanPurchases,
} from '@chainbrain/store';
import { getPlanDependency } from '../chains/get-node-dependency.js';
import {
  assessInput,
  type InputAssessment,
  purchasesByNode,
  type RestrictedOriginMatch,
} from '../firms/assess-inputs.js';
import type { RuleView } from '../indicators/rule-view.js';
import { loadRestrictedList } from '../restricted-origins/restricted-list.js';

/** A risk the rules found: what it is about, and the figures that made each rule fire. */
export type RiskFinding = Pick<
  RiskCaseRow,
  | 'kind'
  | 'riskKey'
  | 'firmId'
  | 'firmName'
  | 'countyCode'
  | 'cityCode'
  | 'chainId'
  | 'nodeId'
  | 'nodeNameZh'
  | 'nodeNameEn'
  | 'severity'
> & { findings: FirmInputFindings | NodeImportFindings };

/** Rules as stored: an unknown value (NaN, e.g. a lead time nobody gave) is null in JSON. */
export type StoredRule = Omit<RuleView, 'value'> & { value: number | null };

export type FirmInputFindings = {
  /** Why the firm's inputs are on the list: its size class (large) or the plan's tags it carries. */
  listedAs: { sizeClass: string | null; tags: string[] };
  /**
   * Which rules put the input on the list: the supply rule (a dominant or foreign source without a ready
   * backup), a restricted origin (ADR 0024), or both. Absent on cases stored before the second existed,
   * which only the supply rule could list.
   */
  enteredBy?: Array<'supply' | 'restricted_origin'>;
  /**
   * Restricted-origin exposure when the scan ran: shares and the purchases the list's entries cover or
   * may cover, with the entries' sources. Absent on cases stored before the list existed.
   */
  restricted?: {
    share: number;
    /** yuan */
    amountYuan: number;
    unclearShare: number;
    matches: RestrictedOriginMatch[];
    unclearMatches: RestrictedOriginMatch[];
  };
  /** The calendar year of the purchases. */
  year: string;
  essentiality: number;
  /** yuan */
  totalYuan: number;
  suppliers: number;
  largestShare: number;
  /** What the largest supplier is (a firm, abroad, another province); no name, which is that firm's. */
  largestKind: 'firm' | 'foreign' | 'out_of_province' | null;
  largestCountry: string | null;
  foreignShare: number;
  backupStatus: InputAssessment['backupStatus'];
  registeredBackups: number;
  bestBackup: { standard: BackupRow['standard']; state: BackupRow['state']; leadTimeWeeks: number } | null;
  rules: StoredRule[];
};

export type NodeImportFindings = {
  month: string;
  window: string[];
  heldIn: string[];
  persistence: { k: number; n: number };
  years: Array<{
    year: string;
    hhi: number;
    topOrigin: string | null;
    topShare: number;
    importDependence: number | null;
    importExportRatio: number;
    flagged: boolean | null;
  }>;
  rules: StoredRule[];
  sharedHsCodes: Array<{ code: string; nodeIds: string[] }>;
};

const storedRule = (r: RuleView): StoredRule => ({
  ...r,
  value: Number.isFinite(r.value) ? r.value : null,
});

/**
 * Runs the risk rules over the whole plan (ADR 0021): the critical inputs of the firms the list watches
 * (RISK_LIST_RULES) with the firm page's rules (a dominant or foreign source and no ready backup) and the
 * restricted-origin rule against the stored list as it is now (ADR 0024), and each chain node with the
 * import-dependency screen's persistence rule. Province-wide: scoping applies when the cases are read.
 */
export async function findRisks(
  database: Database,
  planId: string,
): Promise<{ findings: RiskFinding[]; dataMonth: string | null; coverage: BackupCoverageRow[] }> {
  const { query } = database;
  const listed = (await scanFirms(query, planId)).flatMap((firm) => {
    const reason = listedFirmReason(firm);
    return reason ? [{ firm, reason }] : [];
  });
  const ids = listed.map((l) => l.firm.id);
  const [purchases, backups, { nodes, edges }, dataMonth, list] = await Promise.all([
    scanPurchases(query, ids),
    scanBackups(query, ids),
    scanNodes(query, planId),
    latestOutputPeriod(query, planId),
    loadRestrictedList(query),
  ]);
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const essentiality = new Map(edges.map((e) => [`${e.fromNode}>${e.toNode}`, e.essentiality]));
  const purchasesOf = groupBy(purchases, (p) => p.buyerFirmId);
  const backupsOf = groupBy(backups, (b) => b.buyerFirmId);

  const findings: RiskFinding[] = [];
  const coverage = new Map<string, BackupCoverageRow>();
  for (const { firm, reason } of listed) {
    const rows = purchasesOf.get(firm.id);
    if (!rows) continue;
    const year = rows[0]!.year;
    for (const [nodeId, bought] of purchasesByNode(rows as PurchaseRow[])) {
      const rating = essentiality.get(`${nodeId}>${firm.primaryNodeId}`) ?? null;
      const node = nodeById.get(nodeId);
      // The list watches only the inputs production stops without (RISK_LIST_RULES).
      if (!node || rating === null || rating < RISK_LIST_RULES.minEssentiality) continue;
      const a = assessInput({ ...node, essentiality: rating }, bought, backupsOf.get(firm.id) ?? [], list);
      const restricted = a.restricted.share > RISK_LIST_RULES.restrictedOrigin.minShare;
      countCoverage(coverage, firm, a, a.atRisk || restricted);
      if (!a.atRisk && !restricted) continue;
      const supplySeverity = firmInputSeverity({
        backupStatus: a.backupStatus,
        foreignFired: a.rules.some((r) => r.rule === 'foreign_share' && r.fired),
        tags: firm.tags,
      });
      const restrictedSeverity = restrictedOriginSeverity(a.restricted.share);
      const largestSource = a.largestRow?.supplierSource ?? null;
      findings.push({
        kind: 'firm_input',
        riskKey: `${firm.id}:${nodeId}`,
        firmId: firm.id,
        firmName: firm.name,
        countyCode: firm.countyCode,
        cityCode: firm.cityCode,
        chainId: firm.primaryChainId,
        nodeId,
        nodeNameZh: node.nameZh,
        nodeNameEn: node.nameEn,
        severity:
          a.atRisk && restricted
            ? moreSevere(supplySeverity, restrictedSeverity)
            : a.atRisk
              ? supplySeverity
              : restrictedSeverity,
        findings: {
          listedAs: reason,
          enteredBy: [
            ...(a.atRisk ? ['supply' as const] : []),
            ...(restricted ? ['restricted_origin' as const] : []),
          ],
          restricted: {
            share: a.restricted.share,
            amountYuan: a.restricted.amountYuan,
            unclearShare: a.restricted.unclearShare,
            matches: a.restricted.matches,
            unclearMatches: a.restricted.unclearMatches,
          },
          year,
          essentiality: rating,
          totalYuan: a.totalYuan,
          suppliers: a.suppliers,
          largestShare: a.largestShare,
          largestKind: !a.largestRow
            ? null
            : a.largestRow.supplierFirmId !== null
              ? 'firm'
              : largestSource?.startsWith('ext:')
                ? 'foreign'
                : 'out_of_province',
          largestCountry: largestSource?.startsWith('ext:') ? (largestSource.split(':')[1] ?? null) : null,
          foreignShare: a.foreignShare,
          backupStatus: a.backupStatus,
          registeredBackups: a.registeredBackups,
          bestBackup: a.bestBackup
            ? {
                standard: a.bestBackup.standard,
                state: a.bestBackup.state,
                leadTimeWeeks: a.bestBackup.leadTimeWeeks,
              }
            : null,
          rules: a.rules.map(storedRule),
        },
      });
    }
  }

  if (dataMonth) {
    // Province-wide screens, with nothing withheld: who may read a node's case is decided when it is read.
    const screens = await getPlanDependency(database, planId, dataMonth, { ...EMPTY_SCOPE, all: true });
    for (const s of screens) {
      if (s.flagged !== true) continue;
      findings.push({
        kind: 'node_import',
        riskKey: s.nodeId,
        firmId: null,
        firmName: null,
        countyCode: null,
        cityCode: null,
        chainId: s.chainId,
        nodeId: s.nodeId,
        nodeNameZh: s.nameZh,
        nodeNameEn: s.nameEn,
        severity: s.heldIn.length >= s.window.length ? 'high' : 'medium',
        findings: {
          month: s.month,
          window: s.window,
          heldIn: s.heldIn,
          persistence: s.persistence,
          years: s.years.map((y) => ({
            year: y.year,
            hhi: y.hhi,
            topOrigin: y.topOrigin,
            topShare: y.topShare,
            importDependence: y.importDependence,
            importExportRatio: y.importExportRatio,
            flagged: y.flagged,
          })),
          rules: s.fired.map(storedRule),
          sharedHsCodes: s.sharedHsCodes,
        },
      });
    }
  }
  return { findings, dataMonth: dataMonth ?? null, coverage: [...coverage.values()] };
}

/**
 * Backup coverage of the watched firms' critical inputs (重点领域备份覆盖), per chain and county: how
 * many such inputs have a ready backup of the same or a lower standard, one in qualification, or none;
 * and how many are on the list. Counts of inputs only, no firm's figures.
 */
export type BackupCoverageRow = {
  chainId: string;
  cityCode: string;
  countyCode: string;
  inputs: number;
  sameStandardReady: number;
  lowerStandardReady: number;
  inQualification: number;
  none: number;
  atRisk: number;
};

function countCoverage(
  coverage: Map<string, BackupCoverageRow>,
  firm: { primaryChainId: string; cityCode: string; countyCode: string },
  a: InputAssessment,
  listed: boolean,
) {
  const key = `${firm.primaryChainId}|${firm.countyCode}`;
  let row = coverage.get(key);
  if (!row) {
    row = {
      chainId: firm.primaryChainId,
      cityCode: firm.cityCode,
      countyCode: firm.countyCode,
      inputs: 0,
      sameStandardReady: 0,
      lowerStandardReady: 0,
      inQualification: 0,
      none: 0,
      atRisk: 0,
    };
    coverage.set(key, row);
  }
  row.inputs++;
  if (a.backupStatus === 'same_standard_ready') row.sameStandardReady++;
  else if (a.backupStatus === 'lower_standard_ready') row.lowerStandardReady++;
  else if (a.backupStatus === 'in_qualification') row.inQualification++;
  else row.none++;
  if (listed) row.atRisk++;
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
