/**
 * Normalising the demographic fields that matching compares: names as upper-case letters only,
 * postcodes as 'AA9A 9AA', sex as the NHS Data Dictionary PERSON STATED GENDER CODE.
 */
export type SexCode = '1' | '2' | '9' | 'X';

export function normaliseName(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const value = raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z]/g, '');
  return value === '' ? undefined : value;
}

const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/;

/** 'ls1 4ap' → 'LS1 4AP'; undefined when it is not a UK postcode shape. */
export function normalisePostcode(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const compact = raw.toUpperCase().replace(/\s+/g, '');
  const m = POSTCODE.exec(compact);
  return m ? `${m[1]} ${m[2]}` : undefined;
}

/** Postcode sector: outward code plus the first character of the inward code ('LS1 4'). */
export function postcodeSector(postcode: string): string {
  return postcode.slice(0, postcode.length - 2);
}

const SEX_WORDS: Record<string, SexCode> = {
  '1': '1', m: '1', male: '1',
  '2': '2', f: '2', female: '2',
  '9': '9', i: '9', indeterminate: '9', other: '9',
  x: 'X', '0': 'X', u: 'X', unknown: 'X', 'not known': 'X', '': 'X',
};

/** Accepts DD codes, FHIR administrative gender and CLD Gender values; undefined when unrecognised. */
export function normaliseSex(raw: string | null | undefined): SexCode | undefined {
  return SEX_WORDS[(raw ?? '').trim().toLowerCase()];
}

export const SEX_LABELS: Record<SexCode, string> = { '1': 'Male', '2': 'Female', '9': 'Indeterminate', X: 'Not known' };
