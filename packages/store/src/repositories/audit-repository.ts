import { createHash } from 'node:crypto';
import type { RawQuery } from '../connection/open-database.js';

export type AuditEntryInput = {
  actorUserId: number | null;
  actorName: string;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
};

export type AuditEntry = Required<AuditEntryInput> & {
  id: number;
  at: string;
  prevHash: string;
  hash: string;
};

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so that jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const body = canonicalJson([
    entry.id,
    entry.at,
    entry.actorUserId,
    entry.actorName,
    entry.action,
    entry.targetType,
    entry.targetId,
    entry.details,
    entry.ip,
    entry.prevHash,
  ]);
  return createHash('sha256').update(body).digest('hex');
}

/** The head kept outside the log: how many entries and the newest hash. `lock` holds it for an append. */
async function readHead(
  query: RawQuery,
  lock: boolean,
): Promise<{ count: number; lastHash: string } | undefined> {
  const rows = await query<{ count: number; lastHash: string }>(
    `select count::float8 as count, last_hash as "lastHash" from audit_head where id = 1${lock ? ' for update' : ''}`,
  );
  return rows[0];
}

/**
 * Appends one entry. Call it inside the transaction of the change it records: the head row is locked, so
 * concurrent appends queue up and the chain stays linear.
 */
export async function appendAudit(query: RawQuery, input: AuditEntryInput): Promise<AuditEntry> {
  let head = await readHead(query, true);
  if (!head) {
    await query(
      'insert into audit_head (id, count, last_hash) values (1, 0, $1) on conflict (id) do nothing',
      [AUDIT_GENESIS_HASH],
    );
    head = (await readHead(query, true))!;
  }
  const entry: Omit<AuditEntry, 'hash'> = {
    id: head.count + 1,
    at: new Date().toISOString(),
    actorUserId: input.actorUserId,
    actorName: input.actorName,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    details: input.details ?? {},
    ip: input.ip ?? null,
    prevHash: head.lastHash,
  };
  const hash = hashAuditEntry(entry);
  await query(
    `insert into audit_log (id, at, actor_user_id, actor_name, action, target_type, target_id, details, ip, prev_hash, hash)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11)`,
    [
      entry.id,
      entry.at,
      entry.actorUserId,
      entry.actorName,
      entry.action,
      entry.targetType,
      entry.targetId,
      JSON.stringify(entry.details),
      entry.ip,
      entry.prevHash,
      hash,
    ],
  );
  await query('update audit_head set count = $1, last_hash = $2, updated_at = now() where id = 1', [
    entry.id,
    hash,
  ]);
  return { ...entry, hash };
}

const ENTRY_COLUMNS = `id::float8 as id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
  actor_user_id as "actorUserId", actor_name as "actorName", action, target_type as "targetType",
  target_id as "targetId", details, ip, prev_hash as "prevHash", hash`;

export async function listAuditEntries(
  query: RawQuery,
  options: { afterId?: number; beforeId?: number; limit: number; descending?: boolean },
): Promise<AuditEntry[]> {
  if (options.descending) {
    // Newest first, older than `beforeId` when given: the next page of a reader going back in time.
    if (options.beforeId === undefined) {
      return query<AuditEntry>(`select ${ENTRY_COLUMNS} from audit_log order by id desc limit $1`, [
        options.limit,
      ]);
    }
    return query<AuditEntry>(
      `select ${ENTRY_COLUMNS} from audit_log where id < $1 order by id desc limit $2`,
      [options.beforeId, options.limit],
    );
  }
  return query<AuditEntry>(`select ${ENTRY_COLUMNS} from audit_log where id > $1 order by id limit $2`, [
    options.afterId ?? 0,
    options.limit,
  ]);
}

/** Why a chain check failed, as a code a page can put in the reader's language (reason says it in English). */
export type AuditBreak = 'missing' | 'unlinked' | 'changed' | 'truncated' | 'head_mismatch';

export type AuditVerification =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; badEntryId: number | null; reason: string; reasonCode: AuditBreak };

/**
 * Walks the whole chain: ids must run 1..n without gaps, every entry must link to the previous hash and
 * hash to its own, and the head kept outside the table must name the same count and last hash.
 */
export async function verifyAuditChain(query: RawQuery, batchSize = 5000): Promise<AuditVerification> {
  const stored = await readHead(query, false);
  // Every account is created with an audit entry, so accounts without a head mean the log was removed
  // (head and entries together, which the chain alone cannot show).
  if (!stored) {
    const users = await query<{ n: number }>('select count(*)::int as n from users');
    if ((users[0]?.n ?? 0) > 0) {
      return {
        ok: false,
        count: 0,
        badEntryId: 1,
        reason: `the audit head is missing though ${users[0]!.n} account${users[0]!.n === 1 ? '' : 's'} exist${users[0]!.n === 1 ? 's' : ''}: the log was removed`,
        reasonCode: 'truncated',
      };
    }
  }
  const head = stored ?? { count: 0, lastHash: AUDIT_GENESIS_HASH };
  let previousHash = AUDIT_GENESIS_HASH;
  let expectedId = 1;
  for (;;) {
    const batch = await listAuditEntries(query, { afterId: expectedId - 1, limit: batchSize });
    if (batch.length === 0) break;
    for (const entry of batch) {
      if (entry.id !== expectedId) {
        return {
          ok: false,
          count: expectedId - 1,
          badEntryId: expectedId,
          reason: `entry ${expectedId} is missing (next is ${entry.id})`,
          reasonCode: 'missing',
        };
      }
      if (entry.prevHash !== previousHash) {
        return {
          ok: false,
          count: expectedId - 1,
          badEntryId: entry.id,
          reason: `entry ${entry.id} does not link to the entry before it`,
          reasonCode: 'unlinked',
        };
      }
      const { hash, ...rest } = entry;
      if (hashAuditEntry(rest) !== hash) {
        return {
          ok: false,
          count: expectedId - 1,
          badEntryId: entry.id,
          reason: `entry ${entry.id} was changed after it was written`,
          reasonCode: 'changed',
        };
      }
      previousHash = hash;
      expectedId++;
    }
  }
  const count = expectedId - 1;
  if (count !== head.count || previousHash !== head.lastHash) {
    return {
      ok: false,
      count,
      badEntryId: count < head.count ? count + 1 : null,
      reason: `the log ends at entry ${count} but the head records ${head.count} entries${count < head.count ? ': the newest entries were removed' : ''}`,
      reasonCode: count < head.count ? 'truncated' : 'head_mismatch',
    };
  }
  return { ok: true, count, lastHash: previousHash };
}
