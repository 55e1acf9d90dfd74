import { useMe } from '../api/auth.js';

/** Permissions the pages need (ROLE_PERMISSIONS in packages/domain/src/access/roles.ts, docs/security.md). */
export type Permission = 'aggregates:read' | 'firms:read' | 'users:manage' | 'plans:manage' | 'audit:read';

/** Whether the signed-in user holds a permission; false while unknown. */
export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return (permission) => me.data?.permissions.includes(permission) ?? false;
}
