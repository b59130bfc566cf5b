/** The IG registers: data sharing agreements, consent and objections, break-glass. */
export * from './agreement.ts';
export * from './consent.ts';
export * from './break-glass.ts';
export * from './ig-roles.ts';
export { IG_ERRORS, igError, type IgErrorName } from './ig-errors.ts';
export type { RegisterScope } from './register-scope.ts';
export type { RegisterTables, DataSharingAgreementTable, DataSharingPartyTable, PersonConsentTable, BreakGlassTable } from './registers.tables.ts';
export {
  createAgreement, updateAgreement, getAgreement, listAgreements, listExpiringAgreements, findAgreementsInForce,
  type AgreementOptions, type ListAgreementsFilter,
} from './agreement.service.ts';
export { recordConsent, withdrawConsent, listConsents, type ConsentOptions } from './consent.service.ts';
export { openBreakGlass, listBreakGlassForReview, reviewBreakGlass, type BreakGlassOptions, type BreakGlassReviewQuery } from './break-glass.service.ts';
export { findActiveBreakGlass } from './break-glass.repository.ts';
