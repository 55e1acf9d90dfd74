import {
  AppError,
  changeOwnPassword,
  createApiToken,
  listOwnApiTokens,
  login,
  logout,
  revokeOwnApiToken,
} from '@chainbrain/app';
import { type Grant, ROLE_NAMES, roleSchema } from '@chainbrain/domain';
import { type ApiTokenRow, type Database, firmNames, listDemoAccounts } from '@chainbrain/store';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLIC, PUBLIC_WITH_SESSION, SIGNED_IN, SIGNED_IN_WHILE_PASSWORD_DUE } from '../auth/access-rule.js';
import { clearSessionCookies, setSessionCookies } from '../auth/cookies.js';
import type { ServerContext } from '../context.js';
import { rowId } from './params.js';

export const grantViewSchema = z.object({
  role: roleSchema,
  role_name_zh: z.string(),
  role_name_en: z.string(),
  region_code: z.string().nullable(),
  chain_id: z.string().nullable(),
  firm_id: z.number().nullable(),
  /** The firm's name, for a firm grant (an id means nothing to the reader). */
  firm_name: z.string().nullable(),
});

/** A grant as the API shows it; `firmNames` from firmNamesOf. */
export function grantView(grant: Grant, firmNames: ReadonlyMap<number, string> = new Map()) {
  return {
    role: grant.role,
    role_name_zh: ROLE_NAMES[grant.role].zh,
    role_name_en: ROLE_NAMES[grant.role].en,
    region_code: grant.regionCode,
    chain_id: grant.chainId,
    firm_id: grant.firmId,
    firm_name: grant.firmId === null ? null : (firmNames.get(grant.firmId) ?? null),
  };
}

/** Names of the firms that firm grants name. */
export async function firmNamesOf(
  database: Database,
  grants: readonly Grant[],
): Promise<Map<number, string>> {
  const ids = [...new Set(grants.flatMap((g) => (g.firmId === null ? [] : [g.firmId])))];
  return firmNames(database.query, ids);
}

const meSchema = z.object({
  id: z.number(),
  username: z.string(),
  display_name: z.string(),
  grants: z.array(grantViewSchema),
  permissions: z.array(z.string()),
  via: z.enum(['session', 'token', 'system']),
  /** The password is one an administrator set: the user must change it before anything else. */
  must_change_password: z.boolean(),
});

export const tokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  scope: z.enum(['read', 'write']),
  created_at: z.string(),
  expires_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

/** A token as listed (never its secret). */
export const tokenView = (t: ApiTokenRow) => ({
  id: t.id,
  name: t.name,
  scope: t.scope,
  created_at: t.createdAt,
  expires_at: t.expiresAt,
  last_used_at: t.lastUsedAt,
  revoked_at: t.revokedAt,
});

const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message_zh: z.string(),
    message_en: z.string(),
    details: z.unknown().optional(),
  }),
});

/** A backoff refusal tells the client when to try again (Retry-After), as HTTP 429 asks. */
function withRetryAfter(error: unknown, reply: FastifyReply): unknown {
  if (error instanceof AppError && error.code === 'too_many_requests') {
    reply.header('Retry-After', String((error.details as { retryAfterSeconds: number }).retryAfterSeconds));
  }
  return error;
}

export function authRoutes({ database, loginRateLimitPerMinute }: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const me = async (actor: import('@chainbrain/app').Actor) => {
      const names = await firmNamesOf(database, actor.grants);
      return {
        id: actor.userId,
        username: actor.username,
        display_name: actor.displayName,
        grants: actor.grants.map((g) => grantView(g, names)),
        permissions: [...actor.permissions].sort(),
        via: actor.via,
        must_change_password: actor.mustChangePassword,
      };
    };

    app.post(
      '/api/v1/auth/login',
      {
        config: { access: PUBLIC, rateLimit: { max: loginRateLimitPerMinute ?? 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with username and password / 登录',
          body: z.strictObject({
            username: z.string().min(1).max(100),
            password: z.string().min(1).max(256),
          }),
          response: {
            200: meSchema.extend({ csrf_token: z.string(), expires_at: z.string() }),
            401: errorSchema,
            429: errorSchema,
          },
        },
      },
      async (request, reply) => {
        try {
          const result = await login({
            database,
            username: request.body.username,
            password: request.body.password,
            ip: request.ip,
            userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
          });
          setSessionCookies(request, reply, {
            token: result.sessionToken,
            csrf: result.csrfToken,
            expiresAt: result.expiresAt,
          });
          return {
            ...(await me(result.actor)),
            csrf_token: result.csrfToken,
            expires_at: result.expiresAt.toISOString(),
          };
        } catch (error) {
          throw withRetryAfter(error, reply);
        }
      },
    );

    app.post(
      '/api/v1/auth/logout',
      {
        config: { access: PUBLIC_WITH_SESSION },
        schema: { tags: ['auth'], summary: 'Sign out / 退出登录', response: { 204: z.null() } },
      },
      async (request, reply) => {
        if (request.actor && request.sessionToken)
          await logout(database, request.actor, request.sessionToken);
        clearSessionCookies(reply);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/auth/me',
      {
        config: { access: SIGNED_IN_WHILE_PASSWORD_DUE },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user, grants and permissions / 当前用户',
          response: { 200: meSchema },
        },
      },
      async (request) => await me(request.actor),
    );

    app.post(
      '/api/v1/auth/password',
      {
        config: { access: SIGNED_IN_WHILE_PASSWORD_DUE },
        schema: {
          tags: ['auth'],
          summary:
            'Change my password; ends my other sessions and, unless told not to, revokes my API tokens / 修改密码',
          body: z.strictObject({
            current_password: z.string().min(1).max(256),
            new_password: z.string().min(1).max(256),
            revoke_tokens: z.boolean().default(true),
          }),
          response: {
            200: z.object({ ended_sessions: z.number(), revoked_tokens: z.number() }),
            400: errorSchema,
            429: errorSchema,
          },
        },
      },
      async (request, reply) => {
        try {
          const changed = await changeOwnPassword(database, request.actor, request.sessionToken, {
            currentPassword: request.body.current_password,
            newPassword: request.body.new_password,
            revokeTokens: request.body.revoke_tokens,
          });
          return { ended_sessions: changed.endedSessions, revoked_tokens: changed.revokedTokens };
        } catch (error) {
          throw withRetryAfter(error, reply);
        }
      },
    );

    app.get(
      '/api/v1/auth/config',
      {
        config: { access: PUBLIC },
        schema: {
          tags: ['auth'],
          summary: 'Login page settings; lists the demo accounts in demo mode / 登录页配置',
          response: {
            200: z.object({
              demo: z.boolean(),
              demo_password: z.string().nullable(),
              demo_accounts: z.array(
                z.object({ username: z.string(), display_name: z.string(), role: z.string() }),
              ),
            }),
          },
        },
      },
      async () => {
        const rows = await listDemoAccounts(database.query);
        return {
          demo: rows.length > 0,
          demo_password: rows.length > 0 ? 'chainbrain-demo' : null,
          demo_accounts: rows,
        };
      },
    );

    app.get(
      '/api/v1/auth/tokens',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['auth'],
          summary: 'My API tokens / 我的接口令牌',
          response: { 200: z.array(tokenSchema) },
        },
      },
      async (request) => (await listOwnApiTokens(database, request.actor)).map(tokenView),
    );

    app.post(
      '/api/v1/auth/tokens',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['auth'],
          summary: 'Create an API token; the secret is shown once / 创建接口令牌（仅显示一次）',
          body: z.strictObject({
            name: z.string().trim().min(1, 'a name that is not blank / 名称不能为空').max(100),
            scope: z.enum(['read', 'write']).default('read'),
            expires_in_days: z.number().int().min(1).max(366).default(90),
          }),
          response: { 201: tokenSchema.extend({ token: z.string() }) },
        },
      },
      async (request, reply) => {
        const { token, row } = await createApiToken(database, request.actor, request.sessionToken, {
          name: request.body.name,
          scope: request.body.scope,
          expiresInDays: request.body.expires_in_days,
        });
        return reply.status(201).send({ ...tokenView(row), token });
      },
    );

    app.delete(
      '/api/v1/auth/tokens/:tokenId',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['auth'],
          summary: 'Revoke one of my API tokens / 吊销令牌',
          params: z.object({ tokenId: rowId }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await revokeOwnApiToken(database, request.actor, request.params.tokenId);
        return reply.status(204).send(null);
      },
    );
  };
}
