import type { FirmScope } from '@chainbrain/domain';
import type { RawQuery } from '../connection/open-database.js';
import { firmScopeCondition } from './firm-scope-sql.js';

/**
 * Chain services as the chain page reads them: the 补链 project library, first-of-a-kind products and the
 * enterprise communities around chain leaders (schema/chain-services.ts). Rows that name a firm are read
 * only inside the caller's firm scope (firm-scope-sql.ts); the per-node summaries name no firm.
 */

export type ProjectStageCode = 'planned' | 'signed' | 'under_construction' | 'in_operation';

export type ChainProjectRow = {
  id: number;
  name: string;
  chainId: string;
  nodeId: string;
  nodeNameZh: string | null;
  nodeNameEn: string | null;
  countyCode: string;
  countyNameZh: string;
  countyNameEn: string;
  cityCode: string | null;
  investmentYi: number;
  stage: ProjectStageCode;
  startYear: number;
  firmId: number | null;
  firmName: string | null;
};

/**
 * Which projects a scope reads: a project with a firm when the firm is in the scope; a project without one
 * when the scope covers its county (a county, or the county's city) or its chain. Province-wide scopes read
 * all; a firm's scope reads only its own firm's projects.
 */
function projectScopeCondition(scope: FirmScope, params: unknown[]): string {
  if (scope.all) return 'true';
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const place: string[] = [];
  if (scope.countyCodes.length > 0) place.push(`p.county_code = any(${add(scope.countyCodes)}::text[])`);
  if (scope.cityCodes.length > 0) place.push(`r.parent_code = any(${add(scope.cityCodes)}::text[])`);
  if (scope.chainIds.length > 0) place.push(`p.chain_id = any(${add(scope.chainIds)}::text[])`);
  const firm = firmScopeCondition(scope, 'f', params);
  const placeSql = place.length > 0 ? `(${place.join(' or ')})` : 'false';
  return `((p.firm_id is not null and ${firm}) or (p.firm_id is null and ${placeSql}))`;
}

export type ProjectFilters = {
  planId: string;
  chainId: string;
  nodeId?: string | undefined;
  stage?: ProjectStageCode | undefined;
  projectId?: number | undefined;
};

/** The chain's projects the scope reads, largest investment first. */
export async function listChainProjects(
  query: RawQuery,
  scope: FirmScope,
  filters: ProjectFilters,
): Promise<ChainProjectRow[]> {
  const params: unknown[] = [filters.planId, filters.chainId];
  const where = ['p.plan_id = $1', 'p.chain_id = $2', projectScopeCondition(scope, params)];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filters.nodeId) where.push(`p.node_id = ${add(filters.nodeId)}`);
  if (filters.stage) where.push(`p.stage = ${add(filters.stage)}`);
  if (filters.projectId !== undefined) where.push(`p.id = ${add(filters.projectId)}`);
  return query<ChainProjectRow>(
    `select p.id, p.name, p.chain_id as "chainId", p.node_id as "nodeId", n.name_zh as "nodeNameZh",
       n.name_en as "nodeNameEn", p.county_code as "countyCode", r.name_zh as "countyNameZh",
       r.name_en as "countyNameEn", r.parent_code as "cityCode", p.investment_yi::float8 as "investmentYi",
       p.stage, p.start_year as "startYear", p.firm_id as "firmId", f.name as "firmName"
     from chain_projects p
     join regions r on r.code = p.county_code
     left join firms f on f.id = p.firm_id
     left join chain_nodes n on n.plan_id = p.plan_id and n.id = p.node_id
     where ${where.join(' and ')}
     order by p.investment_yi desc, p.id`,
    params,
  );
}

export type ProjectSummaryRow = {
  nodeId: string;
  stage: ProjectStageCode;
  projects: number;
  investmentYi: number;
};

/** The chain's projects counted and summed per node and stage, every project, no firm named. */
export async function summariseChainProjects(
  query: RawQuery,
  planId: string,
  chainId: string,
): Promise<ProjectSummaryRow[]> {
  return query<ProjectSummaryRow>(
    `select node_id as "nodeId", stage, count(*)::int as projects,
       sum(investment_yi)::float8 as "investmentYi"
     from chain_projects where plan_id = $1 and chain_id = $2
     group by node_id, stage order by node_id, stage`,
    [planId, chainId],
  );
}

export type FirstOfKindKindCode = 'equipment' | 'material' | 'software';
export type FirstOfKindLevelCode = 'international' | 'national' | 'provincial';

export type FirstOfKindRow = {
  id: number;
  product: string;
  firmId: number;
  firmName: string;
  nodeId: string;
  nodeNameZh: string | null;
  nodeNameEn: string | null;
  year: number;
  kind: FirstOfKindKindCode;
  level: FirstOfKindLevelCode;
};

/** The chain's first-of-a-kind products of firms inside the scope, newest first. */
export async function listFirstOfKind(
  query: RawQuery,
  scope: FirmScope,
  filters: { planId: string; chainId: string; nodeId?: string | undefined; kind?: FirstOfKindKindCode },
): Promise<FirstOfKindRow[]> {
  const params: unknown[] = [filters.planId, filters.chainId];
  const where = ['p.plan_id = $1', 'p.chain_id = $2', firmScopeCondition(scope, 'f', params)];
  if (filters.nodeId) {
    params.push(filters.nodeId);
    where.push(`p.node_id = $${params.length}`);
  }
  if (filters.kind) {
    params.push(filters.kind);
    where.push(`p.kind = $${params.length}`);
  }
  return query<FirstOfKindRow>(
    `select p.id, p.product, p.firm_id as "firmId", f.name as "firmName", p.node_id as "nodeId",
       n.name_zh as "nodeNameZh", n.name_en as "nodeNameEn", p.year, p.kind, p.level
     from first_of_kind_products p
     join firms f on f.id = p.firm_id
     left join chain_nodes n on n.plan_id = p.plan_id and n.id = p.node_id
     where ${where.join(' and ')}
     order by p.year desc, p.id`,
    params,
  );
}

export type FirstOfKindSummaryRow = { nodeId: string; kind: FirstOfKindKindCode; products: number };

/** The chain's first-of-a-kind products counted per node and kind, no firm named. */
export async function summariseFirstOfKind(
  query: RawQuery,
  planId: string,
  chainId: string,
): Promise<FirstOfKindSummaryRow[]> {
  return query<FirstOfKindSummaryRow>(
    `select node_id as "nodeId", kind, count(*)::int as products
     from first_of_kind_products where plan_id = $1 and chain_id = $2
     group by node_id, kind order by node_id, kind`,
    [planId, chainId],
  );
}

export type CommunityRow = {
  id: number;
  name: string;
  leaderFirmId: number;
  leaderName: string;
  foundedYear: number;
};

/** The chain's enterprise communities whose leading firm (链主) is inside the scope. */
export async function listCommunities(
  query: RawQuery,
  scope: FirmScope,
  planId: string,
  chainId: string,
): Promise<CommunityRow[]> {
  const params: unknown[] = [planId, chainId];
  const scopeSql = firmScopeCondition(scope, 'f', params);
  return query<CommunityRow>(
    `select c.id, c.name, c.leader_firm_id as "leaderFirmId", f.name as "leaderName",
       c.founded_year as "foundedYear"
     from enterprise_communities c
     join firms f on f.id = c.leader_firm_id
     where c.plan_id = $1 and c.chain_id = $2 and ${scopeSql}
     order by c.id`,
    params,
  );
}

/** Members of communities counted by role, by the member's primary node and by its city: no firm named. */
export type CommunityMemberCountRow = {
  communityId: number;
  role: 'leader' | 'supplier' | 'customer' | 'partner';
  nodeId: string;
  nodeNameZh: string | null;
  nodeNameEn: string | null;
  cityCode: string;
  cityNameZh: string | null;
  cityNameEn: string | null;
  members: number;
};

export async function countCommunityMembers(
  query: RawQuery,
  communityIds: readonly number[],
): Promise<CommunityMemberCountRow[]> {
  if (communityIds.length === 0) return [];
  return query<CommunityMemberCountRow>(
    `select m.community_id as "communityId", m.role, f.primary_node_id as "nodeId",
       n.name_zh as "nodeNameZh", n.name_en as "nodeNameEn", f.city_code as "cityCode",
       rc.name_zh as "cityNameZh", rc.name_en as "cityNameEn", count(*)::int as members
     from community_members m join firms f on f.id = m.firm_id
     left join chain_nodes n on n.plan_id = f.plan_id and n.id = f.primary_node_id
     left join regions rc on rc.code = f.city_code
     where m.community_id = any($1::int[])
     group by m.community_id, m.role, f.primary_node_id, n.name_zh, n.name_en, f.city_code, rc.name_zh,
       rc.name_en`,
    [[...communityIds]],
  );
}

export type CommunityMemberRow = {
  communityId: number;
  firmId: number;
  name: string;
  role: 'leader' | 'supplier' | 'customer' | 'partner';
  nodeId: string;
  countyCode: string;
  cityCode: string;
};

/** The members of the given communities that are inside the scope, named. */
export async function listCommunityMembers(
  query: RawQuery,
  scope: FirmScope,
  communityIds: readonly number[],
): Promise<CommunityMemberRow[]> {
  if (communityIds.length === 0) return [];
  const params: unknown[] = [[...communityIds]];
  const scopeSql = firmScopeCondition(scope, 'f', params);
  return query<CommunityMemberRow>(
    `select m.community_id as "communityId", m.firm_id as "firmId", f.name, m.role,
       f.primary_node_id as "nodeId", f.county_code as "countyCode", f.city_code as "cityCode"
     from community_members m join firms f on f.id = m.firm_id
     where m.community_id = any($1::int[]) and ${scopeSql}
     order by m.community_id,
       case m.role when 'leader' then 0 when 'supplier' then 1 when 'customer' then 2 else 3 end, f.name`,
    params,
  );
}

/** How many communities the chain has and how many memberships they hold, no firm named. */
export async function summariseCommunities(
  query: RawQuery,
  planId: string,
  chainId: string,
): Promise<{ communities: number; members: number }> {
  const rows = await query<{ communities: number; members: number }>(
    `select count(*)::int as communities,
       coalesce(sum((select count(*) from community_members m where m.community_id = c.id)), 0)::int as members
     from enterprise_communities c where c.plan_id = $1 and c.chain_id = $2`,
    [planId, chainId],
  );
  return rows[0] ?? { communities: 0, members: 0 };
}

/**
 * A chain's projects as the small-cell rule weighs them (ADR 0022, amendment): each with its investment,
 * and where the readers who may read it are found (for a firm's project the firm's county, city and
 * chains, primary or listed; for a firmless one its own county, city and chain), so that only those
 * readers' scopes need be asked which projects they read.
 */
export type ProjectContributorRow = {
  id: number;
  nodeId: string;
  stage: ProjectStageCode;
  investmentYi: number;
  firmId: number | null;
  countyCodes: string[];
  cityCodes: string[];
  chainIds: string[];
};

export async function chainProjectContributors(
  query: RawQuery,
  planId: string,
  chainId: string,
): Promise<ProjectContributorRow[]> {
  return query<ProjectContributorRow>(
    `select p.id, p.node_id as "nodeId", p.stage, p.investment_yi::float8 as "investmentYi",
       p.firm_id as "firmId",
       array_remove(array[p.county_code, f.county_code], null) as "countyCodes",
       array_remove(array[r.parent_code, f.city_code], null) as "cityCodes",
       array(select distinct c from unnest(array[p.chain_id, f.primary_chain_id]
         || array(select cn.chain_id from firm_nodes fn
                  join chain_nodes cn on cn.plan_id = fn.plan_id and cn.id = fn.node_id
                  where fn.firm_id = p.firm_id)) as c where c is not null order by c) as "chainIds"
     from chain_projects p
     join regions r on r.code = p.county_code
     left join firms f on f.id = p.firm_id
     where p.plan_id = $1 and p.chain_id = $2
     order by p.id`,
    [planId, chainId],
  );
}
