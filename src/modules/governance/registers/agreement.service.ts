import type { Database, Tx } from '../../../kernel/db/database.ts';
import { addDays, isIsoDate, todayIso } from '../../../kernel/dates.ts';
import {
  DEFAULT_EXPIRY_WARNING_DAYS, grantsFor, validateAgreementInput, viewAgreement,
  type AgreementGrant, type AgreementInput, type AgreementView, type ValidAgreement,
} from './agreement.ts';
import { findAgreement, insertAgreement, knownOrganisations, replaceAgreement, selectAgreements } from './agreement.repository.ts';
import { forgetSharingGrants } from '../access/scope.factory.ts';
import { igError } from './ig-errors.ts';
import { audit, inUnitOfWork, type RegisterScope } from './register-scope.ts';

/** The data sharing agreements register: create, update, list, what is in force, what is expiring. */
export interface AgreementOptions {
  now?: Date | undefined;
  /** Days before the end date from which an agreement is flagged as expiring (default 30). */
  warningDays?: number | undefined;
}

async function validateWithStore(db: Database | Tx, input: AgreementInput): Promise<ValidAgreement> {
  const valid = validateAgreementInput(input);
  const known = await knownOrganisations(db, valid.parties);
  const unknown = valid.parties.filter((p) => !known.has(p));
  if (unknown.length) throw igError('UNKNOWN_ORGANISATION', `Unknown organisation ${unknown.map((u) => `'${u}'`).join(', ')}: every party must be a partner organisation of the place.`, { unknown });
  return valid;
}

export async function createAgreement(scope: RegisterScope, input: AgreementInput, options: AgreementOptions = {}): Promise<AgreementView> {
  const now = options.now ?? new Date();
  const valid = await validateWithStore(scope.db, input);
  const id = await inUnitOfWork(scope.db, (tx) => insertAgreement(tx, valid, scope.actor.id, now.toISOString()));
  forgetSharingGrants('dialect' in scope.db ? scope.db : scope.db.db);
  await audit(scope, { action: 'admin', resource: 'governance.agreement', outcome: 'allowed', detail: `created agreement ${id} (${valid.status}, ${valid.startDate} to ${valid.endDate}, parties ${valid.parties.join(' ')})` });
  return getAgreement(scope.db, id, options);
}

export async function updateAgreement(scope: RegisterScope, id: number, input: AgreementInput, options: AgreementOptions = {}): Promise<AgreementView> {
  const now = options.now ?? new Date();
  const valid = await validateWithStore(scope.db, input);
  const found = await inUnitOfWork(scope.db, (tx) => replaceAgreement(tx, id, valid, scope.actor.id, now.toISOString()));
  if (!found) throw igError('AGREEMENT_NOT_FOUND', `There is no data sharing agreement ${id}.`);
  forgetSharingGrants('dialect' in scope.db ? scope.db : scope.db.db);
  await audit(scope, { action: 'admin', resource: 'governance.agreement', outcome: 'allowed', detail: `updated agreement ${id} (${valid.status}, ${valid.startDate} to ${valid.endDate}, parties ${valid.parties.join(' ')})` });
  return getAgreement(scope.db, id, options);
}

export async function getAgreement(db: Database | Tx, id: number, options: AgreementOptions = {}): Promise<AgreementView> {
  const agreement = await findAgreement(db, id);
  if (!agreement) throw igError('AGREEMENT_NOT_FOUND', `There is no data sharing agreement ${id}.`);
  return viewAgreement(agreement, todayIso(options.now), options.warningDays ?? DEFAULT_EXPIRY_WARNING_DAYS);
}

export interface ListAgreementsFilter {
  status?: string | undefined;
  orgCode?: string | undefined;
  /** Only agreements in force on this day. */
  inForceOn?: string | undefined;
  /** Only active agreements ending within the warning window. */
  expiring?: boolean | undefined;
}

export async function listAgreements(db: Database | Tx, filter: ListAgreementsFilter = {}, options: AgreementOptions = {}): Promise<AgreementView[]> {
  const today = todayIso(options.now);
  const warningDays = options.warningDays ?? DEFAULT_EXPIRY_WARNING_DAYS;
  if (filter.inForceOn !== undefined && !isIsoDate(filter.inForceOn)) throw igError('AGREEMENT_DATES', `'${filter.inForceOn}' is not a date (YYYY-MM-DD).`);
  const rows = await selectAgreements(db, {
    status: filter.inForceOn || filter.expiring ? 'active' : filter.status,
    orgCode: filter.orgCode,
    coversDate: filter.inForceOn,
    ...(filter.expiring ? { endingFrom: today, endingBy: addDays(today, warningDays) } : {}),
  });
  return rows.map((a) => viewAgreement(a, today, warningDays));
}

/** Active agreements ending between today and today + warningDays (inclusive), soonest first. */
export async function listExpiringAgreements(db: Database | Tx, options: AgreementOptions = {}): Promise<AgreementView[]> {
  return listAgreements(db, { expiring: true }, options);
}

/**
 * Which other organisations' records this organisation may see on a day, by category and purpose:
 * one grant per agreement in force and other party. The access filter takes these (SharingGrant has
 * the same shape). Own records need no agreement and are not listed.
 */
export async function findAgreementsInForce(db: Database | Tx, orgCode: string, onDate: string): Promise<AgreementGrant[]> {
  if (!isIsoDate(onDate)) throw igError('AGREEMENT_DATES', `'${onDate}' is not a date (YYYY-MM-DD).`);
  const agreements = await selectAgreements(db, { status: 'active', orgCode, coversDate: onDate });
  return grantsFor(orgCode, agreements, onDate);
}
