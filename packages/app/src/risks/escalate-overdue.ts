import { caseDueAt, levelAbove } from '@chainbrain/domain';
import { appendCaseEvents, type Database, moveRiskCase, overdueEscalations } from '@chainbrain/store';

/**
 * Moves every case whose step is overdue up one level (ADR 0021): an office that did not respond, or
 * did not resolve in time, loses the case to the level above, where it is again 待响应 with that level's
 * response time. The province's own overdue cases stay, flagged overdue (督办). Returns how many moved.
 */
export async function escalateOverdueCases(database: Database, now: Date = new Date()): Promise<number> {
  return database.transaction(async ({ query }) => {
    const cases = await overdueEscalations(query, now);
    for (const c of cases) {
      const level = levelAbove(c.level)!;
      await moveRiskCase(query, c.id, {
        status: 'open',
        level,
        stepSince: now,
        dueAt: caseDueAt('open', level, now),
        resolvedBy: null,
        closedAt: null,
      });
    }
    await appendCaseEvents(
      query,
      cases.map((c) => ({
        caseId: c.id,
        at: now,
        actorUserId: null,
        actorName: 'system',
        kind: 'auto_escalated',
        fromStatus: c.status,
        toStatus: 'open',
        fromLevel: c.level,
        toLevel: levelAbove(c.level)!,
        // Why, in figures: the step that ran out and when it was due.
        note: `${c.status === 'open' ? '未按时响应' : '未按时化解'}，期限 ${c.dueAt?.toISOString() ?? '—'} / ${
          c.status === 'open' ? 'not responded' : 'not resolved'
        } by ${c.dueAt?.toISOString() ?? '—'}`,
        measure: null,
        scanId: null,
      })),
    );
    return cases.length;
  });
}
