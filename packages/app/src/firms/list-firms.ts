import {
  type Database,
  type FirmDetailRow,
  type FirmListFilters,
  type FirmListRow,
  findFirm,
  findPlan,
  listFirms,
} from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { notFound } from '../errors.js';

/** Firms inside the caller's scope, one page at a time. */
export async function listFirmsInScope(
  database: Database,
  actor: Actor,
  filters: FirmListFilters,
): Promise<{ total: number; rows: FirmListRow[] }> {
  requirePermission(actor, 'firms:read');
  // An unknown plan is a mistake to report, not a plan without firms.
  if (!(await findPlan(database.query, filters.planId))) {
    throw notFound(`方案 ${filters.planId}`, `plan ${filters.planId}`);
  }
  return listFirms(database.query, actor.scope, filters);
}

/** One firm; a firm outside the scope is answered exactly like a missing one (no existence leak). */
export async function getFirmInScope(
  database: Database,
  actor: Actor,
  planId: string,
  firmId: number,
): Promise<FirmDetailRow> {
  requirePermission(actor, 'firms:read');
  const firm = await findFirm(database.query, actor.scope, planId, firmId);
  if (!firm) throw notFound(`企业 ${firmId}`, `firm ${firmId}`);
  return firm;
}
