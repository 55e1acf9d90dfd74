import {
  type Database,
  findLiveApiToken,
  findLiveApiTokenId,
  findLiveSession,
  findUserById,
  listGrants,
} from '@chainbrain/store';
import { type Actor, buildActor } from '../access/actor.js';
import { AUTH_SETTINGS } from './auth-settings.js';
import { hashSecret } from './secrets.js';

export type ResolvedSession = { actor: Actor; csrfToken: string };

/** The actor behind a session cookie, or undefined when the session is unknown, expired, idle or revoked. */
export async function resolveSession(
  database: Database,
  sessionToken: string,
  ip: string | null,
): Promise<ResolvedSession | undefined> {
  const session = await findLiveSession(
    database.query,
    hashSecret(sessionToken),
    AUTH_SETTINGS.sessionIdleMinutes,
  );
  if (!session) return undefined;
  const user = await findUserById(database.query, session.userId);
  if (!user) return undefined;
  const grants = await listGrants(database.query, user.id);
  return { actor: buildActor(user, grants, 'session', { ip }), csrfToken: session.csrfToken };
}

/** The actor behind an API token (Authorization: Bearer cbt_…), or undefined. */
export async function resolveApiToken(
  database: Database,
  token: string,
  ip: string | null,
): Promise<Actor | undefined> {
  const row = await findLiveApiToken(database.query, hashSecret(token));
  if (!row) return undefined;
  const user = await findUserById(database.query, row.userId);
  if (!user?.isActive) return undefined;
  const grants = await listGrants(database.query, user.id);
  return buildActor(user, grants, 'token', { tokenScope: row.scope, ip });
}

/** The id of a live API token, without using it (no last-used stamp): the rate limiter's bucket. */
export function liveApiTokenId(database: Database, token: string): Promise<number | undefined> {
  return findLiveApiTokenId(database.query, hashSecret(token));
}
