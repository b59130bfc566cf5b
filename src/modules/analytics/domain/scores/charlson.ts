/**
 * Charlson comorbidity index, ICD-10 coding of Quan et al. 2005, with two weight sets.
 *
 * Sources:
 * - Quan H, Sundararajan V, Halfon P, et al. Coding algorithms for defining comorbidities in ICD-9-CM
 *   and ICD-10 administrative data. Med Care 2005;43(11):1130–1139 (the ICD-10 code lists).
 * - Charlson ME, Pompei P, Ales KL, MacKenzie CR. A new method of classifying prognostic comorbidity in
 *   longitudinal studies: development and validation. J Chronic Dis 1987;40(5):373–383 (weights of the
 *   `charlson` result).
 * - Quan H, Li B, Couris CM, et al. Updating and validating the Charlson comorbidity index and score
 *   for risk adjustment in hospital discharge abstracts using data from 6 countries. Am J Epidemiol
 *   2011;173(6):676–682 (weights of the `charlson_quan` result; AIDS/HIV = 4).
 * The 17 categories, their prefixes and both weights are reference/charlson_quan_icd10.csv (sources,
 * checks and the deliberate AIDS weight difference from comorbidipy in reference/README.md).
 *
 * Choices the definition leaves open, as implemented here:
 * - Matching: a code is in a category when the code, trimmed, upper-cased and without its dot, starts
 *   with one of the category's prefixes ('i50.9', 'I509' and 'I50X' all match I50; a trailing '-', '*'
 *   or '+' that some sources append ends the code). Prefixes are 3 or 4 characters. No prefix is a
 *   prefix of another category's prefix (checked when the table is compiled), so a code is in at most
 *   one category. Any diagnosis position counts.
 * - Each category counts once per person. Hierarchy rules, applied to both weight sets before summing:
 *   moderate/severe liver disease present → mild liver disease scores 0; diabetes with chronic
 *   complications present → diabetes without scores 0; metastatic solid tumour present → any
 *   malignancy scores 0. Maximum: 29 with Charlson 1987 weights, 24 with Quan 2011 weights.
 * - Look-back: spells admitted in the two calendar years up to and including the date (the day exactly
 *   two years earlier is outside; see score-common.util.ts), configurable with `lookbackYears`. Hospital
 *   (ICD-10) diagnoses only; GP records are not read.
 * - No age component (the age-combined Charlson index is not computed) and no age restriction: the
 *   index is computed for everyone, and a person with no spells in the window scores 0.
 * - Bands: neither paper publishes bands. The grouping 0, 1–2, 3–4 and 5 or more, widely used in
 *   cohort studies, is given as the band labels '0', '1-2', '3-4' and '5+', the same for both weight
 *   sets; it carries no clinical name because none is published.
 * - Factors: one per category that adds to the score under that result's weights (a category with
 *   weight 0, or zeroed by a hierarchy rule, is not listed), with the earliest matching code in the
 *   window as its code (the label is the condition name) and its spell's admission date (ties broken
 *   by the smaller code), sorted by weight then category order, so input order never changes the result.
 */
import type { ScoreFactor, ScoreResult } from '../score-result.ts';
import { fourthOf, ICD10_KEY3_COUNT, ICD10_KEY4_COUNT, icd10PrefixKey, key3Of, normaliseIcd10ForMatching } from './icd10-code.util.ts';
import { isInWindow, isoDay, scoreDefinitionError, subtractYears, type DiagnosedSpell } from './score-common.util.ts';

export const CHARLSON_VERSION = 'charlson-1987-quan-2005-icd10';
export const CHARLSON_QUAN_VERSION = 'charlson-quan-2011-quan-2005-icd10';
export const CHARLSON_DEFAULT_LOOKBACK_YEARS = 2;

/** The 17 categories in the order of reference/charlson_quan_icd10.csv, with their condition names (Quan 2005). */
export const CHARLSON_CATEGORIES = [
  { key: 'ami', name: 'Myocardial infarction' },
  { key: 'chf', name: 'Congestive heart failure' },
  { key: 'pvd', name: 'Peripheral vascular disease' },
  { key: 'cevd', name: 'Cerebrovascular disease' },
  { key: 'dementia', name: 'Dementia' },
  { key: 'copd', name: 'Chronic pulmonary disease' },
  { key: 'rheumd', name: 'Rheumatic (connective tissue) disease' },
  { key: 'pud', name: 'Peptic ulcer disease' },
  { key: 'mld', name: 'Mild liver disease' },
  { key: 'diab', name: 'Diabetes without chronic complications' },
  { key: 'diabwc', name: 'Diabetes with chronic complications' },
  { key: 'hp', name: 'Hemiplegia or paraplegia' },
  { key: 'rend', name: 'Renal disease' },
  { key: 'canc', name: 'Any malignancy, including lymphoma and leukaemia, except malignant neoplasm of skin' },
  { key: 'msld', name: 'Moderate or severe liver disease' },
  { key: 'metacanc', name: 'Metastatic solid tumour' },
  { key: 'aids', name: 'AIDS/HIV' },
] as const;

export type CharlsonCategoryKey = (typeof CHARLSON_CATEGORIES)[number]['key'];

const INDEX = new Map<string, number>(CHARLSON_CATEGORIES.map((c, i) => [c.key, i]));
const bit = (key: CharlsonCategoryKey) => 1 << INDEX.get(key)!;
/** [present, zeroed]: when the first category is present the second scores 0. */
const HIERARCHY: readonly (readonly [number, number])[] = [
  [bit('msld'), bit('mld')],
  [bit('diabwc'), bit('diab')],
  [bit('metacanc'), bit('canc')],
];

export interface CharlsonCategory {
  /** Position in CHARLSON_CATEGORIES, also its bit in a category mask. */
  index: number;
  key: CharlsonCategoryKey;
  name: string;
  weightCharlson: number;
  weightQuan: number;
}

/** The compiled table: normalised ICD-10 prefix → category index, and the categories with their weights. */
export interface CharlsonTable {
  readonly prefixes: ReadonlyMap<string, number>;
  /** The distinct prefix lengths, shortest first (3 and 4 for the Quan 2005 lists). */
  readonly prefixLengths: readonly number[];
  readonly categories: readonly CharlsonCategory[];
  /** The prefixes for the per-person loop: category index + 1 by 3-character key, 0 for none. */
  readonly byKey3: Int8Array;
  /** The same by 4-character key (3-character key × 36 + fourth digit). */
  readonly byKey4: Int8Array;
}

/** One row of charlson_quan_icd10.csv, as text. */
export interface CharlsonTableRow {
  category: string;
  icd10Prefix: string;
  weightCharlson: string;
  weightQuan: string;
}

function parseWeight(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > 2) return Number.NaN;
  for (const ch of trimmed) if (ch < '0' || ch > '9') return Number.NaN;
  return Number(trimmed);
}

/**
 * Builds the lookup table from the published rows. Throws SEAMLESS_ERR_ANALYTICS_SCORE_DEFINITION for an
 * unknown category, a malformed prefix, a prefix listed twice or overlapping another category's, weights
 * that differ between rows of one category, or a category with no prefix.
 */
export function compileCharlsonTable(rows: readonly CharlsonTableRow[]): CharlsonTable {
  const prefixes = new Map<string, number>();
  const weights: ({ charlson: number; quan: number } | undefined)[] = CHARLSON_CATEGORIES.map(() => undefined);
  rows.forEach((row, i) => {
    const key = row.category.trim();
    const index = INDEX.get(key);
    if (index === undefined) throw scoreDefinitionError('Charlson', `row ${i + 1}: unknown category '${key}' (expected one of ${[...INDEX.keys()].join(', ')})`);
    const prefix = row.icd10Prefix.trim().toUpperCase();
    if (prefix.length < 3 || prefix.length > 4 || normaliseIcd10ForMatching(prefix) !== prefix || prefix.charCodeAt(0) < 65 || prefix.charCodeAt(0) > 90) {
      throw scoreDefinitionError('Charlson', `row ${i + 1} (${key}): '${row.icd10Prefix}' is not an ICD-10 prefix of 3 or 4 characters without a dot`);
    }
    if (prefixes.has(prefix)) throw scoreDefinitionError('Charlson', `row ${i + 1} (${key}): prefix ${prefix} is listed twice`);
    const charlson = parseWeight(row.weightCharlson), quan = parseWeight(row.weightQuan);
    if (Number.isNaN(charlson) || Number.isNaN(quan)) throw scoreDefinitionError('Charlson', `row ${i + 1} (${key}): weights '${row.weightCharlson}', '${row.weightQuan}' are not whole numbers`);
    const known = weights[index];
    if (known === undefined) weights[index] = { charlson, quan };
    else if (known.charlson !== charlson || known.quan !== quan) throw scoreDefinitionError('Charlson', `row ${i + 1} (${key}): weights differ from an earlier row of the same category`);
    prefixes.set(prefix, index);
  });
  for (const [prefix, index] of prefixes) {
    for (let length = 3; length < prefix.length; length++) {
      const shorter = prefixes.get(prefix.slice(0, length));
      if (shorter !== undefined && shorter !== index) {
        throw scoreDefinitionError('Charlson', `prefix ${prefix} (${CHARLSON_CATEGORIES[index]!.key}) starts with ${prefix.slice(0, length)} of another category (${CHARLSON_CATEGORIES[shorter]!.key}); a code would be in both`);
      }
    }
  }
  const missing = CHARLSON_CATEGORIES.filter((_, i) => weights[i] === undefined).map((c) => c.key);
  if (missing.length > 0) throw scoreDefinitionError('Charlson', `categories without any prefix: ${missing.join(', ')}`);
  const categories = CHARLSON_CATEGORIES.map((c, index) => ({
    index, key: c.key, name: c.name, weightCharlson: weights[index]!.charlson, weightQuan: weights[index]!.quan,
  }));
  const prefixLengths = [...new Set([...prefixes.keys()].map((p) => p.length))].sort((a, b) => a - b);
  const byKey3 = new Int8Array(ICD10_KEY3_COUNT);
  const byKey4 = new Int8Array(ICD10_KEY4_COUNT);
  for (const [prefix, index] of prefixes) {
    const key = icd10PrefixKey(prefix);
    if (prefix.length === 3) byKey3[key3Of(key)] = index + 1;
    else byKey4[key3Of(key) * 36 + fourthOf(key) - 1] = index + 1;
  }
  return { prefixes, prefixLengths, categories, byKey3, byKey4 };
}

/** The category a code is in (with or without its dot, in any case), or -1. */
export function charlsonCategoryOf(table: CharlsonTable, rawCode: string): number {
  const key = icd10PrefixKey(rawCode);
  if (key < 0) return -1;
  const key3 = key3Of(key);
  const slot3 = table.byKey3[key3]!;
  if (slot3 !== 0) return slot3 - 1;
  const fourth = fourthOf(key);
  return fourth === 0 ? -1 : table.byKey4[key3 * 36 + fourth - 1]! - 1;
}

/** The categories found in a window, before the hierarchy rules: a bit mask, and for each its earliest code and date. */
export interface CharlsonFindings {
  mask: number;
  /** Indexed by category; only set for categories in the mask. */
  firstDate: string[];
  firstCode: string[];
}

/** Adds one spell's categories to the findings. */
function collectSpell(table: CharlsonTable, spell: DiagnosedSpell, findings: CharlsonFindings): void {
  const date = isoDay(spell.admissionDate);
  const diagnoses = spell.diagnoses;
  for (let i = 0; i < diagnoses.length; i++) {
    const index = charlsonCategoryOf(table, diagnoses[i]!);
    if (index === -1) continue;
    const code = normaliseIcd10ForMatching(diagnoses[i]!);
    const flag = 1 << index;
    if ((findings.mask & flag) === 0) {
      findings.mask |= flag;
      findings.firstDate[index] = date;
      findings.firstCode[index] = code;
    } else {
      const known = findings.firstDate[index]!;
      if (date < known || (date === known && code < findings.firstCode[index]!)) {
        findings.firstDate[index] = date;
        findings.firstCode[index] = code;
      }
    }
  }
}

/**
 * The Charlson categories recorded in spells admitted after windowStart (exclusive) and up to and
 * including windowEnd, plus those of `indexSpell` (always read) when given.
 */
export function findCharlsonCategories(
  table: CharlsonTable, spells: readonly DiagnosedSpell[], windowStart: string, windowEnd: string, indexSpell?: DiagnosedSpell,
): CharlsonFindings {
  const findings: CharlsonFindings = { mask: 0, firstDate: [], firstCode: [] };
  if (indexSpell !== undefined) collectSpell(table, indexSpell, findings);
  for (let s = 0; s < spells.length; s++) {
    const spell = spells[s]!;
    if (spell === indexSpell || !isInWindow(spell.admissionDate, windowStart, windowEnd)) continue;
    collectSpell(table, spell, findings);
  }
  return findings;
}

/** The category mask after the hierarchy rules (the milder category of each pair dropped). */
export function applyCharlsonHierarchy(mask: number): number {
  let scored = mask;
  for (const [present, zeroed] of HIERARCHY) if ((mask & present) !== 0) scored &= ~zeroed;
  return scored;
}

export type CharlsonWeights = 'charlson' | 'quan';

/** The index for a category mask (hierarchy applied here) under one weight set. */
export function sumCharlsonWeights(table: CharlsonTable, mask: number, weights: CharlsonWeights): number {
  const scored = applyCharlsonHierarchy(mask);
  let total = 0;
  for (const category of table.categories) {
    if ((scored & (1 << category.index)) !== 0) total += weights === 'charlson' ? category.weightCharlson : category.weightQuan;
  }
  return total;
}

/** The band of a Charlson index value (either weight set): '0', '1-2', '3-4' or '5+'. */
export function bandCharlson(value: number): string {
  if (value <= 0) return '0';
  if (value <= 2) return '1-2';
  return value <= 4 ? '3-4' : '5+';
}

function toResult(table: CharlsonTable, findings: CharlsonFindings, weights: CharlsonWeights): ScoreResult {
  const scored = applyCharlsonHierarchy(findings.mask);
  const factors: ScoreFactor[] = [];
  let value = 0;
  if (scored !== 0) {
    for (const category of table.categories) {
      if ((scored & (1 << category.index)) === 0) continue;
      const weight = weights === 'charlson' ? category.weightCharlson : category.weightQuan;
      if (weight === 0) continue;
      value += weight;
      const code = findings.firstCode[category.index]!;
      factors.push({ label: category.name, code, codeSystem: 'ICD-10', date: findings.firstDate[category.index], contribution: weight });
    }
    // Stable sort: equal weights keep category order.
    factors.sort((a, b) => b.contribution - a.contribution);
  }
  return {
    name: weights === 'charlson' ? 'charlson' : 'charlson_quan',
    value,
    band: bandCharlson(value),
    version: weights === 'charlson' ? CHARLSON_VERSION : CHARLSON_QUAN_VERSION,
    factors,
  };
}

export interface CharlsonInput {
  /** The date the index is computed for (ISO). */
  asOf: string;
  /** The person's spells; those admitted outside the look-back window are ignored. */
  spells: readonly DiagnosedSpell[];
  /** Years of spells to read, up to and including asOf; 2 when not given. */
  lookbackYears?: number | undefined;
}

export interface CharlsonScores {
  /** Charlson 1987 weights. */
  charlson: ScoreResult;
  /** Quan 2011 weights. */
  charlsonQuan: ScoreResult;
}

/** A person's Charlson index on a date under both weight sets, from one pass over their spells. */
export function scoreCharlson(table: CharlsonTable, input: CharlsonInput): CharlsonScores {
  const end = isoDay(input.asOf);
  const start = subtractYears(end, input.lookbackYears ?? CHARLSON_DEFAULT_LOOKBACK_YEARS);
  const findings = findCharlsonCategories(table, input.spells, start, end);
  return { charlson: toResult(table, findings, 'charlson'), charlsonQuan: toResult(table, findings, 'quan') };
}
