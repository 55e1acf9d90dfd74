import { type Database, findRestrictedOrigin, type RestrictedOriginRow } from '@chainbrain/store';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/require-permission.js';
import { AppError } from '../errors.js';
import { checkedEntry } from './checked-entry.js';
import { insertAuditedEntry } from './insert-audited.js';

/**
 * Adds an entry to the restricted-origin list (ADR 0024): province administrators only, under the same
 * permission as the on-demand risk scan (plans:manage), since an entry changes what the next scan lists.
 * The list is not rescanned here: the next scan (after a data load, or 立即扫描) applies it.
 */
export async function addRestrictedOrigin(
  database: Database,
  actor: Actor,
  input: { country: unknown; hs?: unknown; source: unknown; note?: unknown },
): Promise<RestrictedOriginRow> {
  requirePermission(actor, 'plans:manage');
  const entry = checkedEntry(input);
  return database.transaction(async ({ query }) => {
    const added = await insertAuditedEntry(query, actor, entry);
    if (!added) {
      const existing = await findRestrictedOrigin(query, entry.country, entry.hs);
      const what = `${entry.country} ${entry.hs === '' ? '（整国）' : entry.hs}`;
      const whatEn = `${entry.country} ${entry.hs === '' ? '(whole country)' : entry.hs}`;
      throw new AppError(
        'conflict',
        `限制来源清单已有 ${what}（第 ${existing?.id} 条，来源：${existing?.source}）`,
        `${whatEn} is already on the restricted-origin list (entry ${existing?.id}, source: ${existing?.source})`,
      );
    }
    return added;
  });
}
