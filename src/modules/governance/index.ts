/** Information governance: partners, teams, staff, roles and care relationships. */
export { governanceMigrations } from './store/migrations/index.ts';
export {
  insertOrganisations, insertTeams, insertStaff, recordCareRelationships, summarisePartners, listOrganisations,
  type PartnerSummary,
} from './store/governance.repository.ts';
export { findTeamPopulation, teamCaseloadPredicate, type TeamPopulation } from './store/team-population.repository.ts';
export * from './domain/organisation.ts';
export { suppressCount, DEFAULT_SUPPRESSION_THRESHOLD, type SuppressedCount } from './domain/disclosure-control.ts';
export { pseudonymisePersonId } from './access/pseudonymise.ts';
export { createScope, loadSharingGrants, forgetSharingGrants } from './access/scope.factory.ts';
export { createAccessFilter } from './access/access-filter.ts';
export * from './domain/access-policy.ts';
export {
  createAuditWriter, verifyAuditChain, listPersonAccessLog, searchAuditLog, producePersonAccessLog, searchAudit, auditEntriesForPersons,
  AUDIT_CHAIN_LOCK_KEY, GENESIS_HASH, hashAuditEntry, canonicalAuditEntry,
  type AuditWriter, type AuditWriterOptions, type AuditChainReport, type AuditLogEntry, type AuditPage, type AuditSearch,
} from './audit/index.ts';
export * from './registers/index.ts';
export { igRoutes, actorOf, type IgRouteOptions } from './routes/ig.routes.ts';
export { authPlugin, requireActor, SESSION_COOKIE, type AuthEvent, type AuthPluginOptions, type AuthContext } from './auth/auth.plugin.ts';
export { authRoutes } from './routes/auth.routes.ts';
export { readAuthSettings, DEFAULT_AUTH_SETTINGS, type AuthSettings, type OidcSettings } from './auth/auth.settings.ts';
export { createUserAccount, setPassword, setAccountDisabled, checkCredentials, type NewUserAccount } from './auth/sign-in.service.ts';
export { findAccountByUsername, type UserAccount } from './auth/account.repository.ts';
export { defaultPurposeForRole, loadActorForStaff } from './auth/actor.service.ts';
export { createDemoUsers, formatDemoUsers, deriveDemoPassword, type DemoUser } from './auth/demo-users.service.ts';
export { insertAgreement } from './registers/agreement.repository.ts';
