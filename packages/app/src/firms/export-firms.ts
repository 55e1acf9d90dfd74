import {
  appendAudit,
  type Database,
  type FirmListFilters,
  type FirmListRow,
  listFirms,
} from '@chainbrain/store';
import { type Actor, auditActor } from '../access/actor.js';
import { AppError } from '../errors.js';
import { listFirmsInScope, withoutEmpty } from './list-firms.js';

/**
 * Most firms one export may hold. A county's or a chain's list fits (the full demo's largest chain has
 * about 4,000 firms); the whole province in one file is a bulk copy of the register, which is not what an
 * export for a meeting is for, and the limit makes such a request say so instead of taking minutes.
 */
export const FIRM_EXPORT_LIMIT = 20_000;

export type FirmExportFilters = Omit<FirmListFilters, 'page' | 'pageSize'>;

/**
 * Every firm inside the caller's scope that matches the filters, for a spreadsheet. A list of named firms
 * leaving the system is a sensitive read: it is written to the audit log (who, which filters, how many
 * firms) before any row is handed over, and a failure to write it fails the export.
 */
export async function exportFirmsInScope(
  database: Database,
  actor: Actor,
  filters: FirmExportFilters,
): Promise<FirmListRow[]> {
  const { total } = await listFirmsInScope(database, actor, { ...filters, page: 1, pageSize: 1 });
  if (total > FIRM_EXPORT_LIMIT) {
    throw new AppError(
      'invalid_input',
      `符合条件的企业有 ${total} 家，超过单次导出上限 ${FIRM_EXPORT_LIMIT} 家；请按地区、产业链或环节缩小范围`,
      `${total} firms match, more than the ${FIRM_EXPORT_LIMIT} one export may hold; narrow it by region, chain or node`,
      { total, limit: FIRM_EXPORT_LIMIT },
    );
  }
  return database.transaction(async ({ query }) => {
    const { rows } = await listFirms(query, actor.scope, {
      ...filters,
      page: 1,
      pageSize: FIRM_EXPORT_LIMIT,
    });
    await appendAudit(query, {
      ...auditActor(actor),
      action: 'firms.export',
      targetType: 'plan',
      targetId: filters.planId,
      details: { filters: withoutEmpty(filters), firms: rows.length },
    });
    return rows;
  });
}
