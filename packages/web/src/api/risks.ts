import type { CaseAction, CaseLevel, CaseStatus, ResolutionMeasure } from '@chainbrain/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, postJson } from './client.js';
import { PLAN_ID } from './plans.js';

/** One rule of a finding: the value measured, how it is compared with the threshold, and whether it fired. */
export type RiskRule = {
  rule: string;
  /** null: unknown (a lead time nobody registered). */
  value: number | null;
  comparison: '>' | '>=' | '<' | '<=';
  threshold: number;
  fired: boolean;
};

export type BackupStatus = 'same_standard_ready' | 'lower_standard_ready' | 'in_qualification' | 'none';

/** Why a firm's input is on the list: amounts in 亿元, shares as fractions. */
/** Purchases from one origin that restricted-origin entries cover (or may), in yuan. */
export type RestrictedMatch = {
  country: string | null;
  hs: string;
  amount_yuan: number;
  entries: Array<{ country: string; hs: string; source: string | null }>;
};

export type FirmInputFindings = {
  kind: 'firm_input';
  listed_as: { size_class: string | null; tags: string[] };
  /** The rules that put the input on the list: the supply rule, a restricted origin (ADR 0024), or both. */
  entered_by: Array<'supply' | 'restricted_origin'>;
  /** Restricted-origin exposure at the scan (shares as fractions, amount in 亿元); null on older cases. */
  restricted: {
    share: number;
    amount: number;
    unclear_share: number;
    matches: RestrictedMatch[];
    unclear_matches: RestrictedMatch[];
  } | null;
  year: string;
  essentiality: number;
  total: number;
  suppliers: number;
  largest_share: number;
  largest_kind: 'firm' | 'foreign' | 'out_of_province' | null;
  largest_country: string | null;
  largest_country_name_zh: string | null;
  largest_country_name_en: string | null;
  foreign_share: number;
  backup_status: BackupStatus;
  registered_backups: number;
  best_backup: {
    standard: 'same' | 'lower';
    state: 'registered' | 'qualifying' | 'qualified';
    lead_time_weeks: number;
  } | null;
  rules: RiskRule[];
};

/** Why a chain node is on the list: the import-dependency screen's years (shares as fractions). */
export type NodeImportFindings = {
  kind: 'node_import';
  month: string;
  window: string[];
  held_in: string[];
  persistence: { k: number; n: number };
  years: Array<{
    year: string;
    hhi: number;
    top_origin: string | null;
    top_origin_name_zh: string | null;
    top_origin_name_en: string | null;
    top_share: number;
    import_dependence: number | null;
    import_export_ratio: number;
    flagged: boolean | null;
  }>;
  rules: RiskRule[];
  shared_hs_codes: Array<{ code: string; node_ids: string[] }>;
};

export type RiskKind = 'firm_input' | 'node_import';
export type RiskSeverity = 'high' | 'medium';

/** A case of the risk list (GET /api/v1/risks, caseSchema in packages/server/src/routes/risks.ts). */
export type RiskCase = {
  id: number;
  kind: RiskKind;
  firm_id: number | null;
  firm_name: string | null;
  county_code: string | null;
  city_code: string | null;
  chain_id: string;
  node_id: string;
  node_name_zh: string;
  node_name_en: string;
  severity: RiskSeverity;
  status: CaseStatus;
  level: CaseLevel;
  /** When the case entered its current step, and when that step is due (ISO 8601). */
  step_since: string;
  due_at: string | null;
  overdue: boolean;
  /** Whether the latest scan still finds the risk. */
  condition_holds: boolean;
  first_scan_id: number;
  last_seen_scan_id: number;
  detected_at: string;
  closed_at: string | null;
  /** What the caller may do now. */
  actions: CaseAction[];
  findings: FirmInputFindings | NodeImportFindings;
};

/** One step of a case's history, the system's (detected, cleared, recurred, auto_escalated) included. */
export type RiskCaseEvent = {
  id: number;
  at: string;
  actor_name: string;
  kind: string;
  from_status: CaseStatus | null;
  to_status: CaseStatus;
  from_level: CaseLevel | null;
  to_level: CaseLevel;
  note: string | null;
  /** An internal note (内部备注): only the case's offices get these; the firm's history leaves them out. */
  internal: boolean;
  measure: ResolutionMeasure | null;
  scan_id: number | null;
};

export type RiskCaseDetail = RiskCase & {
  events: RiskCaseEvent[];
  /** Whether I read and may write internal notes (the case's offices; never the firm). */
  internal_notes: boolean;
};

export type RiskCasePage = { total: number; page: number; page_size: number; items: RiskCase[] };

type Counts = { total: number; open: number; overdue: number; high: number };

/** A scan as the summary lists it: its counts (the whole province's) only for province-wide callers. */
export type RiskScan = {
  id: number;
  ran_at: string;
  actor_name: string | null;
  data_month: string | null;
  found: number | null;
  added: number | null;
  cleared: number | null;
  recurred: number | null;
  millis: number | null;
};

/** GET /api/v1/risks/summary: counts in the caller's scope; all but by_status leave closed cases out. */
export type RiskSummary = {
  by_status: Record<CaseStatus, number>;
  open_by_level: Record<CaseLevel, number>;
  overdue: number;
  escalated: number;
  cleared: number;
  high: number;
  by_kind: Record<RiskKind, Counts>;
  by_city: Array<Counts & { city_code: string }>;
  by_county: Array<Counts & { county_code: string }>;
  by_chain: Array<Counts & { chain_id: string }>;
  /** Backup coverage of the watched firms' critical inputs at the latest scan, over the caller's scope. */
  backup_coverage: {
    scan_id: number;
    total: BackupCoverage;
    by_chain: Array<BackupCoverage & { chain_id: string }>;
  } | null;
  /** The latest scans, newest first. */
  scans: RiskScan[];
};

/** Critical inputs of the watched firms, by the backup they have; at_risk: of them, on the list. */
export type BackupCoverage = {
  inputs: number;
  same_standard_ready: number;
  lower_standard_ready: number;
  in_qualification: number;
  none: number;
  at_risk: number;
};

export type RiskScanResult = {
  scan_id: number;
  data_month: string | null;
  found: number;
  added: number;
  cleared: number;
  recurred: number;
  millis: number;
};

/** The list's filters, as GET /api/v1/risks takes them. */
export type RiskFilters = {
  status?: CaseStatus[];
  level?: CaseLevel;
  kind?: RiskKind;
  severity?: RiskSeverity;
  chain?: string;
  /** A city (xxxx00) or county code. */
  region?: string;
  firm?: number;
  overdue?: boolean;
  cleared?: boolean;
  /** Held above the level the case started at. */
  escalated?: boolean;
  q?: string;
};

export type RiskActionInput = {
  action: CaseAction;
  note?: string | null;
  measure?: ResolutionMeasure | null;
  /** Only with a comment, only by the case's offices. */
  internal?: boolean;
};

/** The filters and page as the API's query string, without the ones left out. */
export function risksQueryString(filters: RiskFilters, page?: { page: number; pageSize: number }): string {
  const search = new URLSearchParams({ plan: PLAN_ID });
  if (filters.status?.length) search.set('status', filters.status.join(','));
  for (const key of [
    'level',
    'kind',
    'severity',
    'chain',
    'region',
    'firm',
    'overdue',
    'cleared',
    'escalated',
  ] as const) {
    const value = filters[key];
    if (value !== undefined) search.set(key, String(value));
  }
  const q = filters.q?.trim();
  if (q) search.set('q', q);
  if (page) {
    search.set('page', String(page.page));
    search.set('page_size', String(page.pageSize));
  }
  return search.toString();
}

const RISKS = ['risks'] as const;

export function useRiskList(filters: RiskFilters, page: { page: number; pageSize: number }, enabled = true) {
  const search = risksQueryString(filters, page);
  return useQuery({
    queryKey: [...RISKS, 'list', search],
    queryFn: () => getJson<RiskCasePage>(`/api/v1/risks?${search}`),
    // The table keeps the page it shows while the next one loads, rather than flashing empty.
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** GET /api/v1/risks/rules: how the list is made and handled, as the server applies it. */
export type RiskListRules = {
  firms: { size_classes: string[]; key_tags: string[]; min_essentiality: number };
  firm_input: { single_source: number; foreign_share: number; max_switch_weeks: number };
  restricted_origin: { min_share: number; high_share: number };
  node_import: { hhi: number; dependence: number; import_export: number; k: number; n: number };
  deadlines: {
    respond: Record<CaseLevel, number>;
    resolve: number;
    confirm: number;
    /** Years whose holiday schedule the working days follow. */
    schedule_years: number[];
    check_minutes: number;
  };
};

export function useRiskRules() {
  return useQuery({
    queryKey: [...RISKS, 'rules'],
    queryFn: () => getJson<RiskListRules>('/api/v1/risks/rules'),
    // The rules change only with a new version of the server.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useRiskSummary() {
  return useQuery({
    queryKey: [...RISKS, 'summary'],
    queryFn: () => getJson<RiskSummary>(`/api/v1/risks/summary?plan=${PLAN_ID}`),
  });
}

export function useRiskCase(caseId: number | null) {
  return useQuery({
    queryKey: [...RISKS, 'case', caseId],
    queryFn: () => getJson<RiskCaseDetail>(`/api/v1/risks/${caseId}?plan=${PLAN_ID}`),
    enabled: caseId !== null,
  });
}

/** Takes a step of a case; the case's answer replaces the detail, and lists and counts are asked again. */
export function useRiskAction(caseId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RiskActionInput) =>
      postJson<RiskCaseDetail>(`/api/v1/risks/${caseId}/actions?plan=${PLAN_ID}`, input),
    onSuccess: async (detail) => {
      client.setQueryData([...RISKS, 'case', caseId], detail);
      await client.invalidateQueries({ queryKey: RISKS });
    },
  });
}

/** Runs the rules now (province administrators): every list, count and case may change. */
export function useRiskScan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => postJson<RiskScanResult>(`/api/v1/risks/scans?plan=${PLAN_ID}`),
    onSuccess: () => client.invalidateQueries({ queryKey: RISKS }),
  });
}
