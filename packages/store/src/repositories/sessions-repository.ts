import type { RawQuery } from '../connection/open-database.js';

export type SessionRow = {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
};

export async function insertSession(
  query: RawQuery,
  session: {
    tokenHash: string;
    userId: number;
    csrfToken: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await query(
    'insert into sessions (token_hash, user_id, csrf_token, expires_at, ip, user_agent) values ($1, $2, $3, $4, $5, $6)',
    [
      session.tokenHash,
      session.userId,
      session.csrfToken,
      session.expiresAt.toISOString(),
      session.ip,
      session.userAgent,
    ],
  );
}

/** A live session: not revoked, not expired, not idle too long, its user active. Touches last_seen_at. */
export async function findLiveSession(
  query: RawQuery,
  tokenHash: string,
  idleMinutes: number,
): Promise<SessionRow | undefined> {
  const rows = await query<SessionRow>(
    `update sessions s set last_seen_at = now()
     from users u
     where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now()
       and s.last_seen_at > now() - make_interval(mins => $2) and u.id = s.user_id and u.is_active = 1
     returning s.token_hash as "tokenHash", s.user_id as "userId", s.csrf_token as "csrfToken",
       s.created_at::text as "createdAt", s.last_seen_at::text as "lastSeenAt", s.expires_at::text as "expiresAt",
       s.ip, s.user_agent as "userAgent"`,
    [tokenHash, idleMinutes],
  );
  return rows[0];
}

/** Whether a session is still live (not revoked, not expired), without touching it. */
export async function isSessionLive(query: RawQuery, tokenHash: string): Promise<boolean> {
  const rows = await query(
    'select 1 from sessions where token_hash = $1 and revoked_at is null and expires_at > now()',
    [tokenHash],
  );
  return rows.length > 0;
}

export async function revokeSession(query: RawQuery, tokenHash: string): Promise<void> {
  await query('update sessions set revoked_at = now() where token_hash = $1 and revoked_at is null', [
    tokenHash,
  ]);
}

export async function revokeSessionsOfUser(query: RawQuery, userId: number): Promise<number> {
  const rows = await query<{ n: number }>(
    `with revoked as (update sessions set revoked_at = now() where user_id = $1 and revoked_at is null returning 1)
     select count(*)::int as n from revoked`,
    [userId],
  );
  return rows[0]?.n ?? 0;
}

/** Ends every live session of a user but one (the one changing the password keeps working); returns how many. */
export async function revokeOtherSessionsOfUser(
  query: RawQuery,
  userId: number,
  keptTokenHash: string,
): Promise<number> {
  const rows = await query<{ n: number }>(
    `with revoked as (update sessions set revoked_at = now()
       where user_id = $1 and revoked_at is null and token_hash <> $2 returning 1)
     select count(*)::int as n from revoked`,
    [userId, keptTokenHash],
  );
  return rows[0]?.n ?? 0;
}

export async function listLiveSessionsOfUser(query: RawQuery, userId: number): Promise<SessionRow[]> {
  return query<SessionRow>(
    `select token_hash as "tokenHash", user_id as "userId", csrf_token as "csrfToken", created_at::text as "createdAt",
       last_seen_at::text as "lastSeenAt", expires_at::text as "expiresAt", ip, user_agent as "userAgent"
     from sessions where user_id = $1 and revoked_at is null and expires_at > now() order by created_at desc`,
    [userId],
  );
}
