import { type FirmScope, firmScopeOf, type Grant, type Permission, permissionsOf } from '@chainbrain/domain';

/** Who is calling: a signed-in user (session) or a script (API token), with everything access checks need. */
export type Actor = {
  userId: number;
  username: string;
  displayName: string;
  grants: Grant[];
  permissions: Set<Permission>;
  scope: FirmScope;
  via: 'session' | 'token' | 'system';
  /** For API tokens: 'read' allows GET only. */
  tokenScope: 'read' | 'write' | null;
  ip: string | null;
  /** The password is one someone else set: until the user changes it, a session may do nothing else. */
  mustChangePassword: boolean;
};

export function buildActor(
  user: { id: number; username: string; displayName: string; mustChangePassword?: boolean },
  grants: Grant[],
  via: Actor['via'],
  options: { tokenScope?: 'read' | 'write' | null; ip?: string | null } = {},
): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    grants,
    permissions: permissionsOf(grants),
    scope: firmScopeOf(grants),
    via,
    tokenScope: options.tokenScope ?? null,
    ip: options.ip ?? null,
    mustChangePassword: user.mustChangePassword ?? false,
  };
}

/** The actor for work the system does itself (first start, demo loading, CLI maintenance). */
export const SYSTEM_ACTOR: Actor = buildActor(
  { id: 0, username: 'system', displayName: 'System' },
  [{ role: 'province_admin', regionCode: null, chainId: null, firmId: null }],
  'system',
);

export function auditActor(actor: Actor): {
  actorUserId: number | null;
  actorName: string;
  ip: string | null;
} {
  return { actorUserId: actor.userId > 0 ? actor.userId : null, actorName: actor.username, ip: actor.ip };
}
