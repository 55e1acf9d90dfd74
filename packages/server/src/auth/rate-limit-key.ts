import { liveApiTokenId } from '@chainbrain/app';
import type { Database } from '@chainbrain/store';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from './access-plugin.js';

/** How long a token's bucket is remembered, and how many tokens at most (a feed calls often). */
const REMEMBER_MS = 60_000;
const REMEMBER_AT_MOST = 10_000;

/**
 * The rate limiter's bucket for a request: a live API token's own bucket (so that feeds behind one address
 * do not share a limit), else the caller's address. Only a token that exists gets its own bucket: keyed on
 * the raw header, any made-up Authorization value gave a fresh bucket per request and lifted every limit,
 * the sign-in limit included. The limiter runs before authentication, so the token is looked up here;
 * known tokens are remembered for a minute (a revoked one may keep its bucket that long, but the access
 * layer still refuses it).
 */
export function rateLimitKey(database: Database): (request: FastifyRequest) => Promise<string> {
  const known = new Map<string, { id: number; until: number }>();
  return async (request) => {
    const address = `ip:${request.ip}`;
    const token = bearerToken(request);
    if (!token) return address;
    const now = Date.now();
    const remembered = known.get(token);
    if (remembered && remembered.until > now) return `token:${remembered.id}`;
    const id = await liveApiTokenId(database, token);
    if (id === undefined) {
      known.delete(token);
      return address;
    }
    // Whole-map reset rather than eviction order: simple, and at worst one more lookup per token.
    if (known.size >= REMEMBER_AT_MOST) known.clear();
    known.set(token, { id, until: now + REMEMBER_MS });
    return `token:${id}`;
  };
}
