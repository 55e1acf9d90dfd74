import type { Database } from '@chainbrain/store';

/** What routes need from the composition root. */
export type ServerContext = { database: Database };
