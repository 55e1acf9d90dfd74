import type { Database } from '@chainbrain/store';

/** What routes need from the composition root. */
export type ServerContext = {
  database: Database;
  /** Sign-in attempts a minute per address (default 30); tests raise it. */
  loginRateLimitPerMinute?: number;
};
