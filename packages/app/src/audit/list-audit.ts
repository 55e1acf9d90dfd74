import { type AuditEntry, type Database, listAuditEntries } from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';

/** The newest audit entries, for administrators. */
export async function listRecentAudit(
  database: Database,
  actor: Actor,
  limit: number,
): Promise<AuditEntry[]> {
  requirePermission(actor, 'audit:read');
  return listAuditEntries(database.query, { limit, descending: true });
}
