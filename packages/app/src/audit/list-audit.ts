import { type AuditEntry, type Database, listAuditEntries } from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';

/** The newest audit entries, or the newest older than `beforeId` (the next page), for administrators. */
export async function listRecentAudit(
  database: Database,
  actor: Actor,
  limit: number,
  beforeId?: number,
): Promise<AuditEntry[]> {
  requirePermission(actor, 'audit:read');
  return listAuditEntries(database.query, {
    limit,
    descending: true,
    ...(beforeId === undefined ? {} : { beforeId }),
  });
}
