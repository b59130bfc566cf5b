/**
 * Directly age-standardised rates (DSR) per 100,000 with the 2013 European Standard Population and
 * Dobson confidence limits, as OHID calculates them for Fingertips.
 *
 * For age bands i with observed events Oᵢ, population nᵢ and standard population Wᵢ (ΣW = 100,000):
 *   wᵢ = Wᵢ / ΣW
 *   DSR = M · Σ wᵢ Oᵢ / nᵢ                 (M = 100,000; with the ESP this is Σ Wᵢ Oᵢ / nᵢ)
 *   Var(DSR) = M² · Σ wᵢ² Oᵢ / nᵢ²
 *   O = Σ Oᵢ, with Poisson limits O_L, O_U (Byar's method, see confidence-intervals.ts)
 *   lower = DSR + √(Var(DSR) / O) · (O_L − O)
 *   upper = DSR + √(Var(DSR) / O) · (O_U − O)
 * Dobson AJ, Kuulasmaa K, Eberle E, Scherer J. Confidence intervals for weighted sums of Poisson
 * parameters. Stat Med 1991;10(3):457–462; PHE "Technical Guide: Confidence Intervals" and
 * "Technical Guide: Direct Standardisation"; PHEindicatormethods `calculate_dsr`.
 *
 * Standard population. Eurostat, Revision of the European Standard Population: report of Eurostat's
 * task force, 2013, with 0 and 1–4 combined and 90–94 and 95+ combined as ONS and OHID do: the 19
 * bands below (the same numbers as reference/esp2013.csv, checked by a test). They are written here
 * rather than read from the file so that this module stays pure and runs in the browser too.
 *
 * Fewer than 10 events. OHID does not publish a DSR from fewer than 10 events in total: with so few,
 * the rate depends on which bands the events happened to fall in and the Dobson limits are unreliable.
 * calculateDsr still returns the arithmetic, but with `reliable: false` and a `warning` that says so,
 * so a caller that publishes must check the flag (the needs profile does, and shows no DSR). Below 10
 * events the count limits O_L and O_U are exact Poisson limits under the default method, the same rule
 * as for crude rates, because Byar's approximation is poor there; from 10 events they are Byar's, as
 * in the technical guide. With no events at all the DSR is 0, its lower limit 0, and the Dobson upper
 * limit is undefined (0/0): `upper` is null.
 *
 * Input rules: all 19 bands exactly once (unknown, repeated and missing bands are all named in one
 * error), events whole and not negative, population greater than 0 in every band. Events may exceed
 * the population (admissions, attendances: one person can have several); Dobson's method then assumes
 * the events are independent, which repeat events are not, so limits are somewhat too narrow.
 */
import { checkConfidence, poissonLimits, type ConfidenceLevel } from './confidence-intervals.ts';
import { PER_100_000, type RateOptions } from './crude-rate.ts';
import { checkCount, checkPopulation, STATS_ERR_AGE_BANDS, statsError } from './stats-input.ts';

export const ESP2013_BANDS = [
  '0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49',
  '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85-89', '90+',
] as const;

export type Esp2013Band = (typeof ESP2013_BANDS)[number];

/** 2013 European Standard Population, in band order; sums to 100,000. */
export const ESP2013_POPULATION: Readonly<Record<Esp2013Band, number>> = {
  '0-4': 5000, '5-9': 5500, '10-14': 5500, '15-19': 5500, '20-24': 6000, '25-29': 6000, '30-34': 6500,
  '35-39': 7000, '40-44': 7000, '45-49': 7000, '50-54': 7000, '55-59': 6500, '60-64': 6000,
  '65-69': 5500, '70-74': 5000, '75-79': 4000, '80-84': 2500, '85-89': 1500, '90+': 1000,
};

/** Fewer total events than this and OHID suppresses the DSR. */
export const DSR_MIN_EVENTS = 10;

export function isEsp2013Band(value: string): value is Esp2013Band {
  return (ESP2013_BANDS as readonly string[]).includes(value);
}

/** The ESP 2013 band for an age in whole years (90 and over → '90+'). */
export function esp2013BandForAge(age: number): Esp2013Band {
  if (!Number.isInteger(age) || age < 0) throw statsError(STATS_ERR_AGE_BANDS, `Age must be a whole number of years, 0 or more (got ${age})`, { age });
  return ESP2013_BANDS[Math.min(Math.floor(age / 5), ESP2013_BANDS.length - 1)]!;
}

export interface AgeBandCount {
  ageBand: string;
  events: number;
  population: number;
}

export interface DsrResult {
  rate: number;
  lower: number;
  /** Null only when there are no events (the Dobson upper limit is 0/0). */
  upper: number | null;
  totalEvents: number;
  totalPopulation: number;
  confidence: ConfidenceLevel;
  /** The method used for the limits of the total count. */
  method: 'byar' | 'exact';
  multiplier: number;
  /** False when there are fewer than 10 events: OHID would not publish this DSR. */
  reliable: boolean;
  warning: string | null;
}

/** Checks that the bands are the 19 ESP 2013 bands, each once, and returns them in band order. */
export function checkEsp2013Bands<T extends AgeBandCount>(bands: readonly T[]): Map<Esp2013Band, T> {
  const byBand = new Map<Esp2013Band, T>();
  const unknown: string[] = [];
  const repeated = new Set<string>();
  for (const row of bands) {
    const band = String(row.ageBand).trim();
    if (!isEsp2013Band(band)) unknown.push(`'${band}'`);
    else if (byBand.has(band)) repeated.add(band);
    else byBand.set(band, row);
  }
  const missing = ESP2013_BANDS.filter((b) => !byBand.has(b));
  if (unknown.length || repeated.size || missing.length) {
    const problems = [
      unknown.length ? `unknown age band${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` : '',
      repeated.size ? `age band${repeated.size > 1 ? 's' : ''} given more than once: ${[...repeated].join(', ')}` : '',
      missing.length ? `missing age band${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}` : '',
    ].filter(Boolean);
    throw statsError(
      STATS_ERR_AGE_BANDS,
      `A directly standardised rate needs each of the 19 ESP 2013 age bands (0-4, 5-9, …, 85-89, 90+) exactly once, with 0 events where there were none: ${problems.join('; ')}`,
      { unknown, repeated: [...repeated], missing },
    );
  }
  return new Map(ESP2013_BANDS.map((b) => [b, byBand.get(b)!]));
}

export function calculateDsr(bands: readonly AgeBandCount[], options: RateOptions = {}): DsrResult {
  const confidence = checkConfidence(options.confidence ?? 0.95);
  const multiplier = options.multiplier ?? PER_100_000;
  const ordered = checkEsp2013Bands(bands);
  const standardTotal = ESP2013_BANDS.reduce((sum, b) => sum + ESP2013_POPULATION[b], 0);

  let totalEvents = 0;
  let totalPopulation = 0;
  let weightedRate = 0;
  let variance = 0;
  for (const [band, row] of ordered) {
    const o = checkCount(row.events, `Events in age band ${band}`);
    const n = checkPopulation(row.population, `Population in age band ${band}`);
    const w = ESP2013_POPULATION[band] / standardTotal;
    totalEvents += o;
    totalPopulation += n;
    weightedRate += (w * o) / n;
    variance += (w * w * o) / (n * n);
  }

  const rate = weightedRate * multiplier;
  const limits = poissonLimits(totalEvents, { confidence, method: options.method ?? 'fingertips' });
  const reliable = totalEvents >= DSR_MIN_EVENTS;
  const warning = reliable
    ? null
    : `Only ${totalEvents} event${totalEvents === 1 ? '' : 's'}: OHID does not publish directly standardised rates from fewer than ${DSR_MIN_EVENTS} events, because they are unreliable; use the crude rate, or pool years or areas`;
  if (totalEvents === 0) {
    return { rate: 0, lower: 0, upper: null, totalEvents, totalPopulation, confidence, method: limits.method, multiplier, reliable, warning };
  }
  // √(Var(DSR)/O), with Var(DSR) in the output units.
  const scale = Math.sqrt((variance * multiplier * multiplier) / totalEvents);
  return {
    rate,
    lower: rate + scale * (limits.lower - totalEvents),
    upper: rate + scale * (limits.upper - totalEvents),
    totalEvents,
    totalPopulation,
    confidence,
    method: limits.method,
    multiplier,
    reliable,
    warning,
  };
}
