import {
  appendAudit,
  clearThrottleFailures,
  type Database,
  findUserById,
  isSessionLive,
  lockCredentialState,
  mayCheck,
  recordThrottleFailure,
  releaseThrottleAttempt,
  reserveThrottleAttempt,
  revokeApiTokensOfUser,
  revokeOtherSessionsOfUser,
  updateUser,
} from '@chainbrain/store';
import { type Actor, auditActor } from '../access/actor.js';
import { AppError } from '../errors.js';
import { AUTH_SETTINGS } from './auth-settings.js';
import { tooManyAttempts } from './login.js';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from './passwords.js';
import { hashSecret } from './secrets.js';

export type PasswordChange = {
  currentPassword: string;
  newPassword: string;
  /** Also revoke the user's API tokens (a token made by someone who knew the old password). */
  revokeTokens: boolean;
};

export type PasswordChanged = { endedSessions: number; revokedTokens: number };

/**
 * A signed-in user changes their own password, proving the current one. Wrong current passwords count
 * against the same backoff as failed sign-ins, so a left-open session cannot be used to guess it. The
 * session making the change stays; every other session of the user ends, and the API tokens too when
 * asked (the default in the web app).
 */
export async function changeOwnPassword(
  database: Database,
  actor: Actor,
  sessionToken: string | null,
  change: PasswordChange,
): Promise<PasswordChanged> {
  if (actor.via !== 'session' || !sessionToken) {
    throw new AppError(
      'forbidden',
      '只能在登录会话中修改密码',
      'A password can only be changed from a signed-in session',
    );
  }
  const user = await findUserById(database.query, actor.userId);
  if (!user) throw new AppError('unauthorized', '请先登录', 'Sign in first');
  const userKey = `user:${user.username.toLowerCase()}`;
  const { throttle } = AUTH_SETTINGS;
  const attempt = await database.transaction((tx) =>
    reserveThrottleAttempt(tx.query, userKey, throttle.windowSeconds),
  );
  if (!mayCheck(attempt, throttle)) {
    await releaseThrottleAttempt(database.query, userKey);
    throw tooManyAttempts(attempt.wait || throttle.baseBlockSeconds);
  }
  let currentOk: boolean;
  try {
    currentOk = await verifyPassword(user.passwordHash, change.currentPassword);
  } catch (error) {
    await releaseThrottleAttempt(database.query, userKey).catch(() => {});
    throw error;
  }
  if (!currentOk) {
    await database.transaction(async (tx) => {
      await recordThrottleFailure(tx.query, userKey, throttle);
      await appendAudit(tx.query, {
        ...auditActor(actor),
        action: 'user.password_change_failed',
        targetType: 'user',
        targetId: String(user.id),
        details: { reason: 'wrong_current_password' },
      });
    });
    throw new AppError('invalid_input', '当前密码不正确', 'The current password is wrong', {
      field: 'current_password',
    });
  }
  let passwordHash: string;
  try {
    if (change.newPassword === change.currentPassword) {
      throw new AppError(
        'invalid_input',
        '新密码不能与当前密码相同',
        'The new password must differ from the current one',
        { field: 'new_password' },
      );
    }
    assertPasswordAcceptable(change.newPassword, user.username);
    passwordHash = await hashPassword(change.newPassword);
  } catch (error) {
    await releaseThrottleAttempt(database.query, userKey).catch(() => {});
    throw error;
  }
  return database.transaction(async ({ query }) => {
    // The password was verified and the session resolved outside this transaction; an administrator's
    // reset or deactivation that committed meanwhile wins (a change in flight used to write over it).
    const state = await lockCredentialState(query, user.id);
    if (
      !state?.isActive ||
      state.passwordHash !== user.passwordHash ||
      !(await isSessionLive(query, hashSecret(sessionToken)))
    ) {
      await releaseThrottleAttempt(query, userKey);
      throw new AppError(
        'conflict',
        '账号在此期间已被管理员更改，请重新登录后再试',
        'The account was changed by an administrator meanwhile; sign in again and retry',
      );
    }
    // Clears the failures and gives back this attempt's place (no separate release: that gave back two).
    await clearThrottleFailures(query, userKey);
    await updateUser(query, user.id, { passwordHash, mustChangePassword: false });
    const endedSessions = await revokeOtherSessionsOfUser(query, user.id, hashSecret(sessionToken));
    const revokedTokens = change.revokeTokens ? await revokeApiTokensOfUser(query, user.id) : 0;
    await appendAudit(query, {
      ...auditActor(actor),
      action: 'user.password_change',
      targetType: 'user',
      targetId: String(user.id),
      details: { endedSessions, revokedTokens, wasDue: user.mustChangePassword },
    });
    return { endedSessions, revokedTokens };
  });
}
