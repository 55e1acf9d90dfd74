import { useQuery } from '@tanstack/react-query';
import { getJson } from './client.js';
import { PLAN_ID } from './plans.js';

export type MapNode = {
  id: string;
  name_zh: string;
  name_en: string;
  segment: 'upstream' | 'midstream' | 'downstream';
  chain: string;
  external: boolean;
  hs_codes: string[];
  hs_mappings: Array<{ code: string; rationale: string; rationale_zh: string }>;
  flags: string[];
  description_zh: string | null;
  description_en: string | null;
  plan_items_zh: string[];
  source: boolean;
};
export type MapEdge = {
  from: string;
  to: string;
  essentiality: 0 | 1 | 2;
  rationale: string | null;
  feedback: boolean;
};
export type ChainMap = { chain: string; nodes: MapNode[]; edges: MapEdge[] };

export type ChainStats = {
  chain_id: string;
  month: string;
  target_2025: number;
  /** Empty when `suppressed`. */
  trailing_12m: Array<{ period: string; value: number }>;
  /** Hidden from this caller (统计保密): the figures rest on one or two firms it may not see, one firm dominates them, or they would give such figures away (ADR 0015). */
  suppressed: boolean;
  nodes: Array<{ node_id: string; firm_count: number; output_12m: number | null; suppressed: boolean }>;
};

export type NodeStats = {
  node_id: string;
  month: string;
  /** Empty when `output_suppressed`. */
  output: Array<{ period: string; value: number }>;
  output_suppressed: boolean;
  imports_12m: Array<{
    country: string;
    country_name_zh: string;
    country_name_en: string;
    value: number;
    share: number;
  }>;
  import_dependence: number | null;
};

export type FirmRow = {
  id: number;
  uscc: string;
  name: string;
  county_code: string;
  county_name_zh: string;
  county_name_en: string;
  city_code: string;
  primary_node_id: string;
  primary_node_name_zh: string | null;
  primary_node_name_en: string | null;
  chain_id: string;
  size_class: string;
  tags: string[];
};
export type FirmPage = { total: number; page: number; page_size: number; items: FirmRow[] };

export function useChainMap(chainId: string, enabled = true) {
  return useQuery({
    queryKey: ['chain-map', chainId],
    queryFn: () => getJson<ChainMap>(`/api/v1/plans/${PLAN_ID}/chains/${chainId}/map`),
    staleTime: Infinity,
    enabled,
  });
}

export function useChainStats(chainId: string, month: string | null) {
  return useQuery({
    queryKey: ['chain-stats', chainId, month],
    queryFn: () => getJson<ChainStats>(`/api/v1/plans/${PLAN_ID}/chains/${chainId}/stats?month=${month}`),
    enabled: month !== null,
  });
}

export function useNodeStats(nodeId: string | null, month: string | null) {
  return useQuery({
    queryKey: ['node-stats', nodeId, month],
    queryFn: () => getJson<NodeStats>(`/api/v1/plans/${PLAN_ID}/nodes/${nodeId}/stats?month=${month}`),
    enabled: nodeId !== null && month !== null,
  });
}

export type DependencyRule = {
  rule: 'hhi' | 'top_origin_share' | 'import_dependence' | 'imports_exports' | 'persistence';
  value: number;
  comparison: '>' | '>=' | '<' | '<=';
  threshold: number;
  fired: boolean;
};

/** GET /api/v1/plans/{plan}/nodes/{node}/dependency: amounts in 亿元, shares as fractions. */
export type NodeDependency = {
  node_id: string;
  month: string;
  window: string[];
  years: Array<{
    year: string;
    imports: number;
    exports: number;
    local_production: number | null;
    hhi: number;
    top_origin: string | null;
    top_origin_name_zh: string | null;
    top_origin_name_en: string | null;
    top_share: number;
    import_dependence: number | null;
    import_export_ratio: number;
    import_export_capped: boolean;
    flagged: boolean | null;
    rules: DependencyRule[];
  }>;
  held_in: string[];
  flagged: boolean | null;
  undecided: 'no_hs_codes' | 'no_full_year' | 'withheld' | null;
  fired: DependencyRule[];
  criteria: string[];
  persistence: { k: number; n: number };
  thresholds: { hhi: number; top_share: number; dependence: number; import_export: number };
  /** HS codes of the node that other nodes list too (their imports count whole for each of them). */
  shared_hs_codes: Array<{ code: string; node_ids: string[] }>;
};

export function useNodeDependency(nodeId: string | null, month: string | null) {
  return useQuery({
    queryKey: ['node-dependency', nodeId, month],
    queryFn: () =>
      getJson<NodeDependency>(`/api/v1/plans/${PLAN_ID}/nodes/${nodeId}/dependency?month=${month}`),
    enabled: nodeId !== null && month !== null,
  });
}

/** The screens of every node on a chain's map, asked only when the map is coloured by them. */
export function useChainDependency(chainId: string, month: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['chain-dependency', chainId, month],
    queryFn: () =>
      getJson<{ chain_id: string; month: string; nodes: NodeDependency[] }>(
        `/api/v1/plans/${PLAN_ID}/chains/${chainId}/dependency?month=${month}`,
      ),
    enabled: enabled && month !== null,
  });
}

/** GET /api/v1/plans/{plan}/dependency: the nodes of all chains that fired in some year, and counts. */
export type PlanDependency = {
  month: string;
  window: string[];
  counts: { dependent: number; some_years: number; clear: number; undecided: number };
  nodes: Array<NodeDependency & { chain_id: string; name_zh: string; name_en: string }>;
};

export function usePlanDependency(month: string | null) {
  return useQuery({
    queryKey: ['plan-dependency', month],
    queryFn: () => getJson<PlanDependency>(`/api/v1/plans/${PLAN_ID}/dependency?month=${month}`),
    enabled: month !== null,
  });
}

/** Filters of GET /api/v1/firms as a query string, without the ones left undefined. */
export function firmsQueryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  return search.toString();
}

export function useFirms(params: Record<string, string | number | undefined>, enabled = true) {
  const search = firmsQueryString(params);
  return useQuery({
    queryKey: ['firms', search],
    queryFn: () => getJson<FirmPage>(`/api/v1/firms?${search}`),
    enabled,
  });
}

export type RegionSummaryRow = {
  code: string;
  level: 'city' | 'county';
  parent: string | null;
  name_zh: string;
  name_en: string;
  /** Null, like the two after it, when `suppressed`. */
  month_output: number | null;
  ytd_output: number | null;
  ytd_yoy_pct: number | null;
  suppressed: boolean;
};
export type RegionSummary = {
  month: string;
  chain_id: string | null;
  cities: RegionSummaryRow[];
  counties: RegionSummaryRow[];
};

export function useRegionSummary(month: string | null, chainId: string | null) {
  return useQuery({
    queryKey: ['region-summary', month, chainId],
    queryFn: () =>
      getJson<RegionSummary>(
        `/api/v1/plans/${PLAN_ID}/regions/summary?month=${month}${chainId ? `&chain=${chainId}` : ''}`,
      ),
    enabled: month !== null,
  });
}
