import { DATA_CATEGORIES, type DataCategory } from '../../../kernel/access/actor.ts';
import { daysBetween, isIsoDate } from '../../../kernel/dates.ts';
import { igError } from './ig-errors.ts';

/**
 * Data sharing agreements: which partner organisations share which categories of personal data, for
 * which purposes, on which legal basis, between which dates. Pure and isomorphic (the screens use it).
 *
 * An agreement is in force on a date when its status is 'active' and start_date <= date <= end_date
 * (both ends inclusive). Every party may then see the other parties' records of the agreement's
 * categories for its purposes.
 */
export const AGREEMENT_PURPOSES = ['direct_care', 'planning'] as const;
export type AgreementPurpose = (typeof AGREEMENT_PURPOSES)[number];

/** draft: being written; active: in force between its dates; suspended: stopped for now; ended: closed early. */
export const AGREEMENT_STATUSES = ['draft', 'active', 'suspended', 'ended'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** Days before the end date from which an agreement is flagged as expiring. */
export const DEFAULT_EXPIRY_WARNING_DAYS = 30;

export interface AgreementInput {
  title: string;
  /** E.g. "UK GDPR Art. 6(1)(e) and 9(2)(h); common law duty of confidentiality: implied consent for direct care". */
  legalBasis: string;
  purposes: readonly string[];
  dataCategories: readonly string[];
  startDate: string;
  endDate: string;
  /** Default 'active'. */
  status?: string | undefined;
  /** ODS-shaped codes of the partner organisations; at least two. */
  parties: readonly string[];
}

export interface ValidAgreement {
  title: string;
  legalBasis: string;
  purposes: AgreementPurpose[];
  dataCategories: DataCategory[];
  startDate: string;
  endDate: string;
  status: AgreementStatus;
  parties: string[];
}

export interface Agreement extends ValidAgreement {
  id: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface AgreementView extends Agreement {
  /** In force on the day asked about (today by default). */
  inForce: boolean;
  /** Days from that day to the end date (negative once ended). */
  daysToEnd: number;
  /** Active and ending within the warning window. */
  expiring: boolean;
}

/**
 * What one organisation may see of another's records under one agreement in force: the other party's
 * records of these categories, for these purposes. One grant per agreement and other party, never
 * merged across agreements (an agreement for direct care of acute records and another for planning
 * of mental health records do not add up to planning on acute records).
 */
export interface AgreementGrant {
  /** The other organisation, whose records may be seen. */
  sourceOrg: string;
  categories: DataCategory[];
  purposes: AgreementPurpose[];
  agreementId: number;
  endDate: string;
}

const distinct = <T>(values: readonly T[]) => [...new Set(values)];

/** Checks and normalises an agreement; the first problem is thrown with its own code. */
export function validateAgreementInput(input: AgreementInput): ValidAgreement {
  const title = (input.title ?? '').trim();
  if (title.length < 3 || title.length > 200) throw igError('AGREEMENT_INVALID', 'The agreement needs a title of 3 to 200 characters.');
  const legalBasis = (input.legalBasis ?? '').trim();
  if (legalBasis.length < 3 || legalBasis.length > 1000) throw igError('AGREEMENT_INVALID', 'The agreement needs its legal basis (3 to 1000 characters), e.g. "UK GDPR Art. 6(1)(e) and 9(2)(h)".');

  const purposes = distinct(input.purposes ?? []);
  const unknownPurposes = purposes.filter((p) => !(AGREEMENT_PURPOSES as readonly string[]).includes(p));
  if (unknownPurposes.length) throw igError('UNKNOWN_PURPOSE', `Unknown purpose ${unknownPurposes.map((p) => `'${p}'`).join(', ')}; use ${AGREEMENT_PURPOSES.join(' or ')}.`);
  if (purposes.length === 0) throw igError('UNKNOWN_PURPOSE', `Name at least one purpose: ${AGREEMENT_PURPOSES.join(' or ')}.`);

  const categories = distinct(input.dataCategories ?? []);
  const unknownCategories = categories.filter((c) => !(DATA_CATEGORIES as readonly string[]).includes(c));
  if (unknownCategories.length) throw igError('UNKNOWN_CATEGORY', `Unknown data category ${unknownCategories.map((c) => `'${c}'`).join(', ')}; use any of ${DATA_CATEGORIES.join(', ')}.`);
  if (categories.length === 0) throw igError('UNKNOWN_CATEGORY', 'Name at least one data category the agreement covers.');

  if (!isIsoDate(input.startDate ?? '')) throw igError('AGREEMENT_DATES', `The start date '${input.startDate ?? ''}' is not a date (YYYY-MM-DD).`);
  if (!isIsoDate(input.endDate ?? '')) throw igError('AGREEMENT_DATES', `The end date '${input.endDate ?? ''}' is not a date (YYYY-MM-DD).`);
  if (input.endDate < input.startDate) throw igError('AGREEMENT_DATES', `The end date ${input.endDate} is before the start date ${input.startDate}.`);

  const status = input.status ?? 'active';
  if (!(AGREEMENT_STATUSES as readonly string[]).includes(status)) throw igError('AGREEMENT_INVALID', `Unknown status '${status}'; use any of ${AGREEMENT_STATUSES.join(', ')}.`);

  const parties = distinct((input.parties ?? []).map((p) => p.trim().toUpperCase()).filter(Boolean));
  if (parties.length < 2) throw igError('AGREEMENT_PARTIES', `An agreement needs at least two different partner organisations; it names ${parties.length}.`);

  return {
    title, legalBasis, purposes: purposes as AgreementPurpose[], dataCategories: categories as DataCategory[],
    startDate: input.startDate, endDate: input.endDate, status: status as AgreementStatus, parties: parties.sort(),
  };
}

export function isAgreementInForce(agreement: Pick<ValidAgreement, 'status' | 'startDate' | 'endDate'>, onDate: string): boolean {
  return agreement.status === 'active' && agreement.startDate <= onDate && onDate <= agreement.endDate;
}

export function viewAgreement(agreement: Agreement, onDate: string, warningDays = DEFAULT_EXPIRY_WARNING_DAYS): AgreementView {
  const daysToEnd = daysBetween(onDate, agreement.endDate);
  return {
    ...agreement,
    inForce: isAgreementInForce(agreement, onDate),
    daysToEnd,
    expiring: agreement.status === 'active' && daysToEnd >= 0 && daysToEnd <= warningDays,
  };
}

/** The grants the agreements in force on onDate give orgCode, ordered by organisation then agreement. */
export function grantsFor(orgCode: string, agreements: readonly Agreement[], onDate: string): AgreementGrant[] {
  const grants: AgreementGrant[] = [];
  for (const a of agreements) {
    if (!isAgreementInForce(a, onDate) || !a.parties.includes(orgCode)) continue;
    for (const other of a.parties) {
      if (other !== orgCode) grants.push({ sourceOrg: other, categories: [...a.dataCategories], purposes: [...a.purposes], agreementId: a.id, endDate: a.endDate });
    }
  }
  return grants.sort((x, y) => x.sourceOrg.localeCompare(y.sourceOrg) || x.agreementId - y.agreementId);
}
