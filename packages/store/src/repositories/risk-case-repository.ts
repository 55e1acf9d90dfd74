import type { CaseLevel, CaseStatus, FirmScope } from '@chainbrain/domain';
import type { RawQuery } from '../connection/open-database.js';

/**
 * The risk list's cases and their history (ADR 0021). A case keeps the firm's region and chain as they
 * were when found, and the caller's scope is applied to those: a county official reads the county's
 * cases, a chain leader the chain's, a firm its own; a node's import-dependency case has no region and is
 * read province-wide and by the chain's leaders.
 */

/** The SQL condition keeping only cases inside the caller's scope; parameters are appended to `params`. */
export function caseScopeCondition(scope: FirmScope, alias: string, params: unknown[]): string {
  if (scope.all) return 'true';
  const parts: string[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (scope.cityCodes.length > 0) parts.push(`${alias}.city_code = any(${add(scope.cityCodes)}::text[])`);
  if (scope.countyCodes.length > 0)
    parts.push(`${alias}.county_code = any(${add(scope.countyCodes)}::text[])`);
  if (scope.firmIds.length > 0) parts.push(`${alias}.firm_id = any(${add(scope.firmIds)}::int[])`);
  if (scope.chainIds.length > 0) parts.push(`${alias}.chain_id = any(${add(scope.chainIds)}::text[])`);
  return parts.length > 0 ? `(${parts.join(' or ')})` : 'false';
}

export type RiskKind = 'firm_input' | 'node_import';
export type RiskSeverity = 'high' | 'medium';

export type RiskCaseRow = {
  id: number;
  planId: string;
  kind: RiskKind;
  riskKey: string;
  firmId: number | null;
  firmName: string | null;
  countyCode: string | null;
  cityCode: string | null;
  chainId: string;
  nodeId: string;
  nodeNameZh: string;
  nodeNameEn: string;
  severity: RiskSeverity;
  findings: unknown;
  status: CaseStatus;
  level: CaseLevel;
  stepSince: Date;
  dueAt: Date | null;
  resolvedBy: number | null;
  conditionHolds: boolean;
  firstScanId: number;
  lastSeenScanId: number;
  detectedAt: Date;
  closedAt: Date | null;
};

const CASE_COLUMNS = `c.id, c.plan_id as "planId", c.kind, c.risk_key as "riskKey", c.firm_id as "firmId",
  c.firm_name as "firmName", c.county_code as "countyCode", c.city_code as "cityCode",
  c.chain_id as "chainId", c.node_id as "nodeId", c.node_name_zh as "nodeNameZh",
  c.node_name_en as "nodeNameEn", c.severity, c.findings, c.status, c.level,
  c.step_since as "stepSince", c.due_at as "dueAt", c.resolved_by as "resolvedBy",
  c.condition_holds as "conditionHolds", c.first_scan_id as "firstScanId",
  c.last_seen_scan_id as "lastSeenScanId", c.detected_at as "detectedAt", c.closed_at as "closedAt"`;

/** Timestamps come back as Date from PostgreSQL and as Date or text from PGlite: one shape for callers. */
function normalise(row: RiskCaseRow): RiskCaseRow {
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    ...row,
    stepSince: date(row.stepSince)!,
    dueAt: date(row.dueAt),
    detectedAt: date(row.detectedAt)!,
    closedAt: date(row.closedAt),
  };
}

export type NewRiskScan = {
  planId: string;
  ranAt: Date;
  actorName: string;
  dataMonth: string | null;
  datasetLoadedAt: Date | null;
};

/**
 * Starts a scan's version. Two scans of one plan at once (an administrator's and a load's) would both
 * insert the same new cases: the second waits here, inside its transaction, until the first has committed.
 */
export async function insertRiskScan(query: RawQuery, scan: NewRiskScan): Promise<number> {
  await query('select pg_advisory_xact_lock(hashtext($1))', [`risk_scan:${scan.planId}`]);
  const [row] = await query<{ id: number }>(
    `insert into risk_scans (plan_id, ran_at, actor_name, data_month, dataset_loaded_at,
                             found, added, cleared, recurred, millis)
     values ($1, $2, $3, $4, $5, 0, 0, 0, 0, 0) returning id`,
    [
      scan.planId,
      scan.ranAt.toISOString(),
      scan.actorName,
      scan.dataMonth,
      scan.datasetLoadedAt?.toISOString() ?? null,
    ],
  );
  return row!.id;
}

export type RiskScanCounts = {
  found: number;
  added: number;
  cleared: number;
  recurred: number;
  millis: number;
};

export async function finishRiskScan(
  query: RawQuery,
  id: number,
  counts: RiskScanCounts,
  coverage: unknown[],
): Promise<void> {
  await query(
    `update risk_scans set found = $2, added = $3, cleared = $4, recurred = $5, millis = $6, coverage = $7::jsonb
     where id = $1`,
    [
      id,
      counts.found,
      counts.added,
      counts.cleared,
      counts.recurred,
      counts.millis,
      JSON.stringify(coverage),
    ],
  );
}

/** The backup coverage the plan's latest scan counted, and that scan's id; none before the first scan. */
export async function latestScanCoverage(
  query: RawQuery,
  planId: string,
): Promise<{ scanId: number; coverage: unknown[] } | undefined> {
  const [row] = await query<{ scanId: number; coverage: unknown[] }>(
    `select id as "scanId", coverage from risk_scans where plan_id = $1 order by id desc limit 1`,
    [planId],
  );
  return row;
}

export type RiskScanRow = NewRiskScan & { id: number } & RiskScanCounts;

export async function listRiskScans(query: RawQuery, planId: string, limit = 20): Promise<RiskScanRow[]> {
  const rows = await query<RiskScanRow>(
    `select id, plan_id as "planId", ran_at as "ranAt", actor_name as "actorName", data_month as "dataMonth",
            dataset_loaded_at as "datasetLoadedAt", found, added, cleared, recurred, millis
     from risk_scans where plan_id = $1 order by id desc limit $2`,
    [planId, limit],
  );
  return rows.map((r) => ({
    ...r,
    ranAt: new Date(r.ranAt),
    datasetLoadedAt: r.datasetLoadedAt ? new Date(r.datasetLoadedAt) : null,
  }));
}

/** Every case of the plan, by key: what a scan compares its findings with. */
export async function planCasesByKey(query: RawQuery, planId: string): Promise<Map<string, RiskCaseRow>> {
  const rows = await query<RiskCaseRow>(`select ${CASE_COLUMNS} from risk_cases c where c.plan_id = $1`, [
    planId,
  ]);
  return new Map(rows.map((r) => [r.riskKey, normalise(r)]));
}

export type NewRiskCase = Omit<RiskCaseRow, 'id' | 'resolvedBy' | 'closedAt'>;

/** Inserts cases in one statement; returns their ids by key. */
export async function insertRiskCases(
  query: RawQuery,
  cases: readonly NewRiskCase[],
): Promise<Map<string, number>> {
  if (cases.length === 0) return new Map();
  const records = cases.map((c) => ({
    plan_id: c.planId,
    kind: c.kind,
    risk_key: c.riskKey,
    firm_id: c.firmId,
    firm_name: c.firmName,
    county_code: c.countyCode,
    city_code: c.cityCode,
    chain_id: c.chainId,
    node_id: c.nodeId,
    node_name_zh: c.nodeNameZh,
    node_name_en: c.nodeNameEn,
    severity: c.severity,
    findings: c.findings,
    status: c.status,
    level: c.level,
    step_since: c.stepSince.toISOString(),
    due_at: c.dueAt?.toISOString() ?? null,
    condition_holds: c.conditionHolds,
    first_scan_id: c.firstScanId,
    last_seen_scan_id: c.lastSeenScanId,
    detected_at: c.detectedAt.toISOString(),
  }));
  const rows = await query<{ id: number; riskKey: string }>(
    `insert into risk_cases (plan_id, kind, risk_key, firm_id, firm_name, county_code, city_code, chain_id,
        node_id, node_name_zh, node_name_en, severity, findings, status, level, step_since, due_at,
        condition_holds, first_scan_id, last_seen_scan_id, detected_at)
     select plan_id, kind, risk_key, firm_id, firm_name, county_code, city_code, chain_id, node_id,
        node_name_zh, node_name_en, severity, findings, status, level, step_since, due_at, condition_holds,
        first_scan_id, last_seen_scan_id, detected_at
     from jsonb_to_recordset($1::jsonb) as x(plan_id text, kind text, risk_key text, firm_id int,
        firm_name text, county_code text, city_code text, chain_id text, node_id text, node_name_zh text,
        node_name_en text, severity text, findings jsonb, status text, level text, step_since timestamptz,
        due_at timestamptz, condition_holds boolean, first_scan_id int, last_seen_scan_id int,
        detected_at timestamptz)
     returning id, risk_key as "riskKey"`,
    [JSON.stringify(records)],
  );
  return new Map(rows.map((r) => [r.riskKey, r.id]));
}

/**
 * A scan's new finding for an existing case: its figures, severity, names, and the firm's region and
 * chain as of now (scoping reads these: a firm that moved to another county is that county's case, and the
 * county it left no longer reads its new figures).
 */
export type RiskCaseRefresh = {
  id: number;
  firmName: string | null;
  countyCode: string | null;
  cityCode: string | null;
  chainId: string;
  nodeNameZh: string;
  nodeNameEn: string;
  severity: RiskSeverity;
  findings: unknown;
  conditionHolds: boolean;
  lastSeenScanId: number | null;
};

export async function refreshRiskCases(query: RawQuery, updates: readonly RiskCaseRefresh[]): Promise<void> {
  if (updates.length === 0) return;
  const records = updates.map((u) => ({
    id: u.id,
    firm_name: u.firmName,
    county_code: u.countyCode,
    city_code: u.cityCode,
    chain_id: u.chainId,
    node_name_zh: u.nodeNameZh,
    node_name_en: u.nodeNameEn,
    severity: u.severity,
    findings: u.findings,
    condition_holds: u.conditionHolds,
    last_seen_scan_id: u.lastSeenScanId,
  }));
  await query(
    `update risk_cases c set firm_name = x.firm_name, county_code = x.county_code, city_code = x.city_code,
        chain_id = x.chain_id, node_name_zh = x.node_name_zh,
        node_name_en = x.node_name_en, severity = x.severity, findings = x.findings,
        condition_holds = x.condition_holds,
        last_seen_scan_id = coalesce(x.last_seen_scan_id, c.last_seen_scan_id)
     from jsonb_to_recordset($1::jsonb) as x(id int, firm_name text, county_code text, city_code text,
        chain_id text, node_name_zh text, node_name_en text,
        severity text, findings jsonb, condition_holds boolean, last_seen_scan_id int)
     where c.id = x.id`,
    [JSON.stringify(records)],
  );
}

/** A case's new step, after an action or an escalation. */
export type RiskCaseMove = {
  status: CaseStatus;
  level: CaseLevel;
  stepSince: Date;
  dueAt: Date | null;
  resolvedBy: number | null;
  closedAt: Date | null;
};

/** The parameters $1–$7 of a case's move: its id, then the columns the two updates below set. */
function moveParams(id: number, move: RiskCaseMove): unknown[] {
  return [
    id,
    move.status,
    move.level,
    move.stepSince.toISOString(),
    move.dueAt?.toISOString() ?? null,
    move.resolvedBy,
    move.closedAt?.toISOString() ?? null,
  ];
}

export async function moveRiskCase(query: RawQuery, id: number, move: RiskCaseMove): Promise<void> {
  await query(
    `update risk_cases set status = $2, level = $3, step_since = $4, due_at = $5, resolved_by = $6,
        closed_at = $7 where id = $1`,
    moveParams(id, move),
  );
}

/**
 * Opens a closed case again (a scan found its risk on newer data), only if it is still closed: an office
 * may have reopened and taken it since the scan read it. Returns whether it moved.
 */
export async function reopenClosedRiskCase(
  query: RawQuery,
  id: number,
  move: RiskCaseMove,
): Promise<boolean> {
  const rows = await query(
    `update risk_cases set status = $2, level = $3, step_since = $4, due_at = $5, resolved_by = $6,
        closed_at = $7 where id = $1 and status = 'closed' returning id`,
    moveParams(id, move),
  );
  return rows.length > 0;
}

export type NewCaseEvent = {
  caseId: number;
  at: Date;
  actorUserId: number | null;
  actorName: string;
  kind: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  fromLevel: CaseLevel | null;
  toLevel: CaseLevel;
  note: string | null;
  /** An internal note (内部备注): the offices read it, the firm does not. Absent: not internal. */
  internal?: boolean;
  measure: string | null;
  scanId: number | null;
};

export async function appendCaseEvents(query: RawQuery, events: readonly NewCaseEvent[]): Promise<void> {
  if (events.length === 0) return;
  const records = events.map((e) => ({
    case_id: e.caseId,
    at: e.at.toISOString(),
    actor_user_id: e.actorUserId,
    actor_name: e.actorName,
    kind: e.kind,
    from_status: e.fromStatus,
    to_status: e.toStatus,
    from_level: e.fromLevel,
    to_level: e.toLevel,
    note: e.note,
    internal: e.internal ?? false,
    measure: e.measure,
    scan_id: e.scanId,
  }));
  await query(
    `insert into risk_case_events (case_id, at, actor_user_id, actor_name, kind, from_status, to_status,
        from_level, to_level, note, internal, measure, scan_id)
     select case_id, at, actor_user_id, actor_name, kind, from_status, to_status, from_level, to_level,
        note, internal, measure, scan_id
     from jsonb_to_recordset($1::jsonb) as x(case_id int, at timestamptz, actor_user_id int,
        actor_name text, kind text, from_status text, to_status text, from_level text, to_level text,
        note text, internal boolean, measure text, scan_id int)
     order by case_id`,
    [JSON.stringify(records)],
  );
}

export type CaseEventRow = NewCaseEvent & { id: number; internal: boolean };

const EVENT_COLUMNS = `id::int as id, case_id as "caseId", at, actor_user_id as "actorUserId",
  actor_name as "actorName", kind, from_status as "fromStatus", to_status as "toStatus",
  from_level as "fromLevel", to_level as "toLevel", note, internal, measure, scan_id as "scanId"`;

/**
 * A case's history, oldest first. Without `withInternal` (the firm reading its case) the internal notes
 * are not read at all, so that nothing above the store can pass them on or count them.
 */
export async function caseEvents(
  query: RawQuery,
  caseId: number,
  { withInternal }: { withInternal: boolean },
): Promise<CaseEventRow[]> {
  const rows = await query<CaseEventRow>(
    `select ${EVENT_COLUMNS} from risk_case_events
     where case_id = $1 ${withInternal ? '' : 'and not internal'} order by id`,
    [caseId],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}

/**
 * The latest event of each of the cases; for the cases in `withoutInternal` (those the caller reads as
 * their firm), the latest event that is not an internal note.
 */
export async function lastCaseEvents(
  query: RawQuery,
  caseIds: readonly number[],
  withoutInternal: readonly number[],
): Promise<Map<number, CaseEventRow>> {
  if (caseIds.length === 0) return new Map();
  const rows = await query<CaseEventRow>(
    `select distinct on (case_id) ${EVENT_COLUMNS}
     from risk_case_events where case_id = any($1::int[]) and not (internal and case_id = any($2::int[]))
     order by case_id, id desc`,
    [[...caseIds], [...withoutInternal]],
  );
  return new Map(rows.map((r) => [r.caseId, { ...r, at: new Date(r.at) }]));
}

/** One case in the caller's scope, locked for an action when `forUpdate`. */
export async function findRiskCase(
  query: RawQuery,
  scope: FirmScope,
  planId: string,
  id: number,
  forUpdate = false,
): Promise<RiskCaseRow | undefined> {
  const params: unknown[] = [planId, id];
  const inScope = caseScopeCondition(scope, 'c', params);
  const [row] = await query<RiskCaseRow>(
    `select ${CASE_COLUMNS} from risk_cases c where c.plan_id = $1 and c.id = $2 and ${inScope}
     ${forUpdate ? 'for update' : ''}`,
    params,
  );
  return row ? normalise(row) : undefined;
}

/** Cases whose step is overdue and that move up on their own (open or responding, below the province). */
export async function overdueEscalations(query: RawQuery, now: Date): Promise<RiskCaseRow[]> {
  const rows = await query<RiskCaseRow>(
    `select ${CASE_COLUMNS} from risk_cases c
     where c.status in ('open', 'responding') and c.level <> 'province' and c.due_at < $1
     order by c.id for update`,
    [now.toISOString()],
  );
  return rows.map(normalise);
}

export type RiskCaseFilter = {
  statuses?: CaseStatus[];
  level?: CaseLevel;
  kind?: RiskKind;
  severity?: RiskSeverity;
  chainId?: string;
  /** A city (xxxx00) or county code. */
  regionCode?: string;
  firmId?: number;
  /** Only cases whose current step is past due. */
  overdue?: boolean;
  /** Only cases the latest scan no longer finds (true) or still finds (false). */
  cleared?: boolean;
  /** Only cases held above the level they started at (true), or at it (false). */
  escalated?: boolean;
  /** Part of a firm's or a node's name, or a node id. */
  text?: string;
};

function filterSql(filter: RiskCaseFilter, now: Date, params: unknown[]): string {
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const parts: string[] = [];
  if (filter.statuses?.length) parts.push(`c.status = any(${add(filter.statuses)}::text[])`);
  if (filter.level) parts.push(`c.level = ${add(filter.level)}`);
  if (filter.kind) parts.push(`c.kind = ${add(filter.kind)}`);
  if (filter.severity) parts.push(`c.severity = ${add(filter.severity)}`);
  if (filter.chainId) parts.push(`c.chain_id = ${add(filter.chainId)}`);
  if (filter.regionCode) {
    const code = add(filter.regionCode);
    parts.push(`(c.city_code = ${code} or c.county_code = ${code})`);
  }
  if (filter.firmId !== undefined) parts.push(`c.firm_id = ${add(filter.firmId)}`);
  if (filter.overdue !== undefined) {
    const overdue = `(c.status <> 'closed' and c.due_at < ${add(now.toISOString())})`;
    parts.push(filter.overdue ? overdue : `not ${overdue}`);
  }
  if (filter.cleared !== undefined) parts.push(`c.condition_holds = ${add(!filter.cleared)}`);
  if (filter.escalated !== undefined) {
    // A firm's case starts at its county, a node's at the province (app/risks/scan-risks.ts, firstLevel).
    const above = `c.level <> (case c.kind when 'firm_input' then 'county' else 'province' end)`;
    parts.push(filter.escalated ? above : `not ${above}`);
  }
  if (filter.text) {
    // Escaped so that % and _ in the search are literal characters.
    const pattern = add(`%${filter.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    parts.push(
      `(c.firm_name ilike ${pattern} or c.node_name_zh ilike ${pattern} or c.node_name_en ilike ${pattern} or c.node_id ilike ${pattern})`,
    );
  }
  return parts.length > 0 ? parts.join(' and ') : 'true';
}

/**
 * A page of the caller's cases: the open ones first, then by due date (the most pressing first), then
 * the most severe, then by id.
 */
export async function listRiskCases(
  query: RawQuery,
  scope: FirmScope,
  planId: string,
  filter: RiskCaseFilter,
  now: Date,
  page: { offset: number; limit: number },
): Promise<{ total: number; rows: RiskCaseRow[] }> {
  const params: unknown[] = [planId];
  const where = `c.plan_id = $1 and ${caseScopeCondition(scope, 'c', params)} and ${filterSql(filter, now, params)}`;
  const [count] = await query<{ n: number }>(
    `select count(*)::int as n from risk_cases c where ${where}`,
    params,
  );
  const rows = await query<RiskCaseRow>(
    `select ${CASE_COLUMNS} from risk_cases c where ${where}
     order by case c.status when 'open' then 0 when 'responding' then 1 when 'resolved' then 2 else 3 end,
       c.due_at asc nulls last, case c.severity when 'high' then 0 else 1 end, c.id
     offset ${Math.max(0, Math.floor(page.offset))} limit ${Math.max(0, Math.floor(page.limit))}`,
    params,
  );
  return { total: count?.n ?? 0, rows: rows.map(normalise) };
}

export type RiskCaseTally = {
  status: CaseStatus;
  level: CaseLevel;
  kind: RiskKind;
  severity: RiskSeverity;
  cityCode: string | null;
  countyCode: string | null;
  chainId: string;
  overdue: boolean;
  cleared: boolean;
  cases: number;
};

/** Counts of the caller's cases by status, level, kind, severity, city, county, chain, overdue and cleared. */
export async function tallyRiskCases(
  query: RawQuery,
  scope: FirmScope,
  planId: string,
  now: Date,
): Promise<RiskCaseTally[]> {
  const params: unknown[] = [planId, now.toISOString()];
  return query<RiskCaseTally>(
    `select c.status, c.level, c.kind, c.severity, c.city_code as "cityCode", c.county_code as "countyCode",
            c.chain_id as "chainId", (c.status <> 'closed' and c.due_at < $2) as overdue, not c.condition_holds as cleared,
            count(*)::int as cases
     from risk_cases c where c.plan_id = $1 and ${caseScopeCondition(scope, 'c', params)}
     group by 1, 2, 3, 4, 5, 6, 7, 8, 9`,
    params,
  );
}
