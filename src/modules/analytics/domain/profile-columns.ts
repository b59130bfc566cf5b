import type { FactDefinitions } from './derive-facts.ts';
import { FactsColumns } from './facts-columns.ts';
import type { PersonProfile } from './person-profile.ts';
import type { ScoreName } from './score-result.ts';
import { EFI_DEFICIT_COUNT } from './scores/efi.ts';
import { grownCopy, type ColumnArray } from './grown-copy.ts';

/**
 * A stratified place's profiles held in memory in typed-array columns: the facts and score values in
 * a FactsColumns (the engine's layout), plus the score bands, segment, risk percentile and previous
 * risk. A million people cost about 150 MB rather than several gigabytes of small objects, so the API
 * can keep a run's profiles between requests; profile(i) builds one short-lived PersonProfile for the
 * criteria, cohort and dashboard code that reads the plain shape.
 *
 * Rows are pushed in ascending person id (indexOf is a binary search). Every row shares one asOf date,
 * the latest run's: people recomputed by an incremental run carry their own date in the store, but a
 * criterion never reads asOf.
 */
export const PROFILE_SCORES: readonly ScoreName[] = ['hfrs', 'efi', 'charlson', 'charlson_quan', 'lace', 'emergency_admission_risk'];
const SCORE_COUNT = PROFILE_SCORES.length;

export class ProfileColumns {
  readonly facts: FactsColumns;
  private capacity: number;
  private percentiles: Float64Array;
  private previousValues: Float64Array;
  private previousPercentiles: Float64Array;
  private segments: Int16Array;
  /** Per row, one band index per score of PROFILE_SCORES (-1: no band). */
  private bands: Int16Array;
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();

  constructor(readonly asOf: string, definitions: FactDefinitions, capacity = 1024) {
    this.capacity = Math.max(16, capacity);
    this.facts = new FactsColumns(asOf, definitions, this.capacity);
    const n = this.capacity;
    this.percentiles = new Float64Array(n);
    this.previousValues = new Float64Array(n);
    this.previousPercentiles = new Float64Array(n);
    this.segments = new Int16Array(n);
    this.bands = new Int16Array(n * SCORE_COUNT);
  }

  get length(): number {
    return this.facts.length;
  }

  personId(i: number): number {
    return this.facts.personIds[i]!;
  }

  private grow(): void {
    const n = this.capacity * 2;
    const copy = <T extends ColumnArray>(from: T, size = n): T => grownCopy(from, size);
    this.percentiles = copy(this.percentiles);
    this.previousValues = copy(this.previousValues);
    this.previousPercentiles = copy(this.previousPercentiles);
    this.segments = copy(this.segments);
    this.bands = copy(this.bands, n * SCORE_COUNT);
    this.capacity = n;
  }

  private intern(value: string | null | undefined): number {
    if (value === null || value === undefined) return -1;
    let index = this.stringIndex.get(value);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(value);
      this.stringIndex.set(value, index);
    }
    return index;
  }

  private text(index: number): string | null {
    return index < 0 ? null : this.strings[index]!;
  }

  /** Appends a profile (ids ascending); returns its row. */
  push(profile: PersonProfile, definitions: FactDefinitions): number {
    const n = this.length;
    if (n > 0 && profile.facts.personId <= this.facts.personIds[n - 1]!) {
      throw new RangeError(`profiles must be added in ascending person id (${profile.facts.personId} after ${this.facts.personIds[n - 1]})`);
    }
    if (n === this.capacity) this.grow();
    const f = profile.facts;
    const i = this.facts.push(f, definitions.maskOf(f.longTermConditions), definitions.maskOf(f.unstableConditions));
    const s = profile.scores, columns = this.facts.scores;
    if (s.hfrs) columns.hfrs[i] = s.hfrs.value;
    if (s.efi) columns.efiDeficits[i] = Math.round(s.efi.value * EFI_DEFICIT_COUNT);
    if (s.charlson) columns.charlson[i] = s.charlson.value;
    if (s.charlson_quan) columns.charlsonQuan[i] = s.charlson_quan.value;
    if (s.lace) columns.lace[i] = s.lace.value;
    if (s.emergency_admission_risk) columns.risk[i] = s.emergency_admission_risk.value;
    for (let k = 0; k < SCORE_COUNT; k++) this.bands[i * SCORE_COUNT + k] = this.intern(s[PROFILE_SCORES[k]!]?.band);
    this.percentiles[i] = profile.riskPercentile ?? Number.NaN;
    this.previousValues[i] = profile.previousRiskValue ?? Number.NaN;
    this.previousPercentiles[i] = profile.previousRiskPercentile ?? Number.NaN;
    this.segments[i] = this.intern(profile.segment);
    return i;
  }

  /** The row of a person, or -1. */
  indexOf(personId: number): number {
    const ids = this.facts.personIds;
    let lo = 0, hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const id = ids[mid]!;
      if (id === personId) return mid;
      if (id < personId) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  segment(i: number): string | null {
    return this.text(this.segments[i]!);
  }

  /** The band of a score for row i, or null (no score, or a score without bands). */
  band(i: number, score: ScoreName): string | null {
    return this.text(this.bands[i * SCORE_COUNT + PROFILE_SCORES.indexOf(score)]!);
  }

  riskValue(i: number): number | null {
    const v = this.facts.scores.risk[i]!;
    return Number.isNaN(v) ? null : v;
  }

  riskPercentile(i: number): number | null {
    const v = this.percentiles[i]!;
    return Number.isNaN(v) ? null : v;
  }

  /** Row i as the plain profile criteria read (a new object each call). */
  profile(i: number): PersonProfile {
    const facts = this.facts.facts(i);
    const columns = this.facts.scores;
    const scores: PersonProfile['scores'] = {};
    const band = (k: number) => this.text(this.bands[i * SCORE_COUNT + k]!);
    const hfrs = columns.hfrs[i]!;
    if (!Number.isNaN(hfrs)) scores.hfrs = { value: hfrs, band: band(0) };
    const deficits = columns.efiDeficits[i]!;
    if (deficits >= 0) scores.efi = { value: deficits / EFI_DEFICIT_COUNT, band: band(1) };
    const charlson = columns.charlson[i]!;
    if (charlson >= 0) scores.charlson = { value: charlson, band: band(2) };
    const quan = columns.charlsonQuan[i]!;
    if (quan >= 0) scores.charlson_quan = { value: quan, band: band(3) };
    const lace = columns.lace[i]!;
    if (lace >= 0) scores.lace = { value: lace, band: band(4) };
    const risk = columns.risk[i]!;
    if (!Number.isNaN(risk)) scores.emergency_admission_risk = { value: risk, band: band(5) };
    const p = this.percentiles[i]!, pv = this.previousValues[i]!, pp = this.previousPercentiles[i]!;
    return {
      facts, scores,
      riskPercentile: Number.isNaN(p) ? undefined : p,
      previousRiskValue: Number.isNaN(pv) ? undefined : pv,
      previousRiskPercentile: Number.isNaN(pp) ? undefined : pp,
      segment: this.segment(i) ?? undefined,
    };
  }
}
