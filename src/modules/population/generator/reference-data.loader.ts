import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { SeamlessError } from '../../../kernel/errors.ts';

/** Reads the published reference tables in reference/ (see reference/README.md for their sources). */
const REFERENCE_DIR = fileURLToPath(new URL('../../../../reference/', import.meta.url));

export function readReferenceCsv(fileName: string): Record<string, string>[] {
  const file = `${REFERENCE_DIR}${fileName}`;
  if (!fs.existsSync(file)) {
    throw new SeamlessError('SEAMLESS_ERR_POPULATION_REFERENCE_MISSING', 500, `Reference table ${fileName} is missing from ${REFERENCE_DIR}`);
  }
  return parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

const ageStructures = new Map<string, number[]>();

/**
 * ONS mid-2020 population of a local authority by single year of age: index 0–89, then 90+ at index 90
 * (reference/ons_population_la_single_year.csv).
 */
export function loadOnsAgeStructure(areaCode: string): number[] {
  const cached = ageStructures.get(areaCode);
  if (cached) return cached;
  const counts = new Array<number>(91).fill(0);
  let rows = 0;
  for (const row of readReferenceCsv('ons_population_la_single_year.csv')) {
    if (row.area_code !== areaCode) continue;
    const age = row.age === '90+' ? 90 : Number(row.age);
    counts[age] = Number(row.population);
    rows++;
  }
  if (rows !== 91) {
    throw new SeamlessError('SEAMLESS_ERR_POPULATION_REFERENCE_MISSING', 500, `ONS population for ${areaCode} has ${rows} ages, expected 91`);
  }
  ageStructures.set(areaCode, counts);
  return counts;
}

/** HFRS 3-character ICD-10 categories and their points (reference/hfrs_points.csv). */
export function loadHfrsPoints(): Map<string, number> {
  return new Map(readReferenceCsv('hfrs_points.csv').map((r) => [r.icd10_code!, Number(r.points)]));
}

/** Charlson (Quan ICD-10) prefixes by category (reference/charlson_quan_icd10.csv). */
export function loadCharlsonPrefixes(): { category: string; prefix: string }[] {
  return readReferenceCsv('charlson_quan_icd10.csv').map((r) => ({ category: r.category!, prefix: r.icd10_prefix! }));
}

/** CLD allowed values of a field in Release 2 (reference/cld_vocabulary.csv). */
export function loadCldRelease2Values(): Map<string, Set<string>> {
  const byField = new Map<string, Set<string>>();
  for (const row of readReferenceCsv('cld_vocabulary.csv')) {
    if (!row.release!.split(';').includes('R2')) continue;
    let values = byField.get(row.field!);
    if (!values) byField.set(row.field!, (values = new Set()));
    values.add(row.value!);
  }
  return byField;
}

/** eFI SNOMED CT codes by deficit (reference/efi_deficits.csv). */
export function loadEfiCodes(): Map<string, string> {
  return new Map(readReferenceCsv('efi_deficits.csv').map((r) => [r.snomed_code!, r.deficit!]));
}

/** Code → group of a coded APC table (apc_admission_method.csv and the like). */
export function loadApcCodes(fileName: 'apc_admission_method.csv' | 'apc_admission_source.csv' | 'apc_discharge_destination.csv' | 'apc_discharge_method.csv'): Set<string> {
  return new Set(readReferenceCsv(fileName).map((r) => r.code!));
}
