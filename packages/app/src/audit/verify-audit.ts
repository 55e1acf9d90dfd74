import { type AuditVerification, type Database, verifyAuditChain } from '@chainbrain/store';

/** Checks the audit chain end to end (also `chainbrain audit verify`). */
export function verifyAudit(database: Database): Promise<AuditVerification> {
  return verifyAuditChain(database.query);
}
