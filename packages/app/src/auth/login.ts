import { createHash } from 'node:crypto';
import {
  appendAudit,
  clearThrottleFailures,
  type Database,
  findUserByUsername,
  insertSession,
  listGrants,
  mayCheck,
  recordThrottleFailure,
  releaseThrottleAttempt,
  reserveThrottleAttempt,
} from '@chainbrain/store';
import { type Actor, buildActor } from '../access/actor.js';
import { AppError } from '../errors.js';
import { AUTH_SETTINGS } from './auth-settings.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { hashSecret, newSecret } from './secrets.js';

/**
 * How the audit log names a sign-in attempt for a user that does not exist. Not the text itself: people
 * type passwords into the username field, and the log keeps everything for good. A short hash still
 * shows the same name tried again and again (credential stuffing).
 */
export function unknownName(username: string): string {
  return `unknown:${createHash('sha256').update(username.trim().toLowerCase()).digest('hex').slice(0, 12)}`;
}

export type LoginOptions = {
  database: Database;
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
};

export type LoginResult = { sessionToken: string; csrfToken: string; expiresAt: Date; actor: Actor };

export function tooManyAttempts(waitSeconds: number): AppError {
  return new AppError(
    'too_many_requests',
    `密码错误次数过多，请 ${waitSeconds} 秒后再试`,
    `Too many wrong passwords; try again in ${waitSeconds} s`,
    { retryAfterSeconds: waitSeconds },
  );
}

/**
 * Signs a user in with username and password. Repeated failures back off per account and per address
 * (HTTP 429 with Retry-After). Unknown users and wrong passwords get the same answer in the same time.
 */
export async function login({
  database,
  username,
  password,
  ip,
  userAgent,
}: LoginOptions): Promise<LoginResult> {
  const { query } = database;
  const userKey = `user:${username.toLowerCase()}`;
  const ipKey = `ip:${ip ?? 'unknown'}`;
  const { throttle, throttleByAddress } = AUTH_SETTINGS;
  // Counted before the password is checked, so that attempts sent at once cannot all pass the check.
  const [byUser, byAddress] = await database.transaction(async (tx) => [
    await reserveThrottleAttempt(tx.query, userKey, throttle.windowSeconds),
    await reserveThrottleAttempt(tx.query, ipKey, throttleByAddress.windowSeconds),
  ]);
  if (!mayCheck(byUser, throttle) || !mayCheck(byAddress, throttleByAddress)) {
    await database.transaction(async (tx) => {
      await releaseThrottleAttempt(tx.query, userKey);
      await releaseThrottleAttempt(tx.query, ipKey);
    });
    // Refused for attempts still in flight rather than a block: retry once they are decided.
    throw tooManyAttempts(Math.max(byUser.wait, byAddress.wait) || throttle.baseBlockSeconds);
  }

  let user: Awaited<ReturnType<typeof findUserByUsername>>;
  let passwordOk: boolean;
  try {
    user = await findUserByUsername(query, username);
    passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  } catch (err) {
    // Not decided: give the places back rather than hold them for the rest of the window.
    await releaseThrottleAttempt(query, userKey).catch(() => {});
    await releaseThrottleAttempt(query, ipKey).catch(() => {});
    throw err;
  }
  if (!user || !passwordOk || !user.isActive) {
    await database.transaction(async (tx) => {
      await recordThrottleFailure(tx.query, userKey, throttle);
      await recordThrottleFailure(tx.query, ipKey, throttleByAddress);
      await appendAudit(tx.query, {
        actorUserId: user?.id ?? null,
        actorName: user ? user.username : unknownName(username),
        action: 'auth.login_failed',
        details: { reason: !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'inactive' },
        ip,
      });
    });
    throw new AppError('unauthorized', '用户名或密码错误', 'Wrong username or password');
  }

  const sessionToken = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(Date.now() + AUTH_SETTINGS.sessionHours * 3600_000);
  const grants = await listGrants(query, user.id);
  await database.transaction(async (tx) => {
    await clearThrottleFailures(tx.query, userKey);
    await releaseThrottleAttempt(tx.query, ipKey);
    await insertSession(tx.query, {
      tokenHash: hashSecret(sessionToken),
      userId: user.id,
      csrfToken,
      expiresAt,
      ip,
      userAgent,
    });
    await appendAudit(tx.query, { actorUserId: user.id, actorName: user.username, action: 'auth.login', ip });
  });
  return { sessionToken, csrfToken, expiresAt, actor: buildActor(user, grants, 'session', { ip }) };
}
