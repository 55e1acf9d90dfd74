import type { BackupCoverage } from '../../api/risks.js';

/**
 * The share of critical inputs with a backup ready (same or lower standard), or null when there are no
 * such inputs (a 0% there would read as "none covered").
 */
export function readyShare(c: BackupCoverage): number | null {
  return c.inputs > 0 ? (c.same_standard_ready + c.lower_standard_ready) / c.inputs : null;
}
