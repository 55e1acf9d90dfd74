import type { RawQuery } from '../connection/open-database.js';

export type ApiTokenRow = {
  id: number;
  userId: number;
  name: string;
  scope: 'read' | 'write';
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

const COLUMNS = `id, user_id as "userId", name, scope, created_at::text as "createdAt", expires_at::text as "expiresAt",
  last_used_at::text as "lastUsedAt", revoked_at::text as "revokedAt"`;

export async function insertApiToken(
  query: RawQuery,
  token: { userId: number; name: string; tokenHash: string; scope: 'read' | 'write'; expiresAt: Date },
): Promise<ApiTokenRow> {
  const rows = await query<ApiTokenRow>(
    `insert into api_tokens (user_id, name, token_hash, scope, expires_at) values ($1, $2, $3, $4, $5) returning ${COLUMNS}`,
    [token.userId, token.name, token.tokenHash, token.scope, token.expiresAt.toISOString()],
  );
  return rows[0]!;
}

/** A usable token: not revoked, not expired, its user active. Touches last_used_at. */
export async function findLiveApiToken(query: RawQuery, tokenHash: string): Promise<ApiTokenRow | undefined> {
  const rows = await query<ApiTokenRow>(
    `update api_tokens t set last_used_at = now() from users u
     where t.token_hash = $1 and t.revoked_at is null and t.expires_at > now() and u.id = t.user_id and u.is_active = 1
     returning t.id, t.user_id as "userId", t.name, t.scope, t.created_at::text as "createdAt",
       t.expires_at::text as "expiresAt", t.last_used_at::text as "lastUsedAt", t.revoked_at::text as "revokedAt"`,
    [tokenHash],
  );
  return rows[0];
}

/** The id of a live token (not revoked, not expired), without touching it: for rate-limit buckets. */
export async function findLiveApiTokenId(query: RawQuery, tokenHash: string): Promise<number | undefined> {
  const rows = await query<{ id: number }>(
    'select id from api_tokens where token_hash = $1 and revoked_at is null and expires_at > now()',
    [tokenHash],
  );
  return rows[0]?.id;
}

/**
 * A user's tokens for their list: every live one (newest first), then the `endedShown` most recently ended
 * (revoked or expired). Ended tokens pile up for as long as the account lives; the audit log keeps them all.
 */
export async function listApiTokensOfUser(
  query: RawQuery,
  userId: number,
  endedShown: number,
): Promise<ApiTokenRow[]> {
  // An outer order: a union keeps no order of its own. Live first (newest first), then by when each ended.
  return query<ApiTokenRow>(
    `select ${COLUMNS} from (
       (select *, 0 as part, null::timestamptz as ended_at from api_tokens
         where user_id = $1 and revoked_at is null and expires_at > now())
       union all
       (select *, 1 as part, least(revoked_at, expires_at) as ended_at from api_tokens
         where user_id = $1 and (revoked_at is not null or expires_at <= now())
         order by least(revoked_at, expires_at) desc, id desc limit $2)
     ) listed order by part, ended_at desc, id desc`,
    [userId, endedShown],
  );
}

/**
 * How many live tokens a user holds. Call it with the user's row locked (lockCredentialState), so that
 * two creations at once cannot both pass a limit.
 */
export async function countLiveApiTokens(query: RawQuery, userId: number): Promise<number> {
  const rows = await query<{ n: number }>(
    'select count(*)::int as n from api_tokens where user_id = $1 and revoked_at is null and expires_at > now()',
    [userId],
  );
  return rows[0]?.n ?? 0;
}

/** Revokes a token of the given user; returns false when there is no such live token. */
export async function revokeApiToken(query: RawQuery, userId: number, tokenId: number): Promise<boolean> {
  const rows = await query(
    'update api_tokens set revoked_at = now() where id = $1 and user_id = $2 and revoked_at is null returning id',
    [tokenId, userId],
  );
  return rows.length > 0;
}

/**
 * Revokes every token of a user not revoked yet; returns how many still worked (expired ones are revoked
 * too, not counted). A password reset or a deactivation calls it, so that a token made with stolen
 * credentials does not outlive them (nor come back on reactivation).
 */
export async function revokeApiTokensOfUser(query: RawQuery, userId: number): Promise<number> {
  const rows = await query<{ n: number }>(
    `with revoked as (update api_tokens set revoked_at = now() where user_id = $1 and revoked_at is null
       returning expires_at > now() as live)
     select count(*) filter (where live)::int as n from revoked`,
    [userId],
  );
  return rows[0]?.n ?? 0;
}
