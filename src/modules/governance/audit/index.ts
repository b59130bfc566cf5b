/** The append-only, hash-chained audit log: writer, verification and queries. */
export { createAuditWriter, AUDIT_CHAIN_LOCK_KEY, type AuditWriter, type AuditWriterOptions } from './audit-writer.ts';
export { verifyAuditChain, type AuditChainReport, type VerifyOptions } from './audit-verify.ts';
export { searchAuditLog, listPersonAccessLog, type AuditLogEntry, type AuditPage, type AuditSearch, type AccessLogOptions } from './audit-query.repository.ts';
export { auditEntriesForPersons } from './audit-entries.ts';
export { GENESIS_HASH, canonicalAuditEntry, hashAuditEntry } from './audit-hash.ts';
export type { AuditLogTable, AuditTables } from './audit-log.table.ts';
export { producePersonAccessLog, searchAudit } from './audit-access.service.ts';
