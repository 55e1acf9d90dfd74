import type { RawQuery } from '../connection/open-database.js';

export type ThrottleState = { failures: number; blockedUntil: string | null };

/** Seconds a key must still wait, or 0. */
export async function throttleWaitSeconds(query: RawQuery, key: string): Promise<number> {
  const rows = await query<{ wait: number }>(
    `select greatest(0, ceil(extract(epoch from blocked_until - now())))::int as wait from auth_throttle where key = $1`,
    [key],
  );
  return rows[0]?.wait ?? 0;
}

/**
 * Counts a failure for a key within a window and, from the `freeFailures`-th failure on, blocks it for an
 * exponentially growing time (base × 2^(failures − freeFailures), capped). Returns the new state.
 */
export async function recordThrottleFailure(
  query: RawQuery,
  key: string,
  policy: { windowSeconds: number; freeFailures: number; baseBlockSeconds: number; maxBlockSeconds: number },
): Promise<ThrottleState> {
  const rows = await query<ThrottleState>(
    `insert into auth_throttle as t (key, failures, window_start, blocked_until) values ($1, 1, now(), null)
     on conflict (key) do update set
       failures = case when t.window_start < now() - make_interval(secs => $2) then 1 else t.failures + 1 end,
       window_start = case when t.window_start < now() - make_interval(secs => $2) then now() else t.window_start end
     returning failures, blocked_until::text as "blockedUntil"`,
    [key, policy.windowSeconds],
  );
  const state = rows[0]!;
  const extra = state.failures - policy.freeFailures;
  if (extra >= 0) {
    const seconds = Math.min(policy.maxBlockSeconds, policy.baseBlockSeconds * 2 ** extra);
    const updated = await query<ThrottleState>(
      `update auth_throttle set blocked_until = now() + make_interval(secs => $2) where key = $1
       returning failures, blocked_until::text as "blockedUntil"`,
      [key, seconds],
    );
    return updated[0]!;
  }
  return state;
}

export async function clearThrottle(query: RawQuery, key: string): Promise<void> {
  await query('delete from auth_throttle where key = $1', [key]);
}
