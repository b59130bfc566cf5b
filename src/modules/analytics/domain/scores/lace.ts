/**
 * LACE index for one hospital discharge: the risk of death or unplanned readmission within 30 days.
 *
 * Source: van Walraven C, Dhalla IA, Bell C, et al. Derivation and validation of an index to predict
 * early death or unplanned readmission after discharge from hospital to the community. CMAJ
 * 2010;182(6):551–557. doi:10.1503/cmaj.091117. Points are reference/lace_points.csv (checks and caveats
 * in reference/README.md); emergency admission methods are the 'emergency' group of
 * reference/apc_admission_method.csv (NHS Data Dictionary ADMISSION METHOD: 21, 22, 23, 24, 25, 2A, 2B,
 * 2C, 2D and the retired 28).
 *
 * LACE = L + A + C + E, 0 to 19.
 *
 * Choices the definition leaves open, as implemented here:
 * - Which discharges: a finished spell with a discharge date on or after its admission date, where the
 *   patient left hospital alive. No discharge date, discharge method 4 (died), 5 (stillbirth) or 8 (not
 *   discharged) gives null: LACE predicts what happens after a discharge to the community. No age
 *   restriction (the derivation cohort was adults; callers choose whom to show it for).
 * - L: length of stay in whole days, discharge date minus admission date (a same-day spell is 0 days,
 *   "< 1 day").
 * - A: an emergency admission method gives the 'emergency' points; every other method (elective,
 *   maternity, transfers 81, unknown 98/99) the 'non-emergency' points.
 * - C: the Charlson comorbidity index with the Charlson 1987 weights (the index the paper names) and the
 *   Quan 2005 ICD-10 coding (see charlson.ts), from the index spell's diagnoses and those of spells
 *   admitted in the two calendar years up to and including its admission date (configurable with
 *   `comorbidityLookbackYears`). Some calculators and the UK "modified LACE" use other comorbidity
 *   weights; those are not implemented.
 * - E: emergency department (A&E) attendances, of any type, that arrived in the 6 calendar months
 *   before the admission: after the admission date minus 6 months and before the admission date. An
 *   attendance on the admission day is taken to be the one that led to this admission and is not
 *   counted; one the evening before an admission recorded after midnight cannot be told apart by date
 *   and is counted.
 * - Bands: LACE ≥ 10 is the threshold for high risk of readmission used in most studies and services;
 *   below it, 0–4 is 'low' and 5–9 'moderate', the grouping commonly used alongside it. The paper
 *   reports risk by score, not bands.
 * - Factors: always the four components in order L, A, C, E, each with its points (0 included) and a
 *   label giving the underlying value; C's label names the Charlson conditions counted.
 */
import type { ScoreFactor, ScoreResult } from '../score-result.ts';
import { applyCharlsonHierarchy, findCharlsonCategories, sumCharlsonWeights, type CharlsonTable } from './charlson.ts';
import { daysFromTo, isoDay, scoreDefinitionError, subtractMonths, subtractYears, type DiagnosedSpell } from './score-common.util.ts';

export const LACE_VERSION = 'lace-van-walraven-2010';
export const LACE_HIGH_RISK_FROM = 10;
export const LACE_MODERATE_FROM = 5;
export const LACE_COMORBIDITY_DEFAULT_LOOKBACK_YEARS = 2;
export const LACE_EMERGENCY_VISITS_MONTHS = 6;
/** DISCHARGE METHOD codes after which LACE is not scored: died, stillbirth, not discharged. */
const NOT_DISCHARGED_ALIVE = new Set(['4', '5', '8']);

export type LaceBand = 'low' | 'moderate' | 'high';

/** Points for a whole-number value from min to max inclusive (max Infinity for 'or more'). */
export interface LacePointBand {
  min: number;
  max: number;
  points: number;
}

/** The compiled LACE points. */
export interface LaceTable {
  readonly lengthOfStay: readonly LacePointBand[];
  readonly acuity: { readonly emergency: number; readonly nonEmergency: number };
  readonly comorbidity: readonly LacePointBand[];
  readonly emergencyVisits: readonly LacePointBand[];
  /** ADMISSION METHOD codes that are emergency admissions. */
  readonly emergencyAdmissionMethods: ReadonlySet<string>;
}

/** One row of lace_points.csv, as text. */
export interface LacePointsRow {
  component: string;
  range: string;
  points: string;
}

function parseWhole(text: string): number {
  if (text === '') return Number.NaN;
  for (const ch of text) if (ch < '0' || ch > '9') return Number.NaN;
  return Number(text);
}

/** '<1' → 0–0, '2' → 2–2, '4-6' → 4–6, '>=14' → 14–∞; undefined when not one of those forms. */
function parseRange(range: string): { min: number; max: number } | undefined {
  let min: number, max: number;
  if (range.startsWith('>=')) { min = parseWhole(range.slice(2)); max = Number.POSITIVE_INFINITY; }
  else if (range.startsWith('<')) { min = 0; max = parseWhole(range.slice(1)) - 1; }
  else if (range.includes('-')) { const [a = '', b = ''] = range.split('-'); min = parseWhole(a); max = parseWhole(b); }
  else { min = parseWhole(range); max = min; }
  return Number.isNaN(min) || Number.isNaN(max) || min > max ? undefined : { min, max };
}

/** Sorted bands that cover 0 to infinity with no gap or overlap. */
function checkCoverage(component: string, bands: LacePointBand[]): LacePointBand[] {
  bands.sort((a, b) => a.min - b.min);
  let next = 0;
  for (const band of bands) {
    if (band.min !== next) throw scoreDefinitionError('LACE', `component ${component}: the ranges ${band.min < next ? 'overlap' : 'leave a gap'} at ${Math.min(band.min, next)}`);
    next = band.max + 1;
  }
  if (next !== Number.POSITIVE_INFINITY) throw scoreDefinitionError('LACE', `component ${component}: no range covers ${next} or more`);
  return bands;
}

/**
 * Builds the LACE points from the published rows and the emergency admission method codes. Throws
 * SEAMLESS_ERR_ANALYTICS_SCORE_DEFINITION for an unknown component or range, ranges with a gap or an
 * overlap, a missing acuity row, or no emergency admission methods.
 */
export function compileLaceTable(rows: readonly LacePointsRow[], emergencyAdmissionMethods: readonly string[]): LaceTable {
  const bands: Record<'L' | 'C' | 'E', LacePointBand[]> = { L: [], C: [], E: [] };
  const acuity: { emergency?: number; nonEmergency?: number } = {};
  rows.forEach((row, i) => {
    const component = row.component.trim(), range = row.range.trim();
    const points = parseWhole(row.points.trim());
    if (Number.isNaN(points)) throw scoreDefinitionError('LACE', `row ${i + 1} (${component} ${range}): points '${row.points}' are not a whole number`);
    if (component === 'A') {
      const key = range === 'emergency' ? 'emergency' : range === 'non-emergency' ? 'nonEmergency' : undefined;
      if (key === undefined) throw scoreDefinitionError('LACE', `row ${i + 1}: acuity range '${range}' is neither 'emergency' nor 'non-emergency'`);
      if (acuity[key] !== undefined) throw scoreDefinitionError('LACE', `row ${i + 1}: acuity '${range}' is listed twice`);
      acuity[key] = points;
    } else if (component === 'L' || component === 'C' || component === 'E') {
      const parsed = parseRange(range);
      if (parsed === undefined) throw scoreDefinitionError('LACE', `row ${i + 1} (${component}): range '${range}' is not 'N', 'N-M', '<N' or '>=N'`);
      bands[component].push({ ...parsed, points });
    } else {
      throw scoreDefinitionError('LACE', `row ${i + 1}: unknown component '${component}' (expected L, A, C or E)`);
    }
  });
  if (acuity.emergency === undefined || acuity.nonEmergency === undefined) {
    throw scoreDefinitionError('LACE', "component A needs both an 'emergency' and a 'non-emergency' row");
  }
  const methods = new Set(emergencyAdmissionMethods.map((m) => m.trim().toUpperCase()).filter((m) => m !== ''));
  if (methods.size === 0) throw scoreDefinitionError('LACE', 'no emergency admission method codes were given');
  return {
    lengthOfStay: checkCoverage('L', bands.L),
    acuity: { emergency: acuity.emergency, nonEmergency: acuity.nonEmergency },
    comorbidity: checkCoverage('C', bands.C),
    emergencyVisits: checkCoverage('E', bands.E),
    emergencyAdmissionMethods: methods,
  };
}

function pointsFor(bands: readonly LacePointBand[], value: number): number {
  for (const band of bands) if (value >= band.min && value <= band.max) return band.points;
  return 0; // unreachable: compiled bands cover 0 to infinity and values are never negative
}

/** The band of a LACE score: low 0–4, moderate 5–9, high ≥ 10. */
export function bandLace(value: number): LaceBand {
  if (value >= LACE_HIGH_RISK_FROM) return 'high';
  return value >= LACE_MODERATE_FROM ? 'moderate' : 'low';
}

/** The discharge being scored (a population ApcSpell fits). */
export interface LaceIndexSpell extends DiagnosedSpell {
  dischargeDate?: string | undefined;
  /** ADMISSION METHOD code, e.g. '21'. */
  admissionMethod: string;
  /** DISCHARGE METHOD code, e.g. '1'; '4' (died) is not scored. */
  dischargeMethod?: string | undefined;
}

export interface LaceInput {
  indexSpell: LaceIndexSpell;
  /** The person's other spells (may include the index spell), for the comorbidity history. */
  spells: readonly DiagnosedSpell[];
  /** The person's A&E attendances (a population AeAttendance fits); arrivalAt is a date or date-time. */
  emergencyAttendances: readonly { arrivalAt: string }[];
  /** Years of prior spells read for C; 2 when not given. */
  comorbidityLookbackYears?: number | undefined;
}

/**
 * The LACE index of one discharge. Null when the spell has no discharge date (or one before its
 * admission), or the patient died or was not discharged.
 */
export function scoreLace(laceTable: LaceTable, charlsonTable: CharlsonTable, input: LaceInput): ScoreResult | null {
  const spell = input.indexSpell;
  if (!spell.dischargeDate) return null;
  if (spell.dischargeMethod !== undefined && NOT_DISCHARGED_ALIVE.has(spell.dischargeMethod.trim())) return null;
  const admitted = isoDay(spell.admissionDate), discharged = isoDay(spell.dischargeDate);
  const lengthOfStay = daysFromTo(admitted, discharged);
  if (!(lengthOfStay >= 0)) return null;

  const l = pointsFor(laceTable.lengthOfStay, lengthOfStay);

  const method = spell.admissionMethod.trim().toUpperCase();
  const emergency = laceTable.emergencyAdmissionMethods.has(method);
  const a = emergency ? laceTable.acuity.emergency : laceTable.acuity.nonEmergency;

  const lookbackStart = subtractYears(admitted, input.comorbidityLookbackYears ?? LACE_COMORBIDITY_DEFAULT_LOOKBACK_YEARS);
  const findings = findCharlsonCategories(charlsonTable, input.spells, lookbackStart, admitted, spell);
  const charlson = sumCharlsonWeights(charlsonTable, findings.mask, 'charlson');
  const c = pointsFor(laceTable.comorbidity, charlson);
  const scored = applyCharlsonHierarchy(findings.mask);
  let conditions = '';
  if (scored !== 0) {
    for (const category of charlsonTable.categories) {
      if ((scored & (1 << category.index)) !== 0 && category.weightCharlson > 0) conditions += conditions === '' ? category.name : `; ${category.name}`;
    }
  }

  const visitsFrom = subtractMonths(admitted, LACE_EMERGENCY_VISITS_MONTHS);
  let visits = 0;
  for (const attendance of input.emergencyAttendances) {
    const day = isoDay(attendance.arrivalAt);
    if (day > visitsFrom && day < admitted) visits++;
  }
  const e = pointsFor(laceTable.emergencyVisits, visits);

  const factors: ScoreFactor[] = [
    { label: `Length of stay: ${lengthOfStay} ${lengthOfStay === 1 ? 'day' : 'days'}`, date: discharged, contribution: l },
    { label: `${emergency ? 'Emergency' : 'Non-emergency'} admission (admission method ${method})`, date: admitted, contribution: a },
    { label: `Charlson comorbidity index ${charlson}${conditions === '' ? '' : ` (${conditions})`}`, contribution: c },
    { label: `A&E attendances in the 6 months before admission: ${visits}`, contribution: e },
  ];
  const value = l + a + c + e;
  return { name: 'lace', value, band: bandLace(value), version: LACE_VERSION, factors };
}
