import type { Grant, GrantInput } from '@chainbrain/domain';
import {
  appendAudit,
  chainExists,
  countActiveAdministrators,
  type Database,
  findUserById,
  firmExists,
  findUserByUsername,
  insertUser,
  listGrantsOfUsers,
  listUsers,
  lockAccountChanges,
  type RawQuery,
  regionExists,
  replaceGrants,
  revokeApiTokensOfUser,
  revokeSessionsOfUser,
  updateUser,
} from '@chainbrain/store';
import { type Actor, auditActor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { assertPasswordAcceptable, hashPassword } from '../auth/passwords.js';
import { AppError, notFound } from '../errors.js';

export type UserView = {
  id: number;
  username: string;
  displayName: string;
  isActive: boolean;
  isDemo: boolean;
  createdAt: string;
  mustChangePassword: boolean;
  grants: Grant[];
};

export async function listUsersWithGrants(database: Database, actor: Actor): Promise<UserView[]> {
  requirePermission(actor, 'users:manage');
  const users = await listUsers(database.query);
  const grants = await listGrantsOfUsers(
    database.query,
    users.map((u) => u.id),
  );
  return users.map(({ passwordHash: _hash, ...u }) => ({ ...u, grants: grants.get(u.id) ?? [] }));
}

/** Checks that each grant names a region, chain and firm that exist. */
async function toGrants(query: RawQuery, inputs: GrantInput[]): Promise<Grant[]> {
  const grants: Grant[] = [];
  for (const [i, g] of inputs.entries()) {
    if (g.region_code) {
      if (!(await regionExists(query, g.region_code)))
        throw new AppError(
          'invalid_input',
          `第 ${i + 1} 项授权：地区 ${g.region_code} 不存在`,
          `grant ${i + 1}: unknown region ${g.region_code}`,
        );
    }
    if (g.chain_id) {
      if (!(await chainExists(query, g.chain_id)))
        throw new AppError(
          'invalid_input',
          `第 ${i + 1} 项授权：产业链 ${g.chain_id} 不存在`,
          `grant ${i + 1}: unknown chain ${g.chain_id}`,
        );
    }
    if (g.firm_id !== null) {
      if (!(await firmExists(query, g.firm_id)))
        throw new AppError(
          'invalid_input',
          `第 ${i + 1} 项授权：企业 ${g.firm_id} 不存在`,
          `grant ${i + 1}: unknown firm ${g.firm_id}`,
        );
    }
    grants.push({ role: g.role, regionCode: g.region_code, chainId: g.chain_id, firmId: g.firm_id });
  }
  return grants;
}

export async function createUser(
  database: Database,
  actor: Actor,
  input: { username: string; displayName: string; password: string; grants: GrantInput[] },
): Promise<UserView> {
  requirePermission(actor, 'users:manage');
  assertPasswordAcceptable(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  const id = await database.transaction(async ({ query }) => {
    if (await findUserByUsername(query, input.username)) {
      throw new AppError(
        'conflict',
        `用户名 ${input.username} 已存在`,
        `Username ${input.username} is taken`,
      );
    }
    const grants = await toGrants(query, input.grants);
    const userId = await insertUser(query, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      // The administrator knows this password: the user replaces it at first sign-in.
      mustChangePassword: true,
    });
    await replaceGrants(query, userId, grants);
    await appendAudit(query, {
      ...auditActor(actor),
      action: 'user.create',
      targetType: 'user',
      targetId: String(userId),
      details: { username: input.username, grants },
    });
    return userId;
  });
  return getUserView(database, id);
}

async function getUserView(database: Database, id: number): Promise<UserView> {
  const user = await findUserById(database.query, id);
  if (!user) throw notFound(`用户 ${id}`, `user ${id}`);
  const grants = (await listGrantsOfUsers(database.query, [id])).get(id) ?? [];
  const { passwordHash: _hash, ...rest } = user;
  return { ...rest, grants };
}

/**
 * Changes a user's name, active flag, password or grants. Deactivating a user, resetting the password or
 * changing the grants ends the user's sessions at once; deactivating or resetting the password also
 * revokes the user's API tokens (they are credentials too; grant changes apply to tokens at their next
 * use, since a token acts with its owner's current grants).
 */
export async function updateUserAccount(
  database: Database,
  actor: Actor,
  userId: number,
  input: {
    displayName?: string | undefined;
    isActive?: boolean | undefined;
    password?: string | undefined;
    grants?: GrantInput[] | undefined;
  },
): Promise<UserView> {
  requirePermission(actor, 'users:manage');
  const user = await findUserById(database.query, userId);
  if (!user) throw notFound(`用户 ${userId}`, `user ${userId}`);
  if (userId === actor.userId && input.isActive === false) {
    throw new AppError('invalid_input', '不能停用自己的账号', 'You cannot deactivate your own account');
  }
  if (input.password !== undefined) assertPasswordAcceptable(input.password, user.username);
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  await database.transaction(async ({ query }) => {
    await lockAccountChanges(query);
    const changes: Parameters<typeof updateUser>[2] = {};
    if (input.displayName !== undefined) changes.displayName = input.displayName;
    if (input.isActive !== undefined) changes.isActive = input.isActive;
    if (passwordHash !== undefined) {
      changes.passwordHash = passwordHash;
      // A password an administrator set for someone else is theirs to replace at next sign-in.
      changes.mustChangePassword = userId !== actor.userId;
    }
    await updateUser(query, userId, changes);
    let grants: Grant[] | undefined;
    if (input.grants) {
      grants = await toGrants(query, input.grants);
      await replaceGrants(query, userId, grants);
    }
    // Nobody could manage users any more, and the system has no other way to make an administrator.
    if (
      (input.isActive === false || grants !== undefined) &&
      (await countActiveAdministrators(query)) === 0
    ) {
      throw new AppError(
        'conflict',
        '此更改会使系统没有在用的省级管理员，已拒绝；请先为其他用户授予省级管理员角色',
        'Refused: this change would leave no active province administrator; grant the role to another user first',
      );
    }
    let endedSessions = 0;
    if (input.isActive === false || passwordHash !== undefined || grants !== undefined) {
      endedSessions = await revokeSessionsOfUser(query, userId);
    }
    let revokedTokens = 0;
    if (input.isActive === false || passwordHash !== undefined) {
      revokedTokens = await revokeApiTokensOfUser(query, userId);
    }
    await appendAudit(query, {
      ...auditActor(actor),
      action: 'user.update',
      targetType: 'user',
      targetId: String(userId),
      details: {
        displayName: input.displayName,
        isActive: input.isActive,
        passwordReset: passwordHash !== undefined,
        grants,
        endedSessions,
        revokedTokens,
      },
    });
  });
  return getUserView(database, userId);
}
