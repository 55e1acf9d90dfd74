import type { RawQuery } from '../connection/open-database.js';

/**
 * Small reads that other layers need to check or show a reference: whether a region, chain or firm named
 * in a grant exists, firms' names, the demo accounts, and facts about the database itself.
 */

export async function regionExists(query: RawQuery, code: string): Promise<boolean> {
  return (await query('select 1 from regions where code = $1', [code])).length > 0;
}

export async function chainExists(query: RawQuery, id: string): Promise<boolean> {
  return (await query('select 1 from chains where id = $1', [id])).length > 0;
}

export async function firmExists(query: RawQuery, id: number): Promise<boolean> {
  return (await query('select 1 from firms where id = $1', [id])).length > 0;
}

/** The names of the given firms, by id (ids that do not exist are left out). */
export async function firmNames(query: RawQuery, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await query<{ id: number; name: string }>('select id, name from firms where id = any($1)', [
    [...ids],
  ]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Active demo accounts with the first of their roles, for the sign-in page. */
export function listDemoAccounts(
  query: RawQuery,
): Promise<Array<{ username: string; display_name: string; role: string }>> {
  return query(
    `select u.username, u.display_name, min(g.role) as role from users u left join grants g on g.user_id = u.id
     where u.is_demo = 1 and u.is_active = 1 group by u.username, u.display_name order by u.username`,
  );
}

/** Whether the loaded dataset is the synthetic demo (its record says so, or its label does). */
export async function isDemoDatasetLoaded(query: RawQuery): Promise<boolean> {
  const rows = await query<{ demo: boolean }>(
    `select coalesce((value->>'demo')::boolean, value->>'label' like '%demo%') as demo from meta where key = 'dataset'`,
  );
  return Boolean(rows[0]?.demo);
}

export async function userExists(query: RawQuery, username: string): Promise<boolean> {
  return (await query('select 1 from users where username = $1', [username])).length > 0;
}

/** A firm for the demo firm user: one in 西湖区 (330106) when there is one, else the first. */
export async function demoFirmId(query: RawQuery): Promise<number | undefined> {
  const rows = await query<{ id: number }>(
    "select id from firms order by (county_code = '330106') desc, id limit 1",
  );
  return rows[0]?.id;
}

/** Whether the database holds the audit log's tables (a folder never started by ChainBrain does not). */
export async function hasAuditTables(query: RawQuery): Promise<boolean> {
  const rows = await query<{ n: number }>(
    "select count(*)::int as n from information_schema.tables where table_name in ('audit_log', 'audit_head')",
  );
  return (rows[0]?.n ?? 0) >= 2;
}

/** A round trip to the database, for the health check. */
export async function pingDatabase(query: RawQuery): Promise<void> {
  await query('select 1');
}
