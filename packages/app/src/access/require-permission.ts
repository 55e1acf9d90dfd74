import type { Permission } from '@chainbrain/domain';
import { AppError } from '../errors.js';
import type { Actor } from './actor.js';

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) {
    throw new AppError(
      'forbidden',
      `无权执行此操作（需要 ${permission}）`,
      `Not allowed: requires ${permission}`,
    );
  }
}
