/** Information governance: partners, teams, staff, roles and care relationships. */
export { governanceMigrations } from './store/migrations/index.ts';
export {
  insertOrganisations, insertTeams, insertStaff, recordCareRelationships, summarisePartners, listOrganisations,
  type PartnerSummary,
} from './store/governance.repository.ts';
export * from './domain/organisation.ts';
export { suppressCount, DEFAULT_SUPPRESSION_THRESHOLD, type SuppressedCount } from './domain/disclosure-control.ts';
export { pseudonymisePersonId } from './access/pseudonymise.ts';
export { createScope, loadSharingGrants, forgetSharingGrants } from './access/scope.factory.ts';
export { createAccessFilter } from './access/access-filter.ts';
export * from './domain/access-policy.ts';
export { createAuditWriter, verifyAuditChain, listPersonAccessLog, searchAuditLog, type AuditWriter } from './audit/index.ts';
