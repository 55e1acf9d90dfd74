import {
  createUser,
  listUserApiTokens,
  listUsersWithGrants,
  revokeUserApiToken,
  type UserView,
  updateUserAccount,
} from '@chainbrain/app';
import { grantSchema } from '@chainbrain/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { needs } from '../auth/access-rule.js';
import type { ServerContext } from '../context.js';
import { firmNamesOf, grantView, grantViewSchema, tokenSchema, tokenView } from './auth.js';
import { rowId } from './params.js';

const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  display_name: z.string(),
  is_active: z.boolean(),
  is_demo: z.boolean(),
  /** The password was set by an administrator and not yet changed by its user. */
  must_change_password: z.boolean(),
  created_at: z.string(),
  grants: z.array(grantViewSchema),
});

const userView = (u: UserView, firmNames: ReadonlyMap<number, string>) => ({
  id: u.id,
  username: u.username,
  display_name: u.displayName,
  is_active: u.isActive,
  is_demo: u.isDemo,
  must_change_password: u.mustChangePassword,
  created_at: u.createdAt,
  grants: u.grants.map((g) => grantView(g, firmNames)),
});

export function usersRoutes({ database }: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const access = needs('users:manage');
    app.get(
      '/api/v1/users',
      {
        config: { access },
        schema: {
          tags: ['users'],
          summary: 'Users and their grants / 用户与授权',
          response: { 200: z.array(userSchema) },
        },
      },
      async (request) => {
        const users = await listUsersWithGrants(database, request.actor);
        const names = await firmNamesOf(
          database,
          users.flatMap((u) => u.grants),
        );
        return users.map((u) => userView(u, names));
      },
    );

    app.post(
      '/api/v1/users',
      {
        config: { access },
        schema: {
          tags: ['users'],
          summary: 'Create a user / 新建用户',
          body: z.strictObject({
            username: z
              .string()
              .regex(
                /^[a-z0-9][a-z0-9._-]{2,63}$/,
                '3–64 lower-case letters, digits, . _ - / 用户名应为 3–64 位小写字母、数字或 . _ -',
              ),
            display_name: z.string().trim().min(1, 'a name that is not blank / 名称不能为空').max(100),
            password: z.string().min(1).max(256),
            grants: z.array(grantSchema).max(50).default([]),
          }),
          response: { 201: userSchema },
        },
      },
      async (request, reply) => {
        const user = await createUser(database, request.actor, {
          username: request.body.username,
          displayName: request.body.display_name,
          password: request.body.password,
          grants: request.body.grants,
        });
        return reply.status(201).send(userView(user, await firmNamesOf(database, user.grants)));
      },
    );

    app.patch(
      '/api/v1/users/:userId',
      {
        config: { access },
        schema: {
          tags: ['users'],
          summary:
            'Change name, active flag, password or grants; ends the user’s sessions when access changes, and revokes the user’s API tokens on deactivation or a password reset / 修改用户',
          params: z.object({ userId: rowId }),
          body: z.strictObject({
            display_name: z
              .string()
              .trim()
              .min(1, 'a name that is not blank / 名称不能为空')
              .max(100)
              .optional(),
            is_active: z.boolean().optional(),
            password: z.string().min(1).max(256).optional(),
            grants: z.array(grantSchema).max(50).optional(),
          }),
          response: { 200: userSchema },
        },
      },
      async (request) => {
        const user = await updateUserAccount(database, request.actor, request.params.userId, {
          displayName: request.body.display_name,
          isActive: request.body.is_active,
          password: request.body.password,
          grants: request.body.grants,
        });
        return userView(user, await firmNamesOf(database, user.grants));
      },
    );

    app.get(
      '/api/v1/users/:userId/tokens',
      {
        config: { access },
        schema: {
          tags: ['users'],
          summary: 'A user’s API tokens, without their secrets / 用户的接口令牌',
          params: z.object({ userId: rowId }),
          response: { 200: z.array(tokenSchema) },
        },
      },
      async (request) =>
        (await listUserApiTokens(database, request.actor, request.params.userId)).map(tokenView),
    );

    app.delete(
      '/api/v1/users/:userId/tokens/:tokenId',
      {
        config: { access },
        schema: {
          tags: ['users'],
          summary: 'Revoke a user’s API token / 吊销用户的接口令牌',
          params: z.object({ userId: rowId, tokenId: rowId }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await revokeUserApiToken(database, request.actor, request.params.userId, request.params.tokenId);
        return reply.status(204).send(null);
      },
    );
  };
}
