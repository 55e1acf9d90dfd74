import { type Database, listRiskCases as listCases, type RiskCaseFilter } from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
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
