import type { PlanEdge, PlanNode, PlanPack, Region } from '@chainbrain/domain';
import type { RawQuery } from '../connection/open-database.js';
import { bulkInsert } from './bulk-insert.js';

export type StoreChainNode = PlanNode;
export type StoreNodeEdge = PlanEdge;

/** Inserts or updates administrative divisions. */
export async function upsertRegions(query: RawQuery, regionRows: Region[]): Promise<void> {
  await bulkInsert(
    query,
    'regions',
    [
      { name: 'code', type: 'text' },
      { name: 'level', type: 'text' },
      { name: 'parent_code', type: 'text' },
      { name: 'name_zh', type: 'text' },
      { name: 'name_en', type: 'text' },
      { name: 'kind', type: 'text' },
    ],
    regionRows.map((r) => [r.code, r.level, r.parent, r.name_zh, r.name_en, r.kind]),
    {
      onConflict: `on conflict (code) do update set level = excluded.level, parent_code = excluded.parent_code,
        name_zh = excluded.name_zh, name_en = excluded.name_en, kind = excluded.kind`,
    },
  );
  await bumpDataVersion(query);
}

/** Stores a plan pack with its chains, nodes and edges, replacing an earlier load of the same plan id. */
export async function savePlanPack(
  query: RawQuery,
  pack: PlanPack,
  nodes: StoreChainNode[],
  edges: StoreNodeEdge[],
): Promise<void> {
  const planId = pack.plan.id;
  await bumpDataVersion(query);
  await query('delete from chains where plan_id = $1', [planId]);
  await query('delete from chain_nodes where plan_id = $1', [planId]);
  await query('delete from node_edges where plan_id = $1', [planId]);
  await query(
    `insert into plans (id, title_zh, title_en, start_month, end_month, pack) values ($1,$2,$3,$4,$5,$6::jsonb)
     on conflict (id) do update set title_zh = excluded.title_zh, title_en = excluded.title_en,
       start_month = excluded.start_month, end_month = excluded.end_month, pack = excluded.pack, loaded_at = now()`,
    [planId, pack.plan.title_zh, pack.plan.title_en, pack.plan.start, pack.plan.end, JSON.stringify(pack)],
  );
  await bulkInsert(
    query,
    'chains',
    [
      { name: 'plan_id', type: 'text' },
      { name: 'id', type: 'text' },
      { name: 'sort_order', type: 'int' },
      { name: 'name_zh', type: 'text' },
      { name: 'name_en', type: 'text' },
      { name: 'target_2025', type: 'float8' },
      { name: 'target_kind', type: 'text' },
      { name: 'core_cities', type: 'jsonb' },
      { name: 'collaborating_cities', type: 'jsonb' },
    ],
    pack.chains.map((c, i) => [
      planId,
      c.id,
      i,
      c.zh,
      c.en,
      c.target_2025,
      c.target_kind,
      c.core,
      c.collaborating,
    ]),
  );
  await bulkInsert(
    query,
    'chain_nodes',
    [
      { name: 'plan_id', type: 'text' },
      { name: 'id', type: 'text' },
      { name: 'chain_id', type: 'text' },
      { name: 'name_zh', type: 'text' },
      { name: 'name_en', type: 'text' },
      { name: 'segment', type: 'text' },
      { name: 'hs_codes', type: 'jsonb' },
      { name: 'flags', type: 'jsonb' },
      { name: 'description', type: 'text' },
    ],
    nodes.map((n) => [
      planId,
      n.id,
      n.chainId,
      n.nameZh,
      n.nameEn,
      n.segment,
      n.hsCodes,
      n.flags,
      n.description,
    ]),
  );
  await bulkInsert(
    query,
    'node_edges',
    [
      { name: 'plan_id', type: 'text' },
      { name: 'from_node', type: 'text' },
      { name: 'to_node', type: 'text' },
      { name: 'essentiality', type: 'int' },
    ],
    edges.map((e) => [planId, e.from, e.to, e.essentiality]),
  );
}

export type PlanRow = { id: string; titleZh: string; titleEn: string; startMonth: string; endMonth: string };
export type ChainRow = {
  id: string;
  sortOrder: number;
  nameZh: string;
  nameEn: string;
  target2025: number;
  targetKind: string;
  coreCities: string[];
  collaboratingCities: string[];
};

const PLAN_SELECT = `select id, title_zh as "titleZh", title_en as "titleEn", start_month as "startMonth",
  end_month as "endMonth" from plans`;

export async function findPlan(query: RawQuery, planId: string): Promise<PlanRow | undefined> {
  const rows = await query<PlanRow>(`${PLAN_SELECT} where id = $1`, [planId]);
  return rows[0];
}

/** The plan pack's headline targets as stored (validated when the pack was loaded). */
export async function planHeadlineTargets(
  query: RawQuery,
  planId: string,
): Promise<Array<{ id: string; target: number; unit: string; measures?: string }>> {
  const rows = await query<{
    targets: Array<{ id: string; target: number; unit: string; measures?: string }> | null;
  }>(`select pack->'headline_targets_2025' as targets from plans where id = $1`, [planId]);
  return rows[0]?.targets ?? [];
}

export async function listPlans(query: RawQuery): Promise<PlanRow[]> {
  return query<PlanRow>(`${PLAN_SELECT} order by id`);
}

export async function listChains(query: RawQuery, planId: string): Promise<ChainRow[]> {
  return query<ChainRow>(
    `select id, sort_order as "sortOrder", name_zh as "nameZh", name_en as "nameEn",
       target_2025::float8 as "target2025", target_kind as "targetKind",
       core_cities as "coreCities", collaborating_cities as "collaboratingCities"
     from chains where plan_id = $1 order by sort_order`,
    [planId],
  );
}

export async function listRegions(query: RawQuery): Promise<Region[]> {
  return query<Region>(
    'select code, level, parent_code as parent, name_zh, name_en, kind from regions order by code',
  );
}

export async function getMeta<T>(query: RawQuery, key: string): Promise<T | undefined> {
  const rows = await query<{ value: T }>('select value from meta where key = $1', [key]);
  return rows[0]?.value;
}

export async function setMeta(query: RawQuery, key: string, value: unknown): Promise<void> {
  await query(
    'insert into meta (key, value) values ($1, $2::jsonb) on conflict (key) do update set value = excluded.value',
    [key, JSON.stringify(value)],
  );
}

/**
 * A counter of the data that aggregates are computed from (rollups, plan nodes, regions), raised in the
 * transaction that changes them. Caches of derived figures key on it, so a load by another process (a
 * demo reload beside a running server on PostgreSQL) is seen at the next request.
 */
export async function dataVersion(query: RawQuery): Promise<number> {
  const rows = await query<{ v: string }>(
    "select (value #>> '{}') as v from meta where key = 'data_version'",
  );
  return rows[0] ? Number(rows[0].v) : 0;
}

export async function bumpDataVersion(query: RawQuery): Promise<void> {
  await query(
    `insert into meta (key, value) values ('data_version', '1'::jsonb)
     on conflict (key) do update set value = to_jsonb((meta.value #>> '{}')::bigint + 1)`,
  );
}

/** One node of a plan's chain maps, with its names; undefined when the plan has no such node. */
export async function findChainNode(
  query: RawQuery,
  planId: string,
  nodeId: string,
): Promise<{ id: string; chainId: string; nameZh: string; nameEn: string } | undefined> {
  const rows = await query<{ id: string; chainId: string; nameZh: string; nameEn: string }>(
    `select id, chain_id as "chainId", name_zh as "nameZh", name_en as "nameEn"
     from chain_nodes where plan_id = $1 and id = $2`,
    [planId, nodeId],
  );
  return rows[0];
}
