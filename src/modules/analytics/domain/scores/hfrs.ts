/**
 * Hospital Frailty Risk Score (HFRS).
 *
 * Source: Gilbert T, Neuburger J, Kraindler J, et al. Development and validation of a Hospital Frailty
 * Risk Score focusing on older people in acute care settings using electronic hospital records: an
 * observational study. Lancet 2018;391(10132):1775–1782. The 109 ICD-10 categories and their points are
 * in reference/hfrs_points.csv (sources and checks in reference/README.md).
 *
 * The score is the sum of the points of the distinct ICD-10 3-character categories recorded in the
 * index spell and in spells in the previous two years.
 *
 * Choices the definition leaves open, as implemented here:
 * - Eligibility: people aged 75 or over on the index date (the paper's population). Under 75, or an
 *   unknown age, gives null (not scored), never 0.
 * - Two uses. `scoreHfrs` scores a person as of a date: spells *admitted* in the two years up to and
 *   including that date. `scoreHfrsForSpell` scores an index spell: that spell plus spells admitted in
 *   the two years up to and including its admission date; spells admitted after it are ignored. Age is
 *   the age on that date (the admission date for a spell).
 * - Look-back: the two calendar years up to and including the date, with the day exactly two years
 *   earlier outside the window (see score-common.util.ts). A spell is in or out by its admission date;
 *   its discharge date is not read.
 * - Codes: any diagnosis position. Each code is trimmed, upper-cased and its dot removed, then its first
 *   three characters are the category, so 'f00.1', 'F001' and 'F00X' all count as F00. Each category
 *   counts once, however many times and in however many spells it is recorded.
 * - Arithmetic: points are held as integer tenths (the table has one decimal place) and summed as
 *   integers, so a total of 15.0 is exactly 15 and never 15.000000000000002. The value is tenths / 10.
 * - Bands (Gilbert 2018): low < 5, intermediate 5 to 15 inclusive, high > 15. So 5.0 and 15.0 are
 *   intermediate and 15.1 is high.
 * - Factors: one per contributing category, with its points, its ICD-10 description and the admission
 *   date of the earliest spell in the window that recorded it; sorted by points (highest first), then
 *   code, so the result never depends on the order of the input.
 */
import type { ScoreFactor, ScoreResult } from '../score-result.ts';
import { ICD10_KEY3_COUNT, icd10PrefixKey, key3Of } from './icd10-code.util.ts';
import { isInWindow, isoDay, scoreDefinitionError, subtractYears, type DiagnosedSpell } from './score-common.util.ts';

export const HFRS_VERSION = 'hfrs-gilbert-2018';
export const HFRS_MIN_AGE = 75;
export const HFRS_LOOKBACK_YEARS = 2;
/** Band edges in tenths of a point: low below 5.0, high above 15.0. */
const INTERMEDIATE_FROM_TENTHS = 50;
const HIGH_ABOVE_TENTHS = 150;

export type HfrsBand = 'low' | 'intermediate' | 'high';

export interface HfrsCategory {
  /** ICD-10 3-character category, e.g. 'F00'. */
  code: string;
  /** Points in tenths (1.1 points → 11). */
  tenths: number;
  description: string;
  /** The factor label, e.g. 'Dementia in Alzheimer's disease (F00)'. */
  label: string;
}

/** The compiled table: category → points, keyed by the normalised 3-character code. */
export interface HfrsTable {
  readonly categories: ReadonlyMap<string, HfrsCategory>;
  /** The same categories for the per-person loop: list[slot − 1] for slot = byKey3[3-character key], 0 for none. */
  readonly list: readonly HfrsCategory[];
  readonly byKey3: Int16Array;
}

/** One row of hfrs_points.csv, as text. */
export interface HfrsTableRow {
  icd10Code: string;
  points: string;
  description: string;
}

function isIcd10Category(code: string): boolean {
  if (code.length !== 3) return false;
  const letter = code.charCodeAt(0), d1 = code.charCodeAt(1), d2 = code.charCodeAt(2);
  return letter >= 65 && letter <= 90 && d1 >= 48 && d1 <= 57 && d2 >= 48 && d2 <= 57;
}

/** '1.1' → 11, '2' → 20; NaN when the text is not a non-negative number with at most one decimal place. */
function parseTenths(text: string): number {
  const dot = text.indexOf('.');
  const whole = dot === -1 ? text : text.slice(0, dot);
  const fraction = dot === -1 ? '0' : text.slice(dot + 1);
  if (whole === '' || fraction.length !== 1) return Number.NaN;
  for (const ch of whole + fraction) if (ch < '0' || ch > '9') return Number.NaN;
  return Number(whole) * 10 + Number(fraction);
}

/** Builds the lookup table from the published rows; throws SEAMLESS_ERR_ANALYTICS_SCORE_DEFINITION on a bad row. */
export function compileHfrsTable(rows: readonly HfrsTableRow[]): HfrsTable {
  const categories = new Map<string, HfrsCategory>();
  rows.forEach((row, i) => {
    const code = row.icd10Code.trim().toUpperCase();
    if (!isIcd10Category(code)) {
      throw scoreDefinitionError('HFRS', `row ${i + 1}: '${row.icd10Code}' is not an ICD-10 3-character category (letter and two digits, no dot)`);
    }
    const tenths = parseTenths(row.points.trim());
    if (!(tenths > 0)) throw scoreDefinitionError('HFRS', `row ${i + 1} (${code}): points '${row.points}' must be a positive number with at most one decimal place`);
    if (categories.has(code)) throw scoreDefinitionError('HFRS', `row ${i + 1}: category ${code} is listed twice`);
    const description = row.description.trim();
    if (description === '') throw scoreDefinitionError('HFRS', `row ${i + 1} (${code}): the description is empty`);
    categories.set(code, { code, tenths, description, label: `${description} (${code})` });
  });
  if (categories.size === 0) throw scoreDefinitionError('HFRS', 'the table has no rows');
  const list = [...categories.values()];
  const byKey3 = new Int16Array(ICD10_KEY3_COUNT);
  list.forEach((category, i) => { byKey3[key3Of(icd10PrefixKey(category.code))] = i + 1; });
  return { categories, list, byKey3 };
}

function bandFromTenths(tenths: number): HfrsBand {
  if (tenths < INTERMEDIATE_FROM_TENTHS) return 'low';
  return tenths > HIGH_ABOVE_TENTHS ? 'high' : 'intermediate';
}

/** The Gilbert 2018 band of an HFRS value: low < 5, intermediate 5–15, high > 15. */
export function bandHfrs(value: number): HfrsBand {
  return bandFromTenths(Math.round(value * 10));
}

export interface HfrsInput {
  /** Age in whole years on asOf; null when unknown. */
  age: number | null;
  /** The index date (ISO). */
  asOf: string;
  /** The person's spells; those admitted outside the look-back window are ignored. */
  spells: readonly DiagnosedSpell[];
}

export interface HfrsSpellInput {
  /** Age in whole years on the index spell's admission date; null when unknown. */
  age: number | null;
  indexSpell: DiagnosedSpell;
  /** The person's other spells (may include the index spell); those outside the window are ignored. */
  spells: readonly DiagnosedSpell[];
}

/**
 * Adds the categories of one spell to the factors (one per category, keeping the earliest date);
 * returns the tenths added. A factor's code is its category's code string, so `===` finds it.
 */
function collectSpell(table: HfrsTable, spell: DiagnosedSpell, factors: ScoreFactor[]): number {
  const date = isoDay(spell.admissionDate);
  let added = 0;
  const diagnoses = spell.diagnoses;
  for (let i = 0; i < diagnoses.length; i++) {
    const key = icd10PrefixKey(diagnoses[i]!);
    if (key < 0) continue;
    const slot = table.byKey3[key3Of(key)]!;
    if (slot === 0) continue;
    const category = table.list[slot - 1]!;
    let factor: ScoreFactor | undefined;
    for (let f = 0; f < factors.length; f++) if (factors[f]!.code === category.code) { factor = factors[f]; break; }
    if (factor === undefined) {
      factors.push({ label: category.label, code: category.code, codeSystem: 'ICD-10', date, contribution: category.tenths / 10 });
      added += category.tenths;
    } else if (date < factor.date!) {
      factor.date = date;
    }
  }
  return added;
}

function byPointsThenCode(a: ScoreFactor, b: ScoreFactor): number {
  return b.contribution - a.contribution || (a.code! < b.code! ? -1 : a.code! > b.code! ? 1 : 0);
}

function scoreWindow(table: HfrsTable, indexSpell: DiagnosedSpell | undefined, spells: readonly DiagnosedSpell[], end: string): ScoreResult {
  const start = subtractYears(end, HFRS_LOOKBACK_YEARS);
  const factors: ScoreFactor[] = [];
  let tenths = indexSpell === undefined ? 0 : collectSpell(table, indexSpell, factors);
  for (let s = 0; s < spells.length; s++) {
    const spell = spells[s]!;
    if (spell === indexSpell || !isInWindow(spell.admissionDate, start, end)) continue;
    tenths += collectSpell(table, spell, factors);
  }
  if (factors.length > 1) factors.sort(byPointsThenCode);
  return { name: 'hfrs', value: tenths / 10, band: bandFromTenths(tenths), version: HFRS_VERSION, factors };
}

/**
 * A person's HFRS as of a date: spells admitted in the two years up to and including asOf.
 * Null when the person is under 75 or their age is unknown.
 */
export function scoreHfrs(table: HfrsTable, input: HfrsInput): ScoreResult | null {
  if (input.age === null || input.age < HFRS_MIN_AGE) return null;
  return scoreWindow(table, undefined, input.spells, isoDay(input.asOf));
}

/**
 * The HFRS of an index spell: its own codes plus those of spells admitted in the two years up to and
 * including its admission date. Null when the person was under 75 on admission or their age is unknown.
 */
export function scoreHfrsForSpell(table: HfrsTable, input: HfrsSpellInput): ScoreResult | null {
  if (input.age === null || input.age < HFRS_MIN_AGE) return null;
  return scoreWindow(table, input.indexSpell, input.spells, isoDay(input.indexSpell.admissionDate));
}
