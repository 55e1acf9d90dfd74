import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'cb_session';
export const CSRF_COOKIE = 'cb_csrf';
export const CSRF_HEADER = 'x-csrf-token';

function isSecure(request: FastifyRequest): boolean {
  return request.protocol === 'https' || process.env.CHAINBRAIN_SECURE_COOKIES === '1';
}

/** Session cookie: HttpOnly, SameSite=Lax. The CSRF cookie is readable by the page, which echoes it in a header. */
export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  session: { token: string; csrf: string; expiresAt: Date },
) {
  const common = {
    path: '/',
    sameSite: 'lax' as const,
    secure: isSecure(request),
    expires: session.expiresAt,
  };
  reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, session.csrf, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
