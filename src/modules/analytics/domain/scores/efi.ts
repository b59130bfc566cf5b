/**
 * Electronic Frailty Index (eFI).
 *
 * Source: Clegg A, Bates C, Young J, et al. Development and validation of an electronic frailty index
 * using routine primary care electronic health record data. Age Ageing 2016;45(3):353–360.
 * doi:10.1093/ageing/afw039. The 36 deficits are Box 1 of the paper (reference/efi_deficits_list.csv);
 * the SNOMED CT code lists for the 35 coded deficits are the gm-sde translation of the original Read
 * code lists (reference/efi_deficits.csv); the bands are reference/efi_bands.csv. reference/README.md
 * gives their provenance and caveats (the code lists are an unvalidated automated Read → SNOMED
 * mapping; the gm-sde value rules on numeric results are not reproduced).
 *
 * eFI = number of deficits present ÷ 36, every deficit weighted equally.
 *
 * Choices the definition leaves open, as implemented here:
 * - Eligibility: people aged 65 or over on the date, the population the eFI was developed and validated
 *   in and the one the GP contract asks practices to identify frailty in. Under 65, or an unknown age,
 *   gives null (not scored): a frailty index for a 30-year-old would be shown to clinicians as if it
 *   meant something.
 * - Coded deficits: a deficit is present when any of its codes is recorded on or before the date, at any
 *   time before it (the eFI counts deficits ever recorded); events after the date are ignored. A code
 *   in two deficits (e.g. diabetic nephropathy: diabetes and chronic kidney disease) counts for both;
 *   each deficit counts once however many of its codes are recorded.
 * - Code systems: only events coded in SNOMED CT are read; an event in another system (e.g. ICD-10) is
 *   ignored, because the code lists are SNOMED CT. A definition table whose codes are not SNOMED CT, or
 *   not valid SNOMED CT identifiers, is refused when it is compiled. SNOMED CT identifiers are strings
 *   throughout: one in the list exceeds Number.MAX_SAFE_INTEGER.
 * - Polypharmacy (deficit 26): Clegg 2016 says ≥ 5 prescribed medications (BNF chapters 1–15) without a
 *   look-back. Following gm-sde, it is present when 5 or more distinct medications were prescribed in
 *   the 12 months up to the date: here the 365 days up to and including the date (the same 12 months as
 *   PersonFacts.medicationCount, so the eFI and the "five or more medications" trigger agree). A
 *   medication record counts when it started on or before the date and had not ended before the
 *   window; medications are distinct by code (and code system). The BNF chapter 1–15 restriction is not
 *   applied (no BNF mapping in the reference data), and the same drug coded at two dm+d levels counts
 *   twice.
 * - Value and rounding: the value is the exact fraction deficits / 36, not rounded (13/36 = 0.3611…).
 *   Bands are read from the integer deficit count, so rounding for display can never move a band. A
 *   value rounded to two places would show 13/36 as 0.36, the upper edge of "moderate", for a person
 *   who is "severe".
 * - Bands (efi_bands.csv, from Clegg 2016): fit 0–4 deficits (eFI ≤ 0.12), mild 5–8 (≤ 0.24), moderate
 *   9–12 (≤ 0.36), severe 13–36. With a denominator of 36 no eFI falls on a cut-point.
 * - Factors: one per deficit present (contribution 1), with the earliest code recorded for it and that
 *   event's date (ties broken by the smaller code, so input order never changes the result), in Box 1
 *   order; polypharmacy gives the count of medications and no date.
 */
import { checkCode } from '../../../../kernel/codes.ts';
import type { ScoreFactor, ScoreResult } from '../score-result.ts';
import { isoDay, scoreDefinitionError, subtractDays } from './score-common.util.ts';

export const EFI_VERSION = 'efi-clegg-2016-snomed-gmsde';
export const EFI_MIN_AGE = 65;
export const EFI_DEFICIT_COUNT = 36;
export const EFI_POLYPHARMACY_DEFICIT = 'polypharmacy';
export const EFI_POLYPHARMACY_MIN_MEDICATIONS = 5;
/** The 365 days up to and including the date. */
export const EFI_POLYPHARMACY_WINDOW_DAYS = 365;

const SNOMED = 'SNOMED CT';

export interface EfiDeficit {
  /** 1–36, Clegg 2016 Box 1 order. */
  number: number;
  key: string;
  name: string;
  definitionType: 'coded' | 'computed';
}

interface EfiCodeEntry {
  /** The deficits the code is in, in Box 1 order. */
  deficits: readonly EfiDeficit[];
  /** The factor label for each of those deficits: deficit name and the code's SNOMED CT term. */
  labels: readonly string[];
}

/** The compiled definition: SNOMED CT code → deficits, and a band for every deficit count 0–36. */
export interface EfiTable {
  /** All 36 deficits in Box 1 order. */
  readonly deficits: readonly EfiDeficit[];
  readonly byCode: ReadonlyMap<string, EfiCodeEntry>;
  readonly polypharmacy: EfiDeficit;
  /** bandByDeficitCount[n] is the band for n deficits. */
  readonly bandByDeficitCount: readonly string[];
}

/** One row of efi_deficits_list.csv, as text. */
export interface EfiDeficitRow {
  deficitNumber: string;
  deficit: string;
  deficitName: string;
  definitionType: string;
}

/** One code of a deficit's code list; system is the code system the list is written in. */
export interface EfiCodeRow {
  deficit: string;
  system: string;
  code: string;
  term: string;
}

/** One row of efi_bands.csv, as text. */
export interface EfiBandRow {
  band: string;
  minDeficits: string;
  maxDeficits: string;
}

export interface EfiDefinitionRows {
  deficits: readonly EfiDeficitRow[];
  codes: readonly EfiCodeRow[];
  bands: readonly EfiBandRow[];
}

function parseWholeNumber(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return Number.NaN;
  for (const ch of trimmed) if (ch < '0' || ch > '9') return Number.NaN;
  return Number(trimmed);
}

function compileDeficits(rows: readonly EfiDeficitRow[]): EfiDeficit[] {
  if (rows.length !== EFI_DEFICIT_COUNT) {
    throw scoreDefinitionError('eFI', `the deficit list has ${rows.length} deficits; the eFI has ${EFI_DEFICIT_COUNT}`);
  }
  const deficits: EfiDeficit[] = new Array<EfiDeficit>(EFI_DEFICIT_COUNT);
  const keys = new Set<string>();
  for (const row of rows) {
    const number = parseWholeNumber(row.deficitNumber);
    const key = row.deficit.trim();
    if (!(number >= 1 && number <= EFI_DEFICIT_COUNT)) throw scoreDefinitionError('eFI', `deficit '${key}': number '${row.deficitNumber}' is not 1–${EFI_DEFICIT_COUNT}`);
    if (deficits[number - 1] !== undefined) throw scoreDefinitionError('eFI', `deficit number ${number} is listed twice`);
    if (key === '' || keys.has(key)) throw scoreDefinitionError('eFI', `deficit number ${number}: key '${key}' is empty or listed twice`);
    const definitionType = row.definitionType.trim();
    if (definitionType !== 'coded' && definitionType !== 'computed') {
      throw scoreDefinitionError('eFI', `deficit '${key}': definition type '${definitionType}' is neither 'coded' nor 'computed'`);
    }
    if ((definitionType === 'computed') !== (key === EFI_POLYPHARMACY_DEFICIT)) {
      throw scoreDefinitionError('eFI', `deficit '${key}' is '${definitionType}', but only '${EFI_POLYPHARMACY_DEFICIT}' is computed; every other deficit is coded`);
    }
    keys.add(key);
    deficits[number - 1] = { number, key, name: row.deficitName.trim() || key, definitionType };
  }
  if (!keys.has(EFI_POLYPHARMACY_DEFICIT)) throw scoreDefinitionError('eFI', `the deficit list has no '${EFI_POLYPHARMACY_DEFICIT}' deficit`);
  return deficits;
}

function compileBands(rows: readonly EfiBandRow[]): string[] {
  const bandByDeficitCount: (string | undefined)[] = new Array<string | undefined>(EFI_DEFICIT_COUNT + 1).fill(undefined);
  for (const row of rows) {
    const band = row.band.trim();
    const min = parseWholeNumber(row.minDeficits), max = parseWholeNumber(row.maxDeficits);
    if (band === '' || !(min >= 0 && max <= EFI_DEFICIT_COUNT && min <= max)) {
      throw scoreDefinitionError('eFI', `band '${band}': deficits ${row.minDeficits}–${row.maxDeficits} is not a range within 0–${EFI_DEFICIT_COUNT}`);
    }
    for (let n = min; n <= max; n++) {
      if (bandByDeficitCount[n] !== undefined) throw scoreDefinitionError('eFI', `bands '${bandByDeficitCount[n]}' and '${band}' overlap at ${n} deficits`);
      bandByDeficitCount[n] = band;
    }
  }
  const gap = bandByDeficitCount.findIndex((band) => band === undefined);
  if (gap !== -1) throw scoreDefinitionError('eFI', `no band covers ${gap} deficits; the bands must cover 0–${EFI_DEFICIT_COUNT}`);
  return bandByDeficitCount as string[];
}

/**
 * Builds the lookup table from the published rows. Throws SEAMLESS_ERR_ANALYTICS_SCORE_DEFINITION when
 * the table is not usable as the eFI: not 36 deficits, a code list not in SNOMED CT or with an invalid
 * SNOMED CT identifier, a code for an unknown or computed deficit, a coded deficit without codes, or
 * bands that do not cover 0–36 deficits exactly once.
 */
export function compileEfiTable(rows: EfiDefinitionRows): EfiTable {
  const deficits = compileDeficits(rows.deficits);
  const byKey = new Map(deficits.map((d) => [d.key, d]));
  const byCode = new Map<string, { deficits: EfiDeficit[]; labels: string[]; term: string }>();
  const withCodes = new Set<string>();
  rows.codes.forEach((row, i) => {
    const system = row.system.trim();
    if (system !== SNOMED) {
      throw scoreDefinitionError('eFI', `code list row ${i + 1} ('${row.deficit}', '${row.code}') is in code system '${system}'; eFI code lists must be SNOMED CT`);
    }
    const checked = checkCode(SNOMED, row.code);
    if (!checked.ok) throw scoreDefinitionError('eFI', `code list row ${i + 1} ('${row.deficit}'): ${checked.reason}`);
    const deficit = byKey.get(row.deficit.trim());
    if (deficit === undefined) throw scoreDefinitionError('eFI', `code list row ${i + 1}: unknown deficit '${row.deficit}'`);
    if (deficit.definitionType !== 'coded') throw scoreDefinitionError('eFI', `code list row ${i + 1}: '${deficit.key}' is computed and takes no codes`);
    const code = checked.code.code;
    const entry = byCode.get(code);
    if (entry === undefined) {
      byCode.set(code, { deficits: [deficit], labels: [], term: row.term.trim() || code });
    } else {
      if (entry.deficits.includes(deficit)) throw scoreDefinitionError('eFI', `code list row ${i + 1}: ${code} is listed twice for '${deficit.key}'`);
      entry.deficits.push(deficit);
      entry.deficits.sort((a, b) => a.number - b.number);
    }
    withCodes.add(deficit.key);
  });
  const without = deficits.filter((d) => d.definitionType === 'coded' && !withCodes.has(d.key)).map((d) => d.key);
  if (without.length > 0) throw scoreDefinitionError('eFI', `coded deficits without any code: ${without.join(', ')}`);
  for (const entry of byCode.values()) entry.labels = entry.deficits.map((d) => `${d.name}: ${entry.term}`);
  return {
    deficits,
    byCode,
    polypharmacy: byKey.get(EFI_POLYPHARMACY_DEFICIT)!,
    bandByDeficitCount: compileBands(rows.bands),
  };
}

/** A GP coded event (a population GpEvent fits). */
export interface CodedEvent {
  eventDate: string;
  code: { system: string; code: string };
}

/** A prescribed medication (a population GpMedication fits); current while endDate is empty. */
export interface MedicationRecord {
  startDate: string;
  endDate?: string | undefined;
  code: { system: string; code: string };
}

export interface EfiInput {
  /** Age in whole years on asOf; null when unknown. */
  age: number | null;
  /** The date the index is computed for (ISO). */
  asOf: string;
  events: readonly CodedEvent[];
  medications: readonly MedicationRecord[];
}

/**
 * Distinct medications prescribed in the 365 days up to and including asOf: records that started on or
 * before asOf and had not ended before the window began.
 */
export function countDistinctMedications(medications: readonly MedicationRecord[], asOf: string): number {
  if (medications.length === 0) return 0;
  const end = isoDay(asOf);
  const firstDay = subtractDays(end, EFI_POLYPHARMACY_WINDOW_DAYS - 1);
  if (medications.length > DISTINCT_BY_SCAN_UP_TO) {
    const seen = new Set<string>();
    for (const medication of medications) {
      if (inPolypharmacyWindow(medication, firstDay, end)) seen.add(`${medication.code.system}|${medication.code.code}`);
    }
    return seen.size;
  }
  // A person's medication list is short: comparing with the earlier ones allocates nothing.
  let count = 0;
  for (let i = 0; i < medications.length; i++) {
    const medication = medications[i]!;
    if (!inPolypharmacyWindow(medication, firstDay, end)) continue;
    let repeat = false;
    for (let j = 0; j < i; j++) {
      const earlier = medications[j]!;
      if (earlier.code.code === medication.code.code && earlier.code.system === medication.code.system && inPolypharmacyWindow(earlier, firstDay, end)) {
        repeat = true;
        break;
      }
    }
    if (!repeat) count++;
  }
  return count;
}

const DISTINCT_BY_SCAN_UP_TO = 64;

function inPolypharmacyWindow(medication: MedicationRecord, firstDay: string, end: string): boolean {
  return isoDay(medication.startDate) <= end && !(medication.endDate && isoDay(medication.endDate) < firstDay);
}

/** The band for a number of deficits present. */
export function bandEfi(table: EfiTable, deficitCount: number): string {
  return table.bandByDeficitCount[deficitCount]!;
}

/** True when a code has a leading or trailing space (checked only after a lookup misses). */
function hasOuterSpace(code: string): boolean {
  return code.length > 0 && (code.charCodeAt(0) === 32 || code.charCodeAt(code.length - 1) === 32);
}

/*
 * Per-call scratch, indexed by deficit number: which deficits this call has seen (stamped with the
 * call's generation, so nothing needs clearing between people) and the earliest code for each.
 * scoreEfi is synchronous and never re-entered, so one set serves every call without allocating per
 * person; results never share it.
 */
const seenIn = new Int32Array(EFI_DEFICIT_COUNT + 1);
const earliestDate: string[] = new Array<string>(EFI_DEFICIT_COUNT + 1).fill('');
const earliestCode: string[] = new Array<string>(EFI_DEFICIT_COUNT + 1).fill('');
const earliestLabel: string[] = new Array<string>(EFI_DEFICIT_COUNT + 1).fill('');
let generation = 0;

/**
 * A person's eFI on a date. Null when the person is under 65 or their age is unknown.
 */
export function scoreEfi(table: EfiTable, input: EfiInput): ScoreResult | null {
  if (input.age === null || input.age < EFI_MIN_AGE) return null;
  const asOf = isoDay(input.asOf);
  if (generation === 0x7fffffff) { seenIn.fill(0); generation = 0; }
  const call = ++generation;
  let seen = 0;
  const events = input.events;
  for (let e = 0; e < events.length; e++) {
    const event = events[e]!;
    if (event.code.system !== SNOMED) continue;
    let code = event.code.code;
    let entry = table.byCode.get(code);
    if (entry === undefined) {
      if (!hasOuterSpace(code)) continue;
      code = code.trim();
      entry = table.byCode.get(code);
      if (entry === undefined) continue;
    }
    const date = isoDay(event.eventDate);
    if (date > asOf) continue;
    for (let d = 0; d < entry.deficits.length; d++) {
      const number = entry.deficits[d]!.number;
      if (seenIn[number] !== call) {
        seenIn[number] = call;
        seen++;
      } else if (!(date < earliestDate[number]! || (date === earliestDate[number] && code < earliestCode[number]!))) {
        continue;
      }
      earliestDate[number] = date;
      earliestCode[number] = code;
      earliestLabel[number] = entry.labels[d]!;
    }
  }
  let medicationCount = 0;
  if (input.medications.length >= EFI_POLYPHARMACY_MIN_MEDICATIONS) medicationCount = countDistinctMedications(input.medications, asOf);
  const polypharmacy = medicationCount >= EFI_POLYPHARMACY_MIN_MEDICATIONS ? table.polypharmacy.number : 0;
  const factors: ScoreFactor[] = [];
  if (seen > 0 || polypharmacy !== 0) {
    for (let number = 1; number <= EFI_DEFICIT_COUNT; number++) {
      if (number === polypharmacy) {
        factors.push({ label: `${table.polypharmacy.name}: ${medicationCount} medications prescribed in the 12 months to ${asOf}`, contribution: 1 });
      } else if (seenIn[number] === call) {
        factors.push({ label: earliestLabel[number]!, code: earliestCode[number]!, codeSystem: 'SNOMED CT', date: earliestDate[number]!, contribution: 1 });
      }
    }
  }
  const count = factors.length;
  return { name: 'efi', value: count / EFI_DEFICIT_COUNT, band: table.bandByDeficitCount[count]!, version: EFI_VERSION, factors };
}
