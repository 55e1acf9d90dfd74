import { type Actor, AppError, resolveApiToken, resolveSession, safeEqual } from '@chainbrain/app';
import type { Database } from '@chainbrain/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessRule } from './access-rule.js';
import { CSRF_HEADER, SESSION_COOKIE } from './cookies.js';

export type RegisteredRoute = { method: string; url: string; access: AccessRule | undefined };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route with its access rule, for the access matrix test. */
    apiRoutes: RegisteredRoute[];
  }
  interface FastifyRequest {
    /** The authenticated caller; set for every non-public route before the handler runs. */
    actor: Actor;
    /** The session cookie value, when the caller came with one. */
    sessionToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes served by plugins we do not write (the API document), which are public by nature. */
function isExempt(url: string): boolean {
  return url === '/api/docs' || url.startsWith('/api/docs/');
}

export function accessRuleOf(request: FastifyRequest): AccessRule | undefined {
  return request.routeOptions.config.access;
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? (match[1] as string) : null;
}

const unauthorized = () => new AppError('unauthorized', '请先登录', 'Sign in first');

/**
 * The one authorization layer: authenticates the caller (API token or session cookie), checks CSRF for
 * cookie-authenticated state changes, checks the route's declared rule, and puts the actor on the request.
 * Data scoping then happens in the repositories, from actor.scope.
 */
export const accessPlugin = fp<{ database: Database }>(async (app: FastifyInstance, { database }) => {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('sessionToken', null);

  const apiRoutes: RegisteredRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || isExempt(route.url)) return;
    if (!route.config?.access) {
      throw new Error(`route ${route.method} ${route.url} declares no access rule (config.access)`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, access: route.config.access });
    }
  });

  // Before validation: a caller who is not signed in learns that, not which fields of a request it may
  // not send would be wrong (validation ran first and answered anonymous callers in detail).
  app.addHook('preValidation', async (request) => {
    const rule = accessRuleOf(request);
    if (!rule || 'public' in rule) {
      // Some public routes still learn who is calling when a session is present (logout needs it).
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie && rule?.optionalSession) {
        const resolved = await resolveSession(database, cookie, request.ip);
        if (resolved) {
          request.actor = resolved.actor;
          request.sessionToken = cookie;
          if (!SAFE_METHODS.has(request.method)) checkCsrf(request, resolved.csrfToken);
        }
      }
      return;
    }
    const token = bearerToken(request);
    let actor: Actor | undefined;
    if (token) {
      actor = await resolveApiToken(database, token, request.ip);
      if (!actor) throw new AppError('unauthorized', '令牌无效或已过期', 'Invalid or expired API token');
      if (actor.tokenScope === 'read' && !SAFE_METHODS.has(request.method)) {
        throw new AppError('forbidden', '只读令牌不能修改数据', 'A read-only token cannot change data');
      }
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (!cookie) throw unauthorized();
      const resolved = await resolveSession(database, cookie, request.ip);
      if (!resolved)
        throw new AppError('unauthorized', '会话已过期，请重新登录', 'Session expired; sign in again');
      if (!SAFE_METHODS.has(request.method)) checkCsrf(request, resolved.csrfToken);
      actor = resolved.actor;
      request.sessionToken = cookie;
    }
    if (
      actor.mustChangePassword &&
      actor.via === 'session' &&
      !('whilePasswordDue' in rule && rule.whilePasswordDue)
    ) {
      throw new AppError(
        'forbidden',
        '请先修改管理员为您设置的初始密码',
        'Change the password an administrator set for you first',
        { reason: 'password_change_required' },
      );
    }
    if ('permission' in rule && !actor.permissions.has(rule.permission)) {
      throw new AppError('forbidden', '无权访问', `Not allowed: requires ${rule.permission}`);
    }
    request.actor = actor;
  });
});

function checkCsrf(request: FastifyRequest, expected: string): void {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !safeEqual(sent, expected)) {
    throw new AppError(
      'forbidden',
      'CSRF 校验失败，请刷新页面后重试',
      'CSRF check failed; reload the page and try again',
    );
  }
}
