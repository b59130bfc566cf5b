import type { SuppressedCount } from '../../governance/domain/disclosure-control.ts';
import type { PersonFacts } from './person-facts.ts';
import { calculateCrudeRate } from './stats/crude-rate.ts';
import { ESP2013_BANDS, esp2013BandForAge, type AgeBandCount } from './stats/directly-standardised-rate.ts';
import { deriveNeedsProfileRows, type NeedsAreaCounts, type NeedsProfileOptions, type NeedsProfileRow } from './stats/needs-profile.ts';

/**
 * The needs indicators the dashboard and the needs workbook show, each counted from the stratified
 * profiles (PersonFacts as of the run's date, so "past year" is the 365 days to that date; the
 * definitions of each count are those of derive-facts.ts):
 *
 * - events per 100,000 residents: emergency admissions, falls (GP, A&E or hospital records of a fall,
 *   the same fall counted once), A&E attendances, all in the past year;
 * - people per 100,000: with two or more long-term conditions, receiving adult social care on the date.
 *
 * The population is the living residents with a profile (registered people alive on the date), by
 * the 19 age bands of the 2013 European Standard Population; people whose age is unknown are left
 * out of the rates (they cannot be standardised). Rates, limits and suppression are those of
 * stats/needs-profile.ts; an area with no residents in some age band gets its crude rate only (a
 * directly standardised rate needs every band).
 */
export interface NeedsIndicator {
  key: string;
  label: string;
  /** The events this person contributes (0 or 1 for people-based indicators). */
  events: (facts: PersonFacts) => number;
}

export const NEEDS_INDICATORS: readonly NeedsIndicator[] = [
  { key: 'emergency_admissions', label: 'Emergency admissions in the past year', events: (f) => f.emergencyAdmissions12m },
  { key: 'falls', label: 'Falls recorded in the past year (GP, A&E or hospital)', events: (f) => f.falls12m },
  { key: 'ae_attendances', label: 'A&E attendances in the past year', events: (f) => f.aeAttendances12m },
  { key: 'two_or_more_ltcs', label: 'People with two or more long-term conditions', events: (f) => (f.longTermConditions.length >= 2 ? 1 : 0) },
  { key: 'receiving_social_care', label: 'People receiving adult social care', events: (f) => (f.receivingSocialCare ? 1 : 0) },
];

const BAND_COUNT = ESP2013_BANDS.length;

/** Events and population by ESP band for one area and every indicator, filled one person at a time. */
export class NeedsTally {
  /** Population per band. */
  readonly population = new Float64Array(BAND_COUNT);
  /** Events per indicator per band. */
  readonly events: Float64Array[] = NEEDS_INDICATORS.map(() => new Float64Array(BAND_COUNT));
  /** People counted with an unknown age (not in any rate). */
  unknownAge = 0;

  add(facts: PersonFacts): void {
    if (facts.age === null) {
      this.unknownAge++;
      return;
    }
    const band = ESP2013_BANDS.indexOf(esp2013BandForAge(facts.age));
    this.population[band]! += 1;
    NEEDS_INDICATORS.forEach((indicator, k) => { this.events[k]![band]! += indicator.events(facts); });
  }

  /** The population in each band, as ESP band labels. */
  populationByBand(): Array<{ ageBand: string; population: number }> {
    return ESP2013_BANDS.map((ageBand, b) => ({ ageBand, population: this.population[b]! }));
  }

  /** The counts of each indicator for the needs-profile rows of one area. */
  areaCounts(areaType: string, areaCode: string, areaName: string): NeedsAreaCounts[] {
    return NEEDS_INDICATORS.map((indicator, k) => ({
      areaType, areaCode, areaName, indicator: indicator.label,
      bands: ESP2013_BANDS.map((ageBand, b): AgeBandCount => ({ ageBand, events: this.events[k]![b]!, population: this.population[b]! })),
    }));
  }
}

/**
 * Needs-profile rows (stats/needs-profile.ts) for areas whose age bands may include empty ones: such
 * an area gets its crude rate (or nothing, with no population at all) and a note instead of a DSR,
 * with the same small-number rule on the count.
 */
export function needsRows(areas: readonly NeedsAreaCounts[], options: NeedsProfileOptions): NeedsProfileRow[] {
  return areas.map((area) => {
    const empty = area.bands.filter((b) => !(b.population > 0)).map((b) => b.ageBand);
    if (empty.length === 0) return deriveNeedsProfileRows([area], options)[0]!;
    return withoutDsr(area, empty, options);
  });
}

function withoutDsr(area: NeedsAreaCounts, emptyBands: readonly string[], options: NeedsProfileOptions): NeedsProfileRow {
  const confidence = options.confidence ?? 0.95;
  const events = area.bands.reduce((sum, b) => sum + b.events, 0);
  const population = area.bands.reduce((sum, b) => sum + b.population, 0);
  const count: SuppressedCount = options.suppress(events);
  const base = {
    areaType: area.areaType, areaCode: area.areaCode, areaName: area.areaName, indicator: area.indicator, count, population, confidence,
    dsr: null, dsrLower: null, dsrUpper: null,
  };
  if (count !== events) {
    return {
      ...base, crudeRate: null, crudeLower: null, crudeUpper: null, suppression: 'small_count',
      note: `Small number: the count is shown as ${String(count)} and its rates are withheld so that it cannot be worked back`,
    };
  }
  if (population === 0) {
    return { ...base, crudeRate: null, crudeLower: null, crudeUpper: null, suppression: 'none', note: 'No residents of known age: no rate' };
  }
  const crude = calculateCrudeRate(events, population, { confidence });
  const bands = emptyBands.length > 3 ? `${emptyBands.slice(0, 3).join(', ')} and ${emptyBands.length - 3} more` : emptyBands.join(', ');
  return {
    ...base, crudeRate: crude.rate, crudeLower: crude.lower, crudeUpper: crude.upper, suppression: 'none',
    note: `Age-standardised rate not shown: no residents aged ${bands}`,
  };
}
