import { readsInternalNotes } from '@chainbrain/domain';
import { type CaseEventRow, caseEvents, type Database, findRiskCase } from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { notFound } from '../errors.js';
import { type RiskCaseView, riskCaseView } from './risk-case-view.js';

export type RiskCaseDetail = RiskCaseView & {
  events: CaseEventRow[];
  /** Whether the caller reads and may write internal notes (the case's offices; never its firm). */
  internalNotes: boolean;
};

/**
 * One case with its history, if the caller's scope reads it (else: not found, as for a firm). The firm
 * reading its own case gets the history without the offices' internal notes: the store does not read
 * them, so neither they nor how many there are reach the firm.
 */
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
  const internalNotes = readsInternalNotes({ userId: actor.userId, grants: actor.grants }, row);
  const events = await caseEvents(database.query, caseId, { withInternal: internalNotes });
  return { ...riskCaseView(row, actor, now), events, internalNotes };
}
