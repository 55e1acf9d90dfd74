import { parseSourceId } from '@chainbrain/domain';
import {
  type Backup,
  backupStatus,
  type BackupStatus,
  foreignShare,
  largestSupplierShare,
  type Purchase,
} from '@chainbrain/engine';
import type { BackupRow, PurchaseRow } from '@chainbrain/store';
import { type RuleView, ruleView } from '../indicators/rule-view.js';

/** An input node of the firm, and how essential it is to the firm's primary node (chain map edge). */
export type InputNode = { id: string; nameZh: string; nameEn: string; essentiality: number | null };

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
  /** single_source, foreign_share, then the backup rules, as evaluated. */
  rules: RuleView[];
  /**
   * At risk of supply disruption: an essential input (rated 1 or 2) bought from one dominant source or
   * mostly abroad, with no qualified backup or a slow switch-over. Each part is a rule in `rules`.
   */
  atRisk: boolean;
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
 * share, backup status). The firm page and the risk scan both use it, so they always agree.
 */
export function assessInput(
  node: InputNode,
  bought: readonly PurchaseRow[],
  backups: readonly BackupRow[],
): InputAssessment {
  const purchases: Purchase[] = bought.map((r) => ({
    supplier: supplierKey(r),
    value: r.valueYuan,
    foreign: r.supplierSource !== null && parseSourceId(r.supplierSource)?.kind === 'foreign',
  }));
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
    rules: [single.rule, abroad.rule, ...backup.rules].map(ruleView),
    atRisk: (node.essentiality ?? 0) >= 1 && exposed && backup.flagged,
  };
}
