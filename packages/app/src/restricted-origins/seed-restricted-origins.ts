import type { Database } from '@chainbrain/store';
import { type Actor, SYSTEM_ACTOR } from '../access/actor.js';
import { checkedEntry } from './checked-entry.js';
import { insertAuditedEntry } from './insert-audited.js';

/**
 * Puts entries on the restricted-origin list that are not there yet (the demo's, at first start), each
 * checked as an administrator's would be and audited as added by the system. Returns how many it added.
 * Run before a dataset load, so that the load's scan applies them.
 */
export async function seedRestrictedOrigins(
  database: Database,
  entries: ReadonlyArray<{ country: string; hs: string; source: string; note?: string | null }>,
  actor: Actor = SYSTEM_ACTOR,
): Promise<number> {
  const checked = entries.map(checkedEntry);
  return database.transaction(async ({ query }) => {
    let added = 0;
    for (const entry of checked) {
      if (await insertAuditedEntry(query, actor, entry)) added++;
    }
    return added;
  });
}
