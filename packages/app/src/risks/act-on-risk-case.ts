import {
  ACTIONS_NEEDING_NOTE,
  allowedCaseActions,
  applyCaseAction,
  type CaseAction,
  type CaseLevel,
  type CaseStatus,
  caseDueAt,
  INTERNAL_NOTE_ACTION,
  NOTE_MAX,
  NOTE_MIN,
  type ResolutionMeasure,
  readsInternalNotes,
} from '@chainbrain/domain';
import { appendAudit, appendCaseEvents, type Database, findRiskCase, moveRiskCase } from '@chainbrain/store';
import { type Actor, auditActor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { AppError, notFound } from '../errors.js';
import { getRiskCase, type RiskCaseDetail } from './get-risk-case.js';

export type RiskCaseActionInput = {
  action: CaseAction;
  note?: string | null;
  /** How the risk was resolved; required to resolve. */
  measure?: ResolutionMeasure | null;
  /** An internal note (内部备注): only on a comment, only by the case's offices; the firm never reads it. */
  internal?: boolean;
};

const ACTION_NAMES: Record<CaseAction, { zh: string; en: string }> = {
  acknowledge: { zh: '响应', en: 'acknowledge' },
  escalate: { zh: '上报', en: 'escalate' },
  resolve: { zh: '化解', en: 'resolve' },
  confirm: { zh: '销号', en: 'confirm' },
  reject: { zh: '驳回', en: 'reject' },
  reopen: { zh: '重新打开', en: 'reopen' },
  comment: { zh: '备注', en: 'comment' },
};

const LEVEL_NAMES: Record<CaseLevel, { zh: string; en: string }> = {
  county: { zh: '县级', en: 'county' },
  city: { zh: '市级', en: 'city' },
  province: { zh: '省级', en: 'province' },
};

const STATUS_NAMES: Record<CaseStatus, { zh: string; en: string }> = {
  open: { zh: '待响应', en: 'open' },
  responding: { zh: '处置中', en: 'being handled' },
  resolved: { zh: '已化解待销号', en: 'resolved, awaiting confirmation' },
  closed: { zh: '已销号', en: 'closed' },
};

/**
 * Takes one step of a case's closed loop (ADR 0021): the step must be one the caller's office may take
 * now (a county office on its county's open case, the level above to confirm a resolution, …), and its
 * note says why. The case and its history change together, and the audit log records it.
 */
export async function actOnRiskCase(
  database: Database,
  actor: Actor,
  planId: string,
  caseId: number,
  input: RiskCaseActionInput,
  now: Date = new Date(),
): Promise<RiskCaseDetail> {
  requirePermission(actor, 'firms:read');
  const note = input.note?.trim() || null;
  const name = ACTION_NAMES[input.action];
  if (ACTIONS_NEEDING_NOTE.has(input.action) && (note === null || note.length < NOTE_MIN)) {
    throw new AppError(
      'invalid_input',
      `${name.zh}须填写说明（至少 ${NOTE_MIN} 个字）`,
      `to ${name.en}, write a note (at least ${NOTE_MIN} characters)`,
      { field: 'note' },
    );
  }
  if (note !== null && note.length > NOTE_MAX) {
    throw new AppError(
      'invalid_input',
      `说明最多 ${NOTE_MAX} 个字`,
      `a note has at most ${NOTE_MAX} characters`,
      {
        field: 'note',
      },
    );
  }
  if (input.action === 'resolve' && !input.measure) {
    throw new AppError('invalid_input', '化解须选择化解措施', 'to resolve, choose the measure taken', {
      field: 'measure',
    });
  }
  if (input.action !== 'resolve' && input.measure) {
    throw new AppError('invalid_input', '只有化解时填写化解措施', 'a measure is given only to resolve', {
      field: 'measure',
    });
  }

  const internal = input.internal === true;
  if (internal && input.action !== INTERNAL_NOTE_ACTION) {
    // The other steps' notes explain the measures to the firm: they stay where it reads them.
    throw new AppError(
      'invalid_input',
      '只有备注可以设为内部可见',
      'only a comment can be an internal note',
      { field: 'internal' },
    );
  }

  await database.transaction(async ({ query }) => {
    const c = await findRiskCase(query, actor.scope, planId, caseId, true);
    if (!c) throw notFound(`风险事项 ${caseId}`, `risk case ${caseId}`);
    const allowed = allowedCaseActions({ userId: actor.userId, grants: actor.grants }, c);
    if (!allowed.includes(input.action)) {
      const level = LEVEL_NAMES[c.level];
      const status = STATUS_NAMES[c.status];
      throw new AppError(
        'forbidden',
        `此事项当前为${level.zh}${status.zh}，您不能${name.zh}`,
        `you cannot ${name.en} this case now: it is ${status.en} at the ${level.en} level`,
        { allowed, level: c.level, status: c.status },
      );
    }
    if (internal && !readsInternalNotes({ userId: actor.userId, grants: actor.grants }, c)) {
      throw new AppError(
        'forbidden',
        '只有处置此事项的政府部门可以写内部备注，企业不能',
        'only the offices handling this case can write internal notes, not the firm',
        { field: 'internal' },
      );
    }
    const next = applyCaseAction(c, input.action);
    if (input.action !== 'comment') {
      await moveRiskCase(query, c.id, {
        status: next.status,
        level: next.level,
        stepSince: now,
        dueAt: caseDueAt(next.status, next.level, now),
        resolvedBy:
          input.action === 'resolve' ? actor.userId : next.status === 'closed' ? c.resolvedBy : null,
        closedAt: next.status === 'closed' ? now : null,
      });
    }
    await appendCaseEvents(query, [
      {
        caseId: c.id,
        at: now,
        actorUserId: actor.userId > 0 ? actor.userId : null,
        actorName: actor.username,
        kind: input.action,
        fromStatus: c.status,
        toStatus: next.status,
        fromLevel: c.level,
        toLevel: next.level,
        note,
        internal,
        measure: input.measure ?? null,
        scanId: null,
      },
    ]);
    await appendAudit(query, {
      ...auditActor(actor),
      action: `risk_case.${input.action}`,
      targetType: 'risk_case',
      targetId: String(c.id),
      details: {
        from: { status: c.status, level: c.level },
        to: next,
        measure: input.measure ?? null,
        internal,
      },
    });
  });
  return getRiskCase(database, actor, planId, caseId, now);
}
