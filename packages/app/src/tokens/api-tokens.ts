import {
  type ApiTokenRow,
  appendAudit,
  countLiveApiTokens,
  type Database,
  findUserById,
  insertApiToken,
  isSessionLive,
  lockCredentialState,
  listApiTokensOfUser,
  revokeApiToken,
} from '@chainbrain/store';
import { type Actor, auditActor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { AUTH_SETTINGS } from '../auth/auth-settings.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { AppError, notFound } from '../errors.js';

export const API_TOKEN_PREFIX = 'cbt_';

/** Creates an API token for the caller. The secret is returned once and only its hash is stored. */
export async function createApiToken(
  database: Database,
  actor: Actor,
  sessionToken: string | null,
  input: { name: string; scope: 'read' | 'write'; expiresInDays: number },
): Promise<{ token: string; row: ApiTokenRow }> {
  if (actor.via !== 'session') {
    throw new AppError(
      'forbidden',
      '只能在登录会话中创建令牌',
      'Tokens can only be created from a signed-in session',
    );
  }
  if (input.expiresInDays < 1 || input.expiresInDays > AUTH_SETTINGS.tokenMaxDays) {
    throw new AppError(
      'invalid_input',
      `有效期须为 1 至 ${AUTH_SETTINGS.tokenMaxDays} 天`,
      `Expiry must be 1 to ${AUTH_SETTINGS.tokenMaxDays} days`,
    );
  }
  const token = `${API_TOKEN_PREFIX}${newSecret()}`;
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const row = await database.transaction(async ({ query }) => {
    // The session was resolved before this transaction: a reset or deactivation that committed meanwhile
    // revoked the user's tokens, and one made now would outlive it.
    const state = await lockCredentialState(query, actor.userId);
    if (
      !state?.isActive ||
      state.mustChangePassword ||
      !sessionToken ||
      !(await isSessionLive(query, hashSecret(sessionToken)))
    ) {
      throw new AppError(
        'conflict',
        '账号在此期间已被管理员更改，请重新登录后再试',
        'The account was changed by an administrator meanwhile; sign in again and retry',
      );
    }
    const live = await countLiveApiTokens(query, actor.userId);
    if (live >= AUTH_SETTINGS.tokenMaxLive) {
      throw new AppError(
        'conflict',
        `已有 ${live} 个有效令牌，达到上限 ${AUTH_SETTINGS.tokenMaxLive} 个；请先吊销不再使用的令牌`,
        `You hold ${live} live tokens, the limit of ${AUTH_SETTINGS.tokenMaxLive}; revoke one you no longer use first`,
      );
    }
    const created = await insertApiToken(query, {
      userId: actor.userId,
      name: input.name,
      tokenHash: hashSecret(token),
      scope: input.scope,
      expiresAt,
    });
    await appendAudit(query, {
      ...auditActor(actor),
      action: 'token.create',
      targetType: 'api_token',
      targetId: String(created.id),
      details: { name: input.name, scope: input.scope, expiresAt: expiresAt.toISOString() },
    });
    return created;
  });
  return { token, row };
}

export function listOwnApiTokens(database: Database, actor: Actor): Promise<ApiTokenRow[]> {
  return listApiTokensOfUser(database.query, actor.userId, AUTH_SETTINGS.tokenEndedShown);
}

export async function revokeOwnApiToken(database: Database, actor: Actor, tokenId: number): Promise<void> {
  await database.transaction(async ({ query }) => {
    if (!(await revokeApiToken(query, actor.userId, tokenId)))
      throw notFound(`令牌 ${tokenId}`, `token ${tokenId}`);
    await appendAudit(query, {
      ...auditActor(actor),
      action: 'token.revoke',
      targetType: 'api_token',
      targetId: String(tokenId),
    });
  });
}

/** An administrator's view of another user's tokens (never their secrets), for rotation and clean-up. */
export async function listUserApiTokens(
  database: Database,
  actor: Actor,
  userId: number,
): Promise<ApiTokenRow[]> {
  requirePermission(actor, 'users:manage');
  if (!(await findUserById(database.query, userId))) throw notFound(`用户 ${userId}`, `user ${userId}`);
  return listApiTokensOfUser(database.query, userId, AUTH_SETTINGS.tokenEndedShown);
}

/** An administrator revokes a token of another user (a leaked feed token, a departed colleague's script). */
export async function revokeUserApiToken(
  database: Database,
  actor: Actor,
  userId: number,
  tokenId: number,
): Promise<void> {
  requirePermission(actor, 'users:manage');
  await database.transaction(async ({ query }) => {
    if (!(await revokeApiToken(query, userId, tokenId)))
      throw notFound(`用户 ${userId} 的令牌 ${tokenId}`, `token ${tokenId} of user ${userId}`);
    await appendAudit(query, {
      ...auditActor(actor),
      action: 'token.revoke',
      targetType: 'api_token',
      targetId: String(tokenId),
      details: { owner: userId },
    });
  });
}
