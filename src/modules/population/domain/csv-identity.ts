import type { SexCode } from './demographics.ts';
import type { Person } from './person.ts';

/**
 * Who an incoming record (a CSV row or a FHIR resource) is about, as the source states it. The
 * person resolver turns it into a person id: NHS number first, then the source system's own patient
 * id, then the council person id, then probabilistic matching on the demographics. Values are already
 * validated and normalised (NHS number passes Modulus 11; postcode 'AA9A 9AA'; dates 'YYYY-MM-DD').
 * Shared by the CSV layouts and the FHIR mapping.
 */
export interface IncomingIdentity {
  nhsNumber?: string | undefined;
  /** Council person id (CLD LA_Person_Unique_Identifier) or a local id Seamless assigned earlier. */
  localId?: string | undefined;
  /** A source system's own patient id, stored as identifier system 'source:<sourceSystem>'. */
  sourceSystem?: string | undefined;
  sourceId?: string | undefined;
  givenName?: string | undefined;
  familyName?: string | undefined;
  dateOfBirth?: string | undefined;
  sex?: SexCode | undefined;
  postcode?: string | undefined;
  lsoaCode?: string | undefined;
  localityCode?: string | undefined;
  gpPracticeCode?: string | undefined;
  dateOfDeath?: string | undefined;
}

/** True when the record names the person by an identifier or by enough demographics to match on. */
export function hasUsableIdentity(identity: IncomingIdentity): boolean {
  return identity.nhsNumber !== undefined || identity.localId !== undefined || identity.sourceId !== undefined
    || (identity.dateOfBirth !== undefined && identity.familyName !== undefined);
}

export const NO_IDENTITY_REASON =
  'row does not identify the person: give nhs_number, local_person_id, or date_of_birth with family_name';

/**
 * Person facts as bits, so the resolver can tell cheaply whether an incoming record knows something
 * the stored person lacks (and only then fill the gap).
 */
export const FACT_NHS = 1;
export const FACT_LOCAL = 2;
export const FACT_GIVEN = 4;
export const FACT_FAMILY = 8;
export const FACT_DOB = 16;
export const FACT_SEX = 32;
export const FACT_POSTCODE = 64;
export const FACT_LSOA = 128;
export const FACT_LOCALITY = 256;
export const FACT_PRACTICE = 512;
export const FACT_DEATH = 1024;
/** Set on every mask the resolver holds, so 0 means 'not known yet'. */
export const FACTS_LOADED = 0x8000;

export function identityFactMask(identity: IncomingIdentity): number {
  let mask = 0;
  if (identity.nhsNumber !== undefined) mask |= FACT_NHS;
  if (identity.localId !== undefined) mask |= FACT_LOCAL;
  if (identity.givenName !== undefined) mask |= FACT_GIVEN;
  if (identity.familyName !== undefined) mask |= FACT_FAMILY;
  if (identity.dateOfBirth !== undefined) mask |= FACT_DOB;
  if (identity.sex !== undefined && identity.sex !== 'X') mask |= FACT_SEX;
  if (identity.postcode !== undefined) mask |= FACT_POSTCODE;
  if (identity.lsoaCode !== undefined) mask |= FACT_LSOA;
  if (identity.localityCode !== undefined) mask |= FACT_LOCALITY;
  if (identity.gpPracticeCode !== undefined) mask |= FACT_PRACTICE;
  if (identity.dateOfDeath !== undefined) mask |= FACT_DEATH;
  return mask;
}

export function personFactMask(person: Omit<Person, 'id'>): number {
  return identityFactMask(person) | FACTS_LOADED;
}

/** The stored-person facts an identity carries (for a new person or for filling gaps). */
export function identityToPersonFacts(identity: IncomingIdentity): Omit<Person, 'id'> {
  return {
    nhsNumber: identity.nhsNumber, localId: identity.localId, givenName: identity.givenName, familyName: identity.familyName,
    dateOfBirth: identity.dateOfBirth, sex: identity.sex ?? 'X', postcode: identity.postcode, lsoaCode: identity.lsoaCode,
    localityCode: identity.localityCode, gpPracticeCode: identity.gpPracticeCode, dateOfDeath: identity.dateOfDeath,
  };
}
