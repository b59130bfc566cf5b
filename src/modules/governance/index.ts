/** Information governance: partners, teams, staff, roles and care relationships. */
export { governanceMigrations } from './store/migrations/index.ts';
export {
  insertOrganisations, insertTeams, insertStaff, recordCareRelationships, summarisePartners, listOrganisations,
  type PartnerSummary,
} from './store/governance.repository.ts';
export * from './domain/organisation.ts';
