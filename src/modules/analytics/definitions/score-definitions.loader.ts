import { SeamlessError } from '../../../kernel/errors.ts';
import { readReferenceCsv } from '../../../kernel/reference.ts';
import { compileCharlsonTable, CHARLSON_CATEGORIES, type CharlsonTable } from '../domain/scores/charlson.ts';
import { compileEfiTable, EFI_DEFICIT_COUNT, type EfiTable } from '../domain/scores/efi.ts';
import { compileHfrsTable, type HfrsTable } from '../domain/scores/hfrs.ts';
import { compileLaceTable, type LaceTable } from '../domain/scores/lace.ts';
import { SCORE_DEFINITION_ERROR } from '../domain/scores/score-common.util.ts';

/**
 * The published score definitions, read once from reference/ (sources in reference/README.md) and
 * compiled into the lookup tables the pure score functions in domain/scores/ take.
 *
 * Besides the checks each compile function makes, the files must be the editions the code was written
 * for: 109 HFRS categories (Gilbert 2018), 36 eFI deficits (Clegg 2016 Box 1) with 35 coded lists,
 * 4 eFI bands, 17 Charlson categories (Quan 2005), and the LACE points of van Walraven 2010. A file
 * that is missing a column, has another count, or fails a check throws
 * SEAMLESS_ERR_ANALYTICS_SCORE_DEFINITION naming the file, so a bad reference file stops stratification
 * before any score is computed.
 */
export interface ScoreDefinitions {
  hfrs: HfrsTable;
  efi: EfiTable;
  charlson: CharlsonTable;
  lace: LaceTable;
}

export const HFRS_CATEGORY_COUNT = 109;
export const EFI_CODED_DEFICIT_COUNT = 35;
export const EFI_BAND_COUNT = 4;
export const CHARLSON_CATEGORY_COUNT = 17;

function fileError(file: string, message: string): SeamlessError {
  return new SeamlessError(SCORE_DEFINITION_ERROR, 500, `${file}: ${message}`, { file });
}

export type ReadCsv = (name: string) => Record<string, string>[];

/** The rows of a file, checked to have the columns the loader reads. */
function rowsOf(read: ReadCsv, file: string, columns: readonly string[]): Record<string, string>[] {
  const rows = read(file);
  if (rows.length === 0) throw fileError(file, 'the file has no rows');
  rows.forEach((row, i) => {
    for (const column of columns) {
      if (typeof row[column] !== 'string') {
        throw fileError(file, `row ${i + 1} has no '${column}' column (expected columns: ${columns.join(', ')})`);
      }
    }
  });
  return rows;
}

/** Runs a compile step, naming the file in any error it throws. */
function fromFile<T>(file: string, compile: () => T): T {
  try {
    return compile();
  } catch (error) {
    if (error instanceof SeamlessError && error.code === SCORE_DEFINITION_ERROR) {
      throw new SeamlessError(error.code, error.status, `${file}: ${error.message}`, { ...error.details, file });
    }
    throw error;
  }
}

function expectCount(file: string, what: string, actual: number, expected: number): void {
  if (actual !== expected) throw fileError(file, `${actual} ${what}; the published definition has ${expected}`);
}

/** Reads and compiles every score definition through `read` (a reference CSV reader). */
export function buildScoreDefinitions(read: ReadCsv): ScoreDefinitions {
  const hfrsRows = rowsOf(read, 'hfrs_points.csv', ['icd10_code', 'points', 'description']);
  const hfrs = fromFile('hfrs_points.csv', () => compileHfrsTable(hfrsRows.map((r) => ({ icd10Code: r.icd10_code!, points: r.points!, description: r.description! }))));
  expectCount('hfrs_points.csv', 'ICD-10 categories', hfrs.categories.size, HFRS_CATEGORY_COUNT);

  const deficitRows = rowsOf(read, 'efi_deficits_list.csv', ['deficit_number', 'deficit', 'deficit_name', 'definition_type']);
  expectCount('efi_deficits_list.csv', 'deficits', deficitRows.length, EFI_DEFICIT_COUNT);
  const codeRows = rowsOf(read, 'efi_deficits.csv', ['deficit', 'snomed_code', 'description']);
  const bandRows = rowsOf(read, 'efi_bands.csv', ['band', 'min_deficits', 'max_deficits']);
  expectCount('efi_bands.csv', 'bands', bandRows.length, EFI_BAND_COUNT);
  const efi = fromFile('efi_deficits_list.csv, efi_deficits.csv, efi_bands.csv', () => compileEfiTable({
    deficits: deficitRows.map((r) => ({ deficitNumber: r.deficit_number!, deficit: r.deficit!, deficitName: r.deficit_name!, definitionType: r.definition_type! })),
    codes: codeRows.map((r) => ({ deficit: r.deficit!, system: 'SNOMED CT', code: r.snomed_code!, term: r.description! })),
    bands: bandRows.map((r) => ({ band: r.band!, minDeficits: r.min_deficits!, maxDeficits: r.max_deficits! })),
  }));
  expectCount('efi_deficits.csv', 'coded deficits', new Set(codeRows.map((r) => r.deficit)).size, EFI_CODED_DEFICIT_COUNT);

  const charlsonRows = rowsOf(read, 'charlson_quan_icd10.csv', ['category', 'icd10_prefix', 'weight_charlson', 'weight_quan']);
  expectCount('charlson_quan_icd10.csv', 'categories', new Set(charlsonRows.map((r) => r.category)).size, CHARLSON_CATEGORY_COUNT);
  const charlson = fromFile('charlson_quan_icd10.csv', () => compileCharlsonTable(charlsonRows.map((r) => ({
    category: r.category!, icd10Prefix: r.icd10_prefix!, weightCharlson: r.weight_charlson!, weightQuan: r.weight_quan!,
  }))));
  expectCount('charlson_quan_icd10.csv', 'categories', charlson.categories.length, CHARLSON_CATEGORIES.length);

  const laceRows = rowsOf(read, 'lace_points.csv', ['component', 'range', 'points']);
  const methodRows = rowsOf(read, 'apc_admission_method.csv', ['code', 'group']);
  const lace = fromFile('lace_points.csv, apc_admission_method.csv', () => compileLaceTable(
    laceRows.map((r) => ({ component: r.component!, range: r.range!, points: r.points! })),
    methodRows.filter((r) => r.group === 'emergency').map((r) => r.code!),
  ));

  return { hfrs, efi, charlson, lace };
}

let loaded: ScoreDefinitions | undefined;

/** The score definitions from reference/, compiled on first use and then shared. */
export function loadScoreDefinitions(): ScoreDefinitions {
  loaded ??= buildScoreDefinitions(readReferenceCsv);
  return loaded;
}
