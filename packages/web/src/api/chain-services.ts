import { useQuery } from '@tanstack/react-query';
import { getJson } from './client.js';
import { PLAN_ID } from './plans.js';

export type ProjectStage = 'planned' | 'signed' | 'under_construction' | 'in_operation';
export type FirstOfKindKind = 'equipment' | 'material' | 'software';
export type FirstOfKindLevel = 'international' | 'national' | 'provincial';
export type CommunityRole = 'leader' | 'supplier' | 'customer' | 'partner';
export const PROJECT_STAGES: ProjectStage[] = ['planned', 'signed', 'under_construction', 'in_operation'];

/** A 补链 project the caller reads; investment in 亿元. */
export type ChainProject = {
  id: number;
  name: string;
  node_id: string;
  node_name_zh: string | null;
  node_name_en: string | null;
  county_code: string;
  county_name_zh: string;
  county_name_en: string;
  city_code: string | null;
  investment: number;
  stage: ProjectStage;
  start_year: number;
  firm: { id: number; name: string } | null;
};

export type FirstOfKindProduct = {
  id: number;
  product: string;
  firm: { id: number; name: string };
  node_id: string;
  node_name_zh: string | null;
  node_name_en: string | null;
  year: number;
  kind: FirstOfKindKind;
  level: FirstOfKindLevel;
};

type Count = { id: string; name_zh: string | null; name_en: string | null; members: number };
export type Community = {
  id: number;
  name: string;
  leader: { id: number; name: string };
  founded_year: number;
  members: number;
  by_role: Record<CommunityRole, number>;
  by_node: Count[];
  by_city: Count[];
  listed: Array<{
    firm_id: number;
    name: string;
    role: CommunityRole;
    node_id: string;
    county_code: string;
    city_code: string;
  }>;
};

/** Every project and product of the chain in figures, naming no firm (aggregates:read). */
export type ServicesSummary = {
  /** `investment` is null when `suppressed` (the small-cell rule, ADR 0022 amendment); counts never are. */
  projects: Array<{
    node_id: string;
    stage: ProjectStage;
    projects: number;
    investment: number | null;
    suppressed: boolean;
  }>;
  first_of_kind: Array<{ node_id: string; kind: FirstOfKindKind; products: number }>;
  communities: { communities: number; members: number };
};

export type GapNode = {
  node_id: string;
  name_zh: string;
  name_en: string;
  segment: string;
  gap: boolean;
  import_dependent: boolean | null;
  projects: number;
  /** Null, as each stage's, when `suppressed` (the small-cell rule, ADR 0022 amendment). */
  investment: number | null;
  suppressed: boolean;
  by_stage: Array<{ stage: ProjectStage; projects: number; investment: number | null; suppressed: boolean }>;
  /** Null for callers without firms:read. */
  listed: ChainProject[] | null;
};
export type ChainGaps = {
  chain_id: string;
  month: string;
  with_projects: number;
  without_projects: number;
  nodes: GapNode[];
};

const chainPath = (chainId: string) => `/api/v1/plans/${PLAN_ID}/chains/${encodeURIComponent(chainId)}`;
const nodeQuery = (nodeId?: string) => (nodeId ? `?node=${encodeURIComponent(nodeId)}` : '');

export function useChainProjects(chainId: string, enabled: boolean, nodeId?: string) {
  return useQuery({
    queryKey: ['chain-projects', chainId, nodeId ?? null],
    queryFn: () => getJson<{ items: ChainProject[] }>(`${chainPath(chainId)}/projects${nodeQuery(nodeId)}`),
    enabled,
  });
}

export function useFirstOfKind(chainId: string, enabled: boolean, nodeId?: string) {
  return useQuery({
    queryKey: ['first-of-kind', chainId, nodeId ?? null],
    queryFn: () =>
      getJson<{ items: FirstOfKindProduct[] }>(`${chainPath(chainId)}/first-of-kind${nodeQuery(nodeId)}`),
    enabled,
  });
}

export function useCommunities(chainId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['communities', chainId],
    queryFn: () => getJson<{ items: Community[] }>(`${chainPath(chainId)}/communities`),
    enabled,
  });
}

export function useServicesSummary(chainId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['services-summary', chainId],
    queryFn: () => getJson<ServicesSummary>(`${chainPath(chainId)}/services/summary`),
    enabled,
  });
}

export function useChainGaps(chainId: string, month: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['chain-gaps', chainId, month],
    queryFn: () => getJson<ChainGaps>(`${chainPath(chainId)}/gaps?month=${month}`),
    enabled: enabled && month !== null,
  });
}
