import { allowedCaseActions, type CaseAction } from '@chainbrain/domain';
import type { RiskCaseRow } from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
import type { FirmInputFindings, NodeImportFindings } from './find-risks.js';

/** A case as the list and the detail show it. */
export type RiskCaseView = Omit<RiskCaseRow, 'findings' | 'planId' | 'resolvedBy'> & {
  findings: FirmInputFindings | NodeImportFindings;
  /** The current step is past its due time (an open or responding case below the province moves up soon). */
  overdue: boolean;
  /** What the caller may do now. */
  actions: CaseAction[];
};

export function riskCaseView(row: RiskCaseRow, actor: Actor, now: Date): RiskCaseView {
  const { planId: _plan, resolvedBy, ...rest } = row;
  return {
    ...rest,
    findings: row.findings as FirmInputFindings | NodeImportFindings,
    overdue: row.status !== 'closed' && row.dueAt !== null && row.dueAt < now,
    actions: allowedCaseActions({ userId: actor.userId, grants: actor.grants }, { ...row, resolvedBy }),
  };
}
