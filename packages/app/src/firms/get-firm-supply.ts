import { parseSourceId } from '@chainbrain/domain';
import type { BackupStatus, RestrictedEntry } from '@chainbrain/engine';
import {
  type BackupRow,
  type Database,
  findFirm,
  firmBackups,
  firmIdsInScope,
  inputNodes,
  latestYearPurchases,
} from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { notFound } from '../errors.js';
import type { RuleView } from '../indicators/rule-view.js';
import { loadRestrictedList } from '../restricted-origins/restricted-list.js';
import { assessInput, purchasesByNode, type RestrictedOriginMatch } from './assess-inputs.js';

const YI = 100_000_000;

/**
 * Who a supplier is, as far as the caller may know: a firm named only when the caller reads it (its
 * name is that firm's, not the buyer's), a foreign origin by country, or other provinces.
 */
export type SupplierRef =
  | { kind: 'firm'; id: number; name: string | null }
  | { kind: 'foreign'; country: string }
  | { kind: 'out_of_province' };

export type SupplyRule = RuleView;

/** One input (chain node) of a firm: its purchases in the year, their concentration and its backups. */
export type SupplyInput = {
  nodeId: string;
  nameZh: string;
  nameEn: string;
  /** How essential the input is to the firm's primary node (chain map edge, 0–2); null when no edge says. */
  essentiality: number | null;
  /** 亿元 */
  total: number;
  suppliers: number;
  largestShare: number;
  largest: SupplierRef | null;
  foreignShare: number;
  backup: {
    status: BackupStatus;
    /** The best registered backup: its standard, state and switch-over weeks. */
    best: {
      supplier: SupplierRef;
      standard: 'same' | 'lower';
      state: BackupRow['state'];
      leadTimeWeeks: number;
    } | null;
    registered: number;
  };
  /**
   * Restricted-origin exposure against the stored list (ADR 0024): the share bought from listed origins
   * and the share that may be (a code too coarse to tell, an unknown origin), each with the purchases
   * and the entries behind it. Only foreign origins match, so no firm of the province is named.
   */
  restricted: {
    share: number;
    /** 亿元 */
    amount: number;
    matches: SupplyRestrictedMatch[];
    unclearShare: number;
    /** 亿元 */
    unclearAmount: number;
    unclearMatches: SupplyRestrictedMatch[];
  };
  /**
   * single_source, foreign_share, no_qualified_backup, slow_switch_over, restricted_origin,
   * restricted_origin_unclear: as evaluated.
   */
  rules: SupplyRule[];
  /**
   * At risk of supply disruption: an essential input (rated 1 or 2) bought from one dominant source or
   * mostly abroad, with no qualified backup or a slow switch-over. Each part is a rule in `rules`.
   */
  atRisk: boolean;
};

/** Purchases from one origin a list entry covers (or may): 亿元, and the entries with their sources. */
export type SupplyRestrictedMatch = {
  country: string | null;
  hs: string;
  /** 亿元 */
  amount: number;
  entries: RestrictedEntry[];
};

const matchView = (m: RestrictedOriginMatch): SupplyRestrictedMatch => ({
  country: m.country,
  hs: m.hs,
  amount: m.amountYuan / YI,
  entries: m.entries,
});

export type FirmSupply = { firmId: number; year: string | null; inputs: SupplyInput[] };

/**
 * A firm's supply risk by input (the engine's firm indicators over its purchases of the latest year of
 * supply links: largest-supplier share, foreign share, backup status). Only for callers who read the firm;
 * suppliers that are firms outside the caller's scope are named only to the firm's own users.
 */
export async function getFirmSupply(
  database: Database,
  actor: Actor,
  planId: string,
  firmId: number,
): Promise<FirmSupply> {
  requirePermission(actor, 'firms:read');
  const scope = actor.scope;
  const firm = await findFirm(database.query, scope, planId, firmId, 0);
  if (!firm) throw notFound(`企业 ${firmId}`, `firm ${firmId}`);
  const [{ year, rows }, backups, list] = await Promise.all([
    latestYearPurchases(database.query, firmId),
    firmBackups(database.query, firmId),
    loadRestrictedList(database.query),
  ]);
  const byNode = purchasesByNode(rows);
  const firmIds = [...rows.map((r) => r.supplierFirmId), ...backups.map((b) => b.backupFirmId)].filter(
    (id): id is number => id !== null,
  );
  const [nodes, readable] = await Promise.all([
    inputNodes(database.query, planId, [...byNode.keys()], firm.primaryNodeId),
    firmIdsInScope(database.query, scope, planId, firmIds),
  ]);
  // A firm's user knows its own suppliers (its own invoices); others see a supplier's name only when they
  // read that firm, since "X sells to Y" is also X's data.
  const ownFirm = actor.grants.some((g) => g.role === 'firm' && g.firmId === firmId);
  const ref = (supplierId: number | null, source: string | null, name: string | null): SupplierRef => {
    if (supplierId !== null)
      return { kind: 'firm', id: supplierId, name: ownFirm || readable.has(supplierId) ? name : null };
    const parsed = source ? parseSourceId(source) : undefined;
    return parsed?.kind === 'foreign'
      ? { kind: 'foreign', country: parsed.country }
      : { kind: 'out_of_province' };
  };
  const inputs = nodes.map((node): SupplyInput => {
    const a = assessInput(node, byNode.get(node.id) ?? [], backups, list);
    const best = a.bestBackup;
    return {
      nodeId: node.id,
      nameZh: node.nameZh,
      nameEn: node.nameEn,
      essentiality: node.essentiality,
      total: a.totalYuan / YI,
      suppliers: a.suppliers,
      largestShare: a.largestShare,
      largest: a.largestRow
        ? ref(a.largestRow.supplierFirmId, a.largestRow.supplierSource, a.largestRow.supplierName)
        : null,
      foreignShare: a.foreignShare,
      backup: {
        status: a.backupStatus,
        best: best
          ? {
              supplier: ref(best.backupFirmId, best.backupSource, best.backupName),
              standard: best.standard,
              state: best.state,
              leadTimeWeeks: best.leadTimeWeeks,
            }
          : null,
        registered: a.registeredBackups,
      },
      restricted: {
        share: a.restricted.share,
        amount: a.restricted.amountYuan / YI,
        matches: a.restricted.matches.map(matchView),
        unclearShare: a.restricted.unclearShare,
        unclearAmount: a.restricted.unclearAmountYuan / YI,
        unclearMatches: a.restricted.unclearMatches.map(matchView),
      },
      rules: a.rules,
      atRisk: a.atRisk,
    };
  });
  // The inputs at risk first, then the most essential and the largest.
  inputs.sort(
    (a, b) =>
      Number(b.atRisk) - Number(a.atRisk) ||
      (b.essentiality ?? -1) - (a.essentiality ?? -1) ||
      b.total - a.total,
  );
  return { firmId, year, inputs };
}
