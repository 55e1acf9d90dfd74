import { EMPTY_SCOPE } from '@chainbrain/domain';
import type { Database } from '@chainbrain/store';
import { suppressionFor } from './suppression-for.js';

/**
 * Makes the disclosure decision of a plan before the first dashboard request needs it (about 4 s for
 * the 30,000-firm demo on PGlite), e.g. right after a server starts. A failure only means the first
 * request makes it.
 */
export async function warmUpDisclosure(database: Database, planId: string): Promise<void> {
  await suppressionFor(database, planId, EMPTY_SCOPE);
}
