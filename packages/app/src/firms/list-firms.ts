import {
  appendAudit,
  type Database,
  type FirmDetailRow,
  type FirmListFilters,
  type FirmListRow,
  findFirm,
  findPlan,
  listFirms,
} from '@chainbrain/store';
import { type Actor, auditActor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { notFound } from '../errors.js';

/**
 * Firms a list may be read to before its pages are audited. A county's or a chain's list is read a page
 * or two at a time (200 firms a page); a reader who pages on past the first 1,000 firms of a list
 * collects what an export would give, and an export is audited (ADR 0017): so is each such page.
 */
export const FIRM_PAGE_AUDIT_FROM = 1_000;

/**
 * Firms inside the caller's scope, one page at a time. A page that starts at or past `auditFrom` firms
 * and holds any is written to the audit log (`firms.page`: who, which filters, which page, how many
 * firms) before it is handed over, in the same transaction, so a failure to write it fails the read.
 */
export async function listFirmsInScope(
  database: Database,
  actor: Actor,
  filters: FirmListFilters,
  auditFrom = FIRM_PAGE_AUDIT_FROM,
): Promise<{ total: number; rows: FirmListRow[] }> {
  requirePermission(actor, 'firms:read');
  // An unknown plan is a mistake to report, not a plan without firms.
  if (!(await findPlan(database.query, filters.planId))) {
    throw notFound(`方案 ${filters.planId}`, `plan ${filters.planId}`);
  }
  if ((filters.page - 1) * filters.pageSize < auditFrom)
    return listFirms(database.query, actor.scope, filters);
  return database.transaction(async ({ query }) => {
    const page = await listFirms(query, actor.scope, filters);
    if (page.rows.length > 0) {
      const { page: number, pageSize, ...rest } = filters;
      await appendAudit(query, {
        ...auditActor(actor),
        action: 'firms.page',
        targetType: 'plan',
        targetId: filters.planId,
        details: { filters: withoutEmpty(rest), page: number, pageSize, firms: page.rows.length },
      });
    }
    return page;
  });
}

/** The filters a caller set (for an audit entry): without the empty ones. */
export function withoutEmpty(filters: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(filters).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  );
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
