import { type CaseEventRow, caseEvents, type Database, findRiskCase } from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { notFound } from '../errors.js';
import { type RiskCaseView, riskCaseView } from './risk-case-view.js';

export type RiskCaseDetail = RiskCaseView & { events: CaseEventRow[] };

/** One case with its whole history, if the caller's scope reads it (else: not found, as for a firm). */
export async function getRiskCase(
  database: Database,
  actor: Actor,
  planId: string,
  caseId: number,
  now: Date = new Date(),
): Promise<RiskCaseDetail> {
  requirePermission(actor, 'firms:read');
  const row = await findRiskCase(database.query, actor.scope, planId, caseId);
  if (!row) throw notFound(`风险事项 ${caseId}`, `risk case ${caseId}`);
  const events = await caseEvents(database.query, caseId);
  return { ...riskCaseView(row, actor, now), events };
}
