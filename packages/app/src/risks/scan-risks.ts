import { type CaseLevel, caseDueAt } from '@chainbrain/domain';
import {
  appendAudit,
  appendCaseEvents,
  type Database,
  finishRiskScan,
  getMeta,
  insertRiskCases,
  insertRiskScan,
  reopenClosedRiskCase,
  type NewCaseEvent,
  type NewRiskCase,
  planCasesByKey,
  type RiskCaseRefresh,
  type RiskScanCounts,
  refreshRiskCases,
} from '@chainbrain/store';
import { type Actor, auditActor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { findRisks, type RiskFinding } from './find-risks.js';

/** The level a new case starts at: a firm's county answers first; a node's dependency is the province's. */
export function firstLevel(kind: RiskFinding['kind']): CaseLevel {
  return kind === 'firm_input' ? 'county' : 'province';
}

export type RiskScanResult = RiskScanCounts & { scanId: number; dataMonth: string | null };

/**
 * Runs the risk rules and brings the list up to date, in one transaction (ADR 0021):
 * - a new finding opens a case at its first level, due in that level's response time;
 * - a case found again gets the new figures; if its condition had cleared, it is noted as back;
 * - a closed case found again on data loaded after it was closed opens again (the risk came back);
 * - a case no longer found is noted as cleared and stays where it is: only an office closes a case.
 */
export async function scanRisks(
  database: Database,
  actor: Actor,
  planId: string,
  now: Date = new Date(),
): Promise<RiskScanResult> {
  requirePermission(actor, 'plans:manage');
  const started = performance.now();
  const { findings, dataMonth, coverage } = await findRisks(database, planId);
  return database.transaction(async ({ query }) => {
    const dataset = await getMeta<{ loadedAt?: string; planId?: string }>(query, 'dataset');
    const loadedAt = dataset?.loadedAt ? new Date(dataset.loadedAt) : null;
    const scanId = await insertRiskScan(query, {
      planId,
      ranAt: now,
      actorName: actor.username,
      dataMonth,
      datasetLoadedAt: loadedAt,
    });
    const existing = await planCasesByKey(query, planId);
    const system = { actorUserId: null, actorName: actor.username, scanId, note: null, measure: null };
    const fresh: NewRiskCase[] = [];
    const refreshes: RiskCaseRefresh[] = [];
    const events: NewCaseEvent[] = [];
    let recurred = 0;
    let cleared = 0;
    const seen = new Set<string>();

    for (const f of findings) {
      seen.add(f.riskKey);
      const c = existing.get(f.riskKey);
      if (!c) {
        const level = firstLevel(f.kind);
        fresh.push({
          ...f,
          planId,
          status: 'open',
          level,
          stepSince: now,
          dueAt: caseDueAt('open', level, now),
          conditionHolds: true,
          firstScanId: scanId,
          lastSeenScanId: scanId,
          detectedAt: now,
        });
        continue;
      }
      refreshes.push({
        id: c.id,
        firmName: f.firmName,
        countyCode: f.countyCode,
        cityCode: f.cityCode,
        chainId: f.chainId,
        nodeNameZh: f.nodeNameZh,
        nodeNameEn: f.nodeNameEn,
        severity: f.severity,
        findings: f.findings,
        conditionHolds: true,
        lastSeenScanId: scanId,
      });
      const backAfterClose =
        c.status === 'closed' && c.closedAt !== null && loadedAt !== null && loadedAt > c.closedAt;
      const level = firstLevel(c.kind);
      // Only if still closed: an office may have reopened and taken it since the cases were read.
      const reopened =
        backAfterClose &&
        (await reopenClosedRiskCase(query, c.id, {
          status: 'open',
          level,
          stepSince: now,
          dueAt: caseDueAt('open', level, now),
          resolvedBy: null,
          closedAt: null,
        }));
      if (reopened) {
        events.push({
          ...system,
          caseId: c.id,
          at: now,
          kind: 'recurred',
          fromStatus: c.status,
          toStatus: 'open',
          fromLevel: c.level,
          toLevel: level,
        });
        recurred++;
      } else if (!c.conditionHolds) {
        events.push({
          ...system,
          caseId: c.id,
          at: now,
          kind: 'recurred',
          fromStatus: c.status,
          toStatus: c.status,
          fromLevel: c.level,
          toLevel: c.level,
        });
        recurred++;
      }
    }
    for (const c of existing.values()) {
      if (seen.has(c.riskKey) || !c.conditionHolds) continue;
      refreshes.push({
        id: c.id,
        firmName: c.firmName,
        countyCode: c.countyCode,
        cityCode: c.cityCode,
        chainId: c.chainId,
        nodeNameZh: c.nodeNameZh,
        nodeNameEn: c.nodeNameEn,
        severity: c.severity,
        findings: c.findings,
        conditionHolds: false,
        lastSeenScanId: null,
      });
      events.push({
        ...system,
        caseId: c.id,
        at: now,
        kind: 'cleared',
        fromStatus: c.status,
        toStatus: c.status,
        fromLevel: c.level,
        toLevel: c.level,
      });
      cleared++;
    }

    const ids = await insertRiskCases(query, fresh);
    for (const c of fresh) {
      events.push({
        ...system,
        caseId: ids.get(c.riskKey)!,
        at: now,
        kind: 'detected',
        fromStatus: null,
        toStatus: 'open',
        fromLevel: null,
        toLevel: c.level,
      });
    }
    await refreshRiskCases(query, refreshes);
    await appendCaseEvents(query, events);
    const counts: RiskScanCounts = {
      found: findings.length,
      added: fresh.length,
      cleared,
      recurred,
      millis: Math.round(performance.now() - started),
    };
    await finishRiskScan(query, scanId, counts, coverage);
    await appendAudit(query, {
      ...auditActor(actor),
      action: 'risks.scan',
      targetType: 'plan',
      targetId: planId,
      details: { scanId, dataMonth, ...counts },
    });
    return { scanId, dataMonth, ...counts };
  });
}
