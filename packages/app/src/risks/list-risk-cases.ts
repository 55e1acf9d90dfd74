import { readsInternalNotes } from '@chainbrain/domain';
import {
  appendAudit,
  type CaseEventRow,
  type Database,
  lastCaseEvents,
  listRiskCases as listCases,
  type RiskCaseFilter,
} from '@chainbrain/store';
import { type Actor, auditActor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { type RiskCaseView, riskCaseView } from './risk-case-view.js';

/** A page of the risk list, within the caller's scope (firms:read; a viewer reads no firm's risks). */
export async function listRiskCases(
  database: Database,
  actor: Actor,
  planId: string,
  filter: RiskCaseFilter,
  page: { offset: number; limit: number },
  now: Date = new Date(),
): Promise<{ total: number; cases: RiskCaseView[] }> {
  requirePermission(actor, 'firms:read');
  const { total, rows } = await listCases(database.query, actor.scope, planId, filter, now, page);
  return { total, cases: rows.map((r) => riskCaseView(r, actor, now)) };
}

/** The most cases one spreadsheet holds: more than the whole demo list, fewer than Excel chokes on. */
export const RISK_EXPORT_MAX = 20_000;

/**
 * The caller's cases for a spreadsheet (at most RISK_EXPORT_MAX, the list's order), with each case's last
 * event: a firm user may export its own cases, so for each case the caller does not read internal notes of,
 * the last event that is not one (the sheet shows that event's note). Firm names leave the system: recorded in the audit log (who, which filters, how many), as firm
 * lists are.
 */
export async function exportRiskCases(
  database: Database,
  actor: Actor,
  planId: string,
  filter: RiskCaseFilter,
  now: Date = new Date(),
): Promise<{ total: number; cases: Array<RiskCaseView & { lastEvent: CaseEventRow | null }> }> {
  requirePermission(actor, 'firms:read');
  const { total, rows } = await listCases(database.query, actor.scope, planId, filter, now, {
    offset: 0,
    limit: RISK_EXPORT_MAX,
  });
  const caller = { userId: actor.userId, grants: actor.grants };
  const last = await lastCaseEvents(
    database.query,
    rows.map((r) => r.id),
    rows.filter((r) => !readsInternalNotes(caller, r)).map((r) => r.id),
  );
  await appendAudit(database.query, {
    ...auditActor(actor),
    action: 'risks.export',
    targetType: 'plan',
    targetId: planId,
    details: { filter, rows: rows.length, total },
  });
  return {
    total,
    cases: rows.map((r) => ({ ...riskCaseView(r, actor, now), lastEvent: last.get(r.id) ?? null })),
  };
}
