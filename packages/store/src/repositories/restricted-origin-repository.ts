import type { RawQuery } from '../connection/open-database.js';

/** An entry of the restricted-origin list (限制来源清单, ADR 0024). */
export type RestrictedOriginRow = {
  id: number;
  country: string;
  /** Digits only; '' for every product of the country. */
  hs: string;
  source: string;
  note: string | null;
  addedByName: string;
  addedAt: Date;
};

const COLUMNS = `id, country, hs, source, note, added_by_name as "addedByName", added_at as "addedAt"`;

/** Timestamps come back as Date from PostgreSQL and as Date or text from PGlite: one type for callers. */
const row = (r: RestrictedOriginRow): RestrictedOriginRow => ({ ...r, addedAt: new Date(r.addedAt) });

/** The whole list, by country then HS code (an embargo, hs '', first). It is short: tens of entries. */
export async function listRestrictedOrigins(query: RawQuery): Promise<RestrictedOriginRow[]> {
  const rows = await query<RestrictedOriginRow>(
    `select ${COLUMNS} from restricted_origins order by country, hs, id`,
  );
  return rows.map(row);
}

/**
 * Adds an entry; undefined when (country, hs) is already on the list, so that the caller can say so
 * instead of failing on the unique index inside its transaction.
 */
export async function insertRestrictedOrigin(
  query: RawQuery,
  entry: { country: string; hs: string; source: string; note: string | null; addedByName: string },
): Promise<RestrictedOriginRow | undefined> {
  const rows = await query<RestrictedOriginRow>(
    `insert into restricted_origins (country, hs, source, note, added_by_name) values ($1, $2, $3, $4, $5)
     on conflict (country, hs) do nothing returning ${COLUMNS}`,
    [entry.country, entry.hs, entry.source, entry.note, entry.addedByName],
  );
  return rows[0] ? row(rows[0]) : undefined;
}

/** The entry already listed for (country, hs), if any. */
export async function findRestrictedOrigin(
  query: RawQuery,
  country: string,
  hs: string,
): Promise<RestrictedOriginRow | undefined> {
  const rows = await query<RestrictedOriginRow>(
    `select ${COLUMNS} from restricted_origins where country = $1 and hs = $2`,
    [country, hs],
  );
  return rows[0] ? row(rows[0]) : undefined;
}

/** Removes an entry and returns it (for the audit log); undefined when there is none with that id. */
export async function deleteRestrictedOrigin(
  query: RawQuery,
  id: number,
): Promise<RestrictedOriginRow | undefined> {
  const rows = await query<RestrictedOriginRow>(
    `delete from restricted_origins where id = $1 returning ${COLUMNS}`,
    [id],
  );
  return rows[0] ? row(rows[0]) : undefined;
}
