import { parseSourceId } from '@chainbrain/domain';
import {
  type Backup,
  backupStatus,
  type BackupStatus,
  foreignShare,
  largestSupplierShare,
  type Purchase,
  type RestrictedEntry,
  restrictedOriginExposure,
} from '@chainbrain/engine';
import type { BackupRow, PurchaseRow } from '@chainbrain/store';
import { type RuleView, ruleView } from '../indicators/rule-view.js';
import { purchaseHsCode } from './purchase-hs-code.js';

/**
 * An input node of the firm, how essential it is to the firm's primary node (chain map edge), and the HS
 * codes the chain map gives it (what its purchases are compared under against the restricted-origin list).
 */
export type InputNode = {
  id: string;
  nameZh: string;
  nameEn: string;
  essentiality: number | null;
  hsCodes: readonly string[];
};

/**
 * Purchases from one origin that a list entry covers or may cover: the origin (null: a foreign origin
 * nobody recorded), the HS code they were compared under, the amount, and the entries concerned.
 */
export type RestrictedOriginMatch = {
  country: string | null;
  hs: string;
  /** yuan */
  amountYuan: number;
  entries: RestrictedEntry[];
};

/** Restricted-origin exposure of one input (the engine's restrictedOriginExposure, ADR 0024). */
export type RestrictedAssessment = {
  share: number;
  /** yuan */
  amountYuan: number;
  matches: RestrictedOriginMatch[];
  /** Bought from a listed country under a code too coarse to tell, or from an unknown foreign origin. */
  unclearShare: number;
  /** yuan */
  unclearAmountYuan: number;
  unclearMatches: RestrictedOriginMatch[];
};

/** One input's indicators, before anything is named for a caller. */
export type InputAssessment = {
  node: InputNode;
  /** yuan */
  totalYuan: number;
  suppliers: number;
  largestShare: number;
  /** The purchase row of the largest supplier. */
  largestRow: PurchaseRow | undefined;
  foreignShare: number;
  backupStatus: BackupStatus;
  /** The best registered backup. */
  bestBackup: BackupRow | undefined;
  registeredBackups: number;
  restricted: RestrictedAssessment;
  /** single_source, foreign_share, the backup rules, restricted_origin, restricted_origin_unclear. */
  rules: RuleView[];
  /**
   * At risk of supply disruption: an essential input (rated 1 or 2) bought from one dominant source or
   * mostly abroad, with no qualified backup or a slow switch-over. Each part is a rule in `rules`.
   */
  atRisk: boolean;
  /** Bought at any share from a restricted origin (restricted_origin fired), whatever the other rules say. */
  restrictedFired: boolean;
};

const QUALIFICATION: Record<BackupRow['state'], Backup['qualification']> = {
  qualified: 'qualified',
  qualifying: 'in_progress',
  // Registered, with no qualification started: not a backup production could move to.
  registered: 'none',
};

/** The node a purchase is of: the supplying firm's primary node, or the node a source id names. */
export function purchaseNode(r: Pick<PurchaseRow, 'supplierNodeId' | 'supplierSource'>): string | null {
  return r.supplierNodeId ?? (r.supplierSource ? parseSourceId(r.supplierSource)?.nodeId : undefined) ?? null;
}

/** The purchases of a firm grouped by input node. */
export function purchasesByNode(rows: readonly PurchaseRow[]): Map<string, PurchaseRow[]> {
  const byNode = new Map<string, PurchaseRow[]>();
  for (const r of rows) {
    const node = purchaseNode(r);
    if (!node) continue;
    const list = byNode.get(node);
    if (list) list.push(r);
    else byNode.set(node, [r]);
  }
  return byNode;
}

const supplierKey = (r: PurchaseRow) =>
  r.supplierFirmId !== null ? `firm:${r.supplierFirmId}` : (r.supplierSource ?? '');

/**
 * A firm's supply risk for one input (the engine's firm indicators: largest-supplier share, foreign
 * share, backup status, restricted-origin exposure against `list`). The firm page and the risk scan both
 * use it, so they always agree.
 */
export function assessInput(
  node: InputNode,
  bought: readonly PurchaseRow[],
  backups: readonly BackupRow[],
  list: readonly RestrictedEntry[],
): InputAssessment {
  const hs = purchaseHsCode(node.hsCodes);
  const purchases: Purchase[] = bought.map((r) => {
    const source = r.supplierSource !== null ? parseSourceId(r.supplierSource) : undefined;
    return {
      supplier: supplierKey(r),
      value: r.valueYuan,
      foreign: source?.kind === 'foreign',
      country: source?.kind === 'foreign' ? source.country : undefined,
      hs,
    };
  });
  const single = largestSupplierShare(purchases);
  const abroad = foreignShare(purchases);
  const registered = backups.filter((b) => b.inputNodeId === node.id);
  const backup = backupStatus(
    registered.map((b) => ({
      id: String(b.id),
      standard: b.standard,
      qualification: QUALIFICATION[b.state],
      switchWeeks: b.leadTimeWeeks,
    })),
  );
  const restricted = restrictedOriginExposure(purchases, list);
  const exposed = single.rule.fired || abroad.rule.fired;
  return {
    node,
    totalYuan: single.total,
    suppliers: single.suppliers,
    largestShare: single.share,
    largestRow: bought.find((r) => supplierKey(r) === single.supplier),
    foreignShare: abroad.share,
    backupStatus: backup.status,
    bestBackup: backup.best ? registered.find((b) => String(b.id) === backup.best!.id) : undefined,
    registeredBackups: registered.length,
    restricted: {
      share: restricted.share,
      amountYuan: restricted.restricted,
      matches: restricted.matches.map((m) => ({
        country: m.country ?? null,
        hs: m.hs ?? '',
        amountYuan: m.value,
        entries: [m.entry],
      })),
      unclearShare: restricted.unclear.share,
      unclearAmountYuan: restricted.unclear.amount,
      unclearMatches: restricted.unclear.matches.map((m) => ({
        country: m.country ?? null,
        hs: m.hs ?? '',
        amountYuan: m.value,
        entries: m.candidates,
      })),
    },
    rules: [single.rule, abroad.rule, ...backup.rules, restricted.rule, restricted.unclear.rule].map(
      ruleView,
    ),
    atRisk: (node.essentiality ?? 0) >= 1 && exposed && backup.flagged,
    restrictedFired: restricted.rule.fired,
  };
}
