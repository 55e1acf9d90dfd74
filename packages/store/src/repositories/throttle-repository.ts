import type { RawQuery } from '../connection/open-database.js';

export type ThrottlePolicy = {
  windowSeconds: number;
  freeFailures: number;
  baseBlockSeconds: number;
  maxBlockSeconds: number;
};

export type ThrottleState = { failures: number; blockedUntil: string | null };

/** What a key looked like when an attempt was reserved for it. */
export type ThrottleReservation = {
  /** Failures counted in the current window. */
  failures: number;
  /** Other attempts of this key whose password was being checked (this one not included). */
  othersPending: number;
  /** Seconds the key must still wait, or 0. */
  wait: number;
};

/**
 * `failures` and `pending` with the window restarted when it has run out. Pending counts restart too, so
 * that an attempt whose process died during the check holds a place for one window at most.
 */
const windowOver = 't.window_start < now() - make_interval(secs => $2)';
const failuresInWindow = `case when ${windowOver} then 0 else t.failures end`;
const pendingInWindow = `case when ${windowOver} then 0 else t.pending end`;
const windowStart = `case when ${windowOver} then now() else t.window_start end`;

/**
 * Counts an attempt for a key as pending before its password is checked, in one statement. Attempts sent
 * at once each see the ones before them, so they cannot all pass a check that none of them has failed yet
 * (40 parallel guesses were all checked when the check only read the failures).
 */
export async function reserveThrottleAttempt(
  query: RawQuery,
  key: string,
  windowSeconds: number,
): Promise<ThrottleReservation> {
  const rows = await query<ThrottleReservation>(
    `insert into auth_throttle as t (key, failures, pending, window_start, blocked_until)
     values ($1, 0, 1, now(), null)
     on conflict (key) do update set
       failures = ${failuresInWindow}, pending = ${pendingInWindow} + 1, window_start = ${windowStart}
     returning failures, pending - 1 as "othersPending",
       greatest(0, ceil(extract(epoch from blocked_until - now())))::int as wait`,
    [key, windowSeconds],
  );
  return rows[0]!;
}

/**
 * Whether an attempt may have its password checked: the key is not blocked, and the attempts already in
 * flight, were they all to fail, would not pass the failures the policy allows before blocking. At least
 * one attempt at a time may be checked once a block has run out, as before (its failure blocks again,
 * for twice as long).
 */
export function mayCheck(r: ThrottleReservation, policy: ThrottlePolicy): boolean {
  return r.wait === 0 && r.othersPending < Math.max(1, policy.freeFailures - r.failures);
}

/** Ends a pending attempt that did not fail: refused unchecked, or signed in. */
export async function releaseThrottleAttempt(query: RawQuery, key: string): Promise<void> {
  await query('update auth_throttle set pending = greatest(0, pending - 1) where key = $1', [key]);
}

/**
 * Ends a pending attempt as a failure within the window and, from the `freeFailures`-th failure on, blocks
 * the key for an exponentially growing time (base × 2^(failures − freeFailures), capped).
 */
export async function recordThrottleFailure(
  query: RawQuery,
  key: string,
  policy: ThrottlePolicy,
): Promise<ThrottleState> {
  const rows = await query<ThrottleState>(
    `insert into auth_throttle as t (key, failures, pending, window_start, blocked_until) values ($1, 1, 0, now(), null)
     on conflict (key) do update set
       failures = ${failuresInWindow} + 1, pending = greatest(0, ${pendingInWindow} - 1),
       window_start = ${windowStart}
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

/** After a successful sign-in: the failures are forgotten; attempts still in flight stay counted. */
export async function clearThrottleFailures(query: RawQuery, key: string): Promise<void> {
  await query(
    'update auth_throttle set failures = 0, blocked_until = null, pending = greatest(0, pending - 1) where key = $1',
    [key],
  );
}
