/**
 * Codes always travel with their code system. Each system knows its FHIR URIs, how to normalise a code
 * as sources write it (dots, case, HES filler characters) and how to tell a valid code from noise, so
 * that an ICD-10 code in a SNOMED CT column fails loudly at the boundary instead of silently never
 * matching a code list later.
 */
export type CodeSystemId = 'SNOMED CT' | 'ICD-10' | 'OPCS-4' | 'dm+d' | 'RxNorm' | 'LOINC';

export interface Code {
  system: CodeSystemId;
  code: string;
}

interface CodeSystemDefinition {
  id: CodeSystemId;
  uris: readonly string[];
  normalise(raw: string): string;
  isValid(code: string): boolean;
}

const upperNoSpace = (raw: string) => raw.trim().toUpperCase().replace(/\s+/g, '');

// Verhoeff check digit tables (Verhoeff 1969), used by SNOMED CT identifiers.
const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** True when the digit string carries a valid Verhoeff check digit as its last digit. */
export function hasValidVerhoeffCheckDigit(digits: string): boolean {
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (digit < 0 || digit > 9) return false;
    c = VERHOEFF_D[c]![VERHOEFF_P[i % 8]![digit]!]!;
  }
  return c === 0;
}

/** SNOMED CT identifiers: 6–18 digits, no leading zero, Verhoeff check digit last. */
function isSnomedId(code: string): boolean {
  return /^[1-9]\d{5,17}$/.test(code) && hasValidVerhoeffCheckDigit(code);
}

/**
 * ICD-10 as HES and FHIR sources write it: 'I10', 'I10X', 'i10.x', 'S72.0', 'E11.9-', 'G20X D'.
 * Stored without the dot, upper case, without the HES 4th-character filler 'X' and without
 * dagger/asterisk markers, so 'I10X' and 'I10' are the same code.
 */
function normaliseIcd10(raw: string): string {
  let code = upperNoSpace(raw).replace(/\./g, '').replace(/[-+*†!]+$/, '');
  if (/^[A-Z]\d{2}[0-9X][DA]$/.test(code)) code = code.slice(0, 4); // HES dagger (D) / asterisk (A) suffix
  if (/^[A-Z]\d{2}X$/.test(code)) code = code.slice(0, 3);
  return code;
}

const SYSTEMS: Record<CodeSystemId, CodeSystemDefinition> = {
  'SNOMED CT': {
    id: 'SNOMED CT',
    uris: ['http://snomed.info/sct'],
    normalise: (raw) => raw.trim(),
    isValid: isSnomedId,
  },
  'ICD-10': {
    id: 'ICD-10',
    uris: ['http://hl7.org/fhir/sid/icd-10', 'http://hl7.org/fhir/sid/icd-10-uk', 'https://fhir.hl7.org.uk/Id/icd-10'],
    normalise: normaliseIcd10,
    isValid: (code) => /^[A-Z]\d{2}[0-9A-Z]{0,2}$/.test(code),
  },
  'OPCS-4': {
    id: 'OPCS-4',
    uris: ['http://hl7.org/fhir/sid/opcs-4', 'https://fhir.hl7.org.uk/Id/opcs-4', 'https://fhir.nhs.uk/Id/opcs-4'],
    normalise: (raw) => upperNoSpace(raw).replace(/\./g, ''),
    isValid: (code) => /^[A-HJ-Z]\d{2,3}$/.test(code),
  },
  'dm+d': {
    id: 'dm+d',
    uris: ['https://dmd.nhs.uk', 'https://fhir.nhs.uk/Id/dmd-code'],
    normalise: (raw) => raw.trim(),
    isValid: isSnomedId,
  },
  RxNorm: {
    id: 'RxNorm',
    uris: ['http://www.nlm.nih.gov/research/umls/rxnorm'],
    normalise: (raw) => raw.trim(),
    isValid: (code) => /^\d{1,10}$/.test(code),
  },
  LOINC: {
    id: 'LOINC',
    uris: ['http://loinc.org'],
    normalise: (raw) => raw.trim().toUpperCase(),
    isValid: (code) => /^\d{1,7}-\d$/.test(code),
  },
};

export const CODE_SYSTEM_IDS = Object.keys(SYSTEMS) as CodeSystemId[];

const BY_URI = new Map<string, CodeSystemId>();
for (const def of Object.values(SYSTEMS)) for (const uri of def.uris) BY_URI.set(uri, def.id);

/** The code system a FHIR Coding.system URI names, or undefined when Seamless does not know it. */
export function codeSystemFromUri(uri: string | undefined): CodeSystemId | undefined {
  return uri === undefined ? undefined : BY_URI.get(uri.trim().replace(/\/$/, ''));
}

export function codeSystemUri(system: CodeSystemId): string {
  return SYSTEMS[system].uris[0]!;
}

export type CodeCheck = { ok: true; code: Code } | { ok: false; reason: string };

/** Normalises and validates a code in a system; the reason says what is wrong in words a user can act on. */
export function checkCode(system: CodeSystemId, raw: string | undefined | null): CodeCheck {
  if (raw === undefined || raw === null || raw.trim() === '') return { ok: false, reason: `missing ${system} code` };
  const def = SYSTEMS[system];
  const code = def.normalise(raw);
  if (!def.isValid(code)) return { ok: false, reason: `'${raw.trim().slice(0, 40)}' is not a valid ${system} code` };
  return { ok: true, code: { system, code } };
}
