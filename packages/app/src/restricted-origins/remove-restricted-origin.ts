import {
  appendAudit,
  type Database,
  deleteRestrictedOrigin,
  type RestrictedOriginRow,
} from '@chainbrain/store';
import { type Actor, auditActor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { notFound } from '../errors.js';

/**
 * Removes an entry from the restricted-origin list (ADR 0024), province administrators only. The audit
 * log keeps what was removed; cases the entry brought onto the risk list stay until the next scan marks
 * them cleared and an office closes them.
 */
export async function removeRestrictedOrigin(
  database: Database,
  actor: Actor,
  id: number,
): Promise<RestrictedOriginRow> {
  requirePermission(actor, 'plans:manage');
  return database.transaction(async ({ query }) => {
    const removed = await deleteRestrictedOrigin(query, id);
    if (!removed) throw notFound(`限制来源清单第 ${id} 条`, `restricted-origin entry ${id}`);
    await appendAudit(query, {
      ...auditActor(actor),
      action: 'restricted_origin.remove',
      targetType: 'restricted_origin',
      targetId: String(id),
      details: { country: removed.country, hs: removed.hs, source: removed.source, note: removed.note },
    });
    return removed;
  });
}
