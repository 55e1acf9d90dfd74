import type { RawQuery } from '../connection/open-database.js';

export type BulkColumn = { name: string; type: 'int' | 'bigint' | 'text' | 'jsonb' | 'boolean' | 'float8' };

export type Getter<T> = (row: T) => unknown;

/**
 * One column of a chunk as a single comma-joined text (empty = NULL), which PostgreSQL splits with
 * string_to_array: far cheaper to send than an array parameter. Undefined when a value would be
 * ambiguous (a comma, or an empty string) and the column must travel as an array.
 */
function joinColumn(values: unknown[], type: BulkColumn['type']): string | undefined {
  if (type === 'jsonb') return undefined;
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    let text: string;
    if (value === null || value === undefined) text = '';
    else {
      text = String(value);
      if (type === 'text' && (text === '' || text.includes(','))) return undefined;
    }
    out = i === 0 ? text : `${out},${text}`;
  }
  return out;
}

/**
 * Inserts rows column by column: each chunk's columns are built straight from the records (no row
 * arrays in between) and sent as comma-joined texts (or array parameters where a value needs it) to one
 * `insert … select from unnest(…)`. Same SQL on PGlite and PostgreSQL.
 */
export async function insertColumns<T>(
  query: RawQuery,
  table: string,
  columns: Array<BulkColumn & { get: Getter<T> }>,
  rows: readonly T[],
  options: { chunkSize?: number; identityFrom?: number; onConflict?: string } = {},
): Promise<number> {
  const chunkSize = options.chunkSize ?? 50_000;
  // Identity values assigned here (one per row, from identityFrom) spare a sequence call per row.
  const identityFrom = options.identityFrom;
  if (identityFrom !== undefined) {
    let next = identityFrom;
    columns = [{ name: 'id', type: 'bigint', get: () => next++ }, ...columns];
  }
  const overriding = identityFrom !== undefined ? ' overriding system value' : '';
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  for (let start = 0; start < rows.length; start += chunkSize) {
    const end = Math.min(rows.length, start + chunkSize);
    const params: unknown[] = [];
    const unnestArgs: string[] = [];
    columns.forEach((c, i) => {
      const values = new Array<unknown>(end - start);
      for (let r = start; r < end; r++) {
        const value = c.get(rows[r] as T);
        values[r - start] = c.type === 'jsonb' && value !== null ? JSON.stringify(value) : value;
      }
      const joined = joinColumn(values, c.type);
      params.push(joined ?? values);
      const n = i + 1;
      if (joined === undefined) unnestArgs.push(`$${n}::${c.type === 'jsonb' ? 'text' : c.type}[]`);
      else
        unnestArgs.push(`string_to_array($${n}::text, ',', '')${c.type === 'text' ? '' : `::${c.type}[]`}`);
    });
    const selectList = columns.map((c, i) => (c.type === 'jsonb' ? `u.c${i}::jsonb` : `u.c${i}`)).join(', ');
    await query(
      `insert into ${table} (${columns.map((c) => c.name).join(', ')})${overriding} select ${selectList} from unnest(${unnestArgs.join(', ')}) as u(${aliases}) ${options.onConflict ?? ''}`,
      params,
    );
  }
  return rows.length;
}

/**
 * Inserts rows given as arrays (one value per column, in column order): `insertColumns` with positional
 * getters. Used for the small tables; the big fact tables read their records directly.
 */
export async function bulkInsert(
  query: RawQuery,
  table: string,
  columns: BulkColumn[],
  rows: ReadonlyArray<ReadonlyArray<unknown>>,
  options: { onConflict?: string; chunkSize?: number } = {},
): Promise<number> {
  return insertColumns(
    query,
    table,
    columns.map((column, c) => ({ ...column, get: (row: ReadonlyArray<unknown>) => row[c] })),
    rows,
    options,
  );
}
