import type { FirmScope } from '@chainbrain/domain';
import type { RawQuery } from '../connection/open-database.js';
import { firmScopeCondition } from './firm-scope-sql.js';

export type FirmListFilters = {
  planId: string;
  countyCode?: string | undefined;
  cityCode?: string | undefined;
  chainId?: string | undefined;
  nodeId?: string | undefined;
  /** Name or USCC contains. */
  search?: string | undefined;
  /** Firms carrying any of these tags (链主, 龙头, 单项冠军, 专精特新). */
  tags?: readonly string[] | undefined;
  page: number;
  pageSize: number;
};

export type FirmListRow = {
  id: number;
  uscc: string;
  name: string;
  countyCode: string;
  countyNameZh: string;
  countyNameEn: string;
  cityCode: string;
  primaryNodeId: string;
  primaryNodeNameZh: string;
  primaryNodeNameEn: string;
  primaryChainId: string;
  sizeClass: string;
  tags: string[];
};

const LIST_COLUMNS = `f.id, f.uscc, f.name, f.county_code as "countyCode", r.name_zh as "countyNameZh",
  r.name_en as "countyNameEn", f.city_code as "cityCode", f.primary_node_id as "primaryNodeId",
  n.name_zh as "primaryNodeNameZh", n.name_en as "primaryNodeNameEn", f.primary_chain_id as "primaryChainId",
  f.size_class as "sizeClass", f.tags`;

const LIST_FROM = `from firms f
  join regions r on r.code = f.county_code
  left join chain_nodes n on n.plan_id = f.plan_id and n.id = f.primary_node_id`;

/** One page of firms inside the scope, with the total count for the filters. */
export async function listFirms(
  query: RawQuery,
  scope: FirmScope,
  filters: FirmListFilters,
): Promise<{ total: number; rows: FirmListRow[] }> {
  const params: unknown[] = [filters.planId];
  const where = ['f.plan_id = $1', firmScopeCondition(scope, 'f', params)];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filters.countyCode) where.push(`f.county_code = ${add(filters.countyCode)}`);
  if (filters.cityCode) where.push(`f.city_code = ${add(filters.cityCode)}`);
  if (filters.chainId) {
    const chain = add(filters.chainId);
    where.push(
      `(f.primary_chain_id = ${chain} or exists (select 1 from firm_nodes fn join chain_nodes cn
         on cn.plan_id = fn.plan_id and cn.id = fn.node_id where fn.firm_id = f.id and cn.chain_id = ${chain}))`,
    );
  }
  if (filters.nodeId) {
    where.push(
      `exists (select 1 from firm_nodes fn where fn.firm_id = f.id and fn.node_id = ${add(filters.nodeId)})`,
    );
  }
  if (filters.tags?.length) where.push(`f.tags ?| ${add([...filters.tags])}::text[]`);
  if (filters.search) {
    const pattern = add(`%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(f.name ilike ${pattern} or f.uscc ilike ${pattern})`);
  }
  const whereSql = where.join(' and ');
  const total =
    (await query<{ n: number }>(`select count(*)::int as n ${LIST_FROM} where ${whereSql}`, params))[0]?.n ??
    0;
  const limit = add(filters.pageSize);
  const offset = add((filters.page - 1) * filters.pageSize);
  const rows = await query<FirmListRow>(
    `select ${LIST_COLUMNS} ${LIST_FROM} where ${whereSql} order by f.id limit ${limit} offset ${offset}`,
    params,
  );
  return { total, rows };
}

export type FirmDetailRow = FirmListRow & {
  memberships: Array<{ nodeId: string; nameZh: string; nameEn: string; chainId: string; isPrimary: boolean }>;
  output: Array<{ period: string; valueYuan: number }>;
};

/** One firm if it is inside the scope; undefined otherwise (callers answer 404, not 403). */
export async function findFirm(
  query: RawQuery,
  scope: FirmScope,
  planId: string,
  firmId: number,
  outputMonths = 24,
): Promise<FirmDetailRow | undefined> {
  const params: unknown[] = [planId, firmId];
  const scopeSql = firmScopeCondition(scope, 'f', params);
  const row = (
    await query<FirmListRow>(
      `select ${LIST_COLUMNS} ${LIST_FROM} where f.plan_id = $1 and f.id = $2 and ${scopeSql}`,
      params,
    )
  )[0];
  if (!row) return undefined;
  const memberships = await query<FirmDetailRow['memberships'][number]>(
    `select fn.node_id as "nodeId", n.name_zh as "nameZh", n.name_en as "nameEn", n.chain_id as "chainId",
       fn.is_primary as "isPrimary"
     from firm_nodes fn join chain_nodes n on n.plan_id = fn.plan_id and n.id = fn.node_id
     where fn.firm_id = $1 and fn.plan_id = $2 order by fn.is_primary desc, fn.node_id`,
    [firmId, planId],
  );
  const output = await query<{ period: string; valueYuan: number }>(
    `select period, value_yuan::float8 as "valueYuan" from firm_output_monthly where firm_id = $1
     order by period desc limit $2`,
    [firmId, outputMonths],
  );
  return { ...row, memberships, output: output.reverse() };
}
