import {
  appendAudit,
  insertRestrictedOrigin,
  type RawQuery,
  type RestrictedOriginRow,
} from '@chainbrain/store';
import { type Actor, auditActor } from '../access/actor.js';
import type { CheckedEntry } from './checked-entry.js';

/**
 * Inserts a checked entry and, if it was not there yet, audits it as added by the actor, in the caller's
 * transaction. Undefined when the list already has an entry for its country and HS code.
 */
export async function insertAuditedEntry(
  query: RawQuery,
  actor: Actor,
  entry: CheckedEntry,
): Promise<RestrictedOriginRow | undefined> {
  const row = await insertRestrictedOrigin(query, { ...entry, addedByName: actor.username });
  if (!row) return undefined;
  await appendAudit(query, {
    ...auditActor(actor),
    action: 'restricted_origin.add',
    targetType: 'restricted_origin',
    targetId: String(row.id),
    details: entry,
  });
  return row;
}
