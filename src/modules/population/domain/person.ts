import type { SexCode } from './demographics.ts';

/** A person in the index. NHS number when known; a council or local identifier otherwise. */
export interface Person {
  id: number;
  nhsNumber?: string | undefined;
  localId?: string | undefined;
  givenName?: string | undefined;
  familyName?: string | undefined;
  dateOfBirth?: string | undefined;
  sex: SexCode;
  postcode?: string | undefined;
  lsoaCode?: string | undefined;
  localityCode?: string | undefined;
  gpPracticeCode?: string | undefined;
  dateOfDeath?: string | undefined;
}

/**
 * Identifier systems a person can be known by. 'nhs-number' and 'local' (the council person ID, or a
 * local identifier Seamless assigns) are person-level; 'source:<system>' holds a source system's own
 * patient identifier (e.g. a Synthea UUID), so a re-sent record finds its person without matching.
 */
export const NHS_NUMBER_SYSTEM = 'nhs-number';
export const LOCAL_ID_SYSTEM = 'local';
export const sourceSystem = (name: string) => `source:${name}`;

export type MatchMethod = 'nhs_number' | 'local_id' | 'source_id' | 'demographic_exact' | 'probabilistic' | 'new';

export interface PersonIdentifier {
  system: string;
  value: string;
  personId: number;
  matchMethod: MatchMethod;
  matchScore?: number | undefined;
}
