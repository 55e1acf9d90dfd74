import { appendAudit, type Database, revokeSession } from '@chainbrain/store';
import { type Actor, auditActor } from '../access/actor.js';
import { hashSecret } from './secrets.js';

/** Ends the session the cookie carries. */
export async function logout(database: Database, actor: Actor, sessionToken: string): Promise<void> {
  await database.transaction(async ({ query }) => {
    await revokeSession(query, hashSecret(sessionToken));
    await appendAudit(query, { ...auditActor(actor), action: 'auth.logout' });
  });
}
