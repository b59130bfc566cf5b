/**
 * Illustrative population projections by age: a base population aged forward one year at a time by
 * cohort ageing, with survival from the observed death rates and births held constant.
 *
 * This is NOT the ONS subnational population projections (SNPP) method: there is no migration, no
 * fertility model (births are simply held at the base year's count of 0-year-olds), no change in
 * mortality over time and no constraint to national totals. Use it to show what the current age
 * structure alone implies (for example, how many people aged 85+ there will be in five years if nothing
 * else changes), and use ONS SNPP figures for planning totals.
 *
 * Method, for each age group g with base population Pᵍ and deaths Dᵍ in one year:
 *   mᵍ = Dᵍ / Pᵍ                           central death rate
 *   qᵍ = mᵍ / (1 + mᵍ/2)                   probability of dying within a year, assuming deaths fall
 *                                          on average half-way through it (Chiang CL. The life table
 *                                          and its construction. 1968; the usual mᵍ→qᵍ conversion)
 *   sᵍ = 1 − qᵍ                            survival for one year
 * Single years of age (0, 1, …, 89, 90+), one year on:
 *   P′(0)   = P₀(0)                        births held at the base year's 0-year-olds
 *   P′(a)   = P(a−1) · s(a−1)              for a = 1 … 89
 *   P′(90+) = P(89) · s(89) + P(90+) · s(90+)
 * Five-year bands (0-4, …, 85-89, 90+), one year on, with ages spread evenly within a band so that a
 * fifth of each band moves up each year:
 *   P′(0-4)  = P(0-4) · s(0-4) · 4/5 + P₀(0-4)/5     (the base band's fifth stands for its 0-year-olds)
 *   P′(b)    = P(b) · s(b) · 4/5 + P(b−1) · s(b−1)/5  for 5-9 … 85-89
 *   P′(90+)  = P(90+) · s(90+) + P(85-89) · s(85-89)/5
 * Results are not rounded (they are expected values, not people); round for display.
 */
import { ESP2013_BANDS } from './directly-standardised-rate.ts';
import { checkCount, STATS_ERR_AGE_BANDS, STATS_ERR_INVALID_NUMBER, statsError } from './stats-input.ts';

export type ProjectionLayout = 'single-year' | 'five-year';

export const SINGLE_YEAR_AGES: readonly string[] = [...Array.from({ length: 90 }, (_, a) => String(a)), '90+'];

export interface ProjectionBaseRow {
  /** '0' … '89', '90+' (single years) or '0-4' … '85-89', '90+' (five-year bands). */
  age: string;
  population: number;
  /** Deaths in the base year in this age group. */
  deaths: number;
}

export interface ProjectedYear {
  /** Years after the base year (0 is the base year itself). */
  yearsAhead: number;
  total: number;
  byAge: { age: string; population: number }[];
}

export interface PopulationProjection {
  layout: ProjectionLayout;
  /** One-year survival used for each age group. */
  survival: { age: string; survival: number }[];
  years: ProjectedYear[];
}

export const MAX_PROJECTION_YEARS = 50;

export function projectPopulation(base: readonly ProjectionBaseRow[], years: number): PopulationProjection {
  if (!Number.isInteger(years) || years < 0 || years > MAX_PROJECTION_YEARS) {
    throw statsError(STATS_ERR_INVALID_NUMBER, `Years to project must be a whole number from 0 to ${MAX_PROJECTION_YEARS} (got ${years})`, { years });
  }
  const { layout, ages } = detectLayout(base);
  const byAge = new Map(base.map((r) => [String(r.age).trim(), r]));
  const population: number[] = [];
  const survival: number[] = [];
  for (const age of ages) {
    const row = byAge.get(age)!;
    const p = row.population;
    if (typeof p !== 'number' || !Number.isFinite(p) || p < 0) throw statsError(STATS_ERR_INVALID_NUMBER, `Population aged ${age} must be a number, 0 or more (got ${String(p)})`, { age });
    const d = checkCount(row.deaths, `Deaths aged ${age}`);
    if (d > p) throw statsError(STATS_ERR_INVALID_NUMBER, `Deaths aged ${age} (${d}) exceed the population of that age (${p})`, { age, deaths: d, population: p });
    const m = p === 0 ? 0 : d / p;
    population.push(p);
    survival.push(1 - m / (1 + m / 2));
  }

  const snapshot = (yearsAhead: number, values: number[]): ProjectedYear => ({
    yearsAhead,
    total: values.reduce((s, v) => s + v, 0),
    byAge: ages.map((age, i) => ({ age, population: values[i]! })),
  });
  const result: ProjectedYear[] = [snapshot(0, population)];
  const last = ages.length - 1;
  const births = layout === 'single-year' ? population[0]! : population[0]! / 5;
  let current = population;
  for (let y = 1; y <= years; y++) {
    const next = new Array<number>(ages.length);
    const c = (i: number) => current[i]! * survival[i]!;
    if (layout === 'single-year') {
      next[0] = births;
      for (let a = 1; a < last; a++) next[a] = c(a - 1);
      next[last] = c(last - 1) + c(last);
    } else {
      next[0] = c(0) * 0.8 + births;
      for (let b = 1; b < last; b++) next[b] = c(b) * 0.8 + c(b - 1) / 5;
      next[last] = c(last) + c(last - 1) / 5;
    }
    current = next;
    result.push(snapshot(y, current));
  }
  return { layout, survival: ages.map((age, i) => ({ age, survival: survival[i]! })), years: result };
}

function detectLayout(base: readonly ProjectionBaseRow[]): { layout: ProjectionLayout; ages: readonly string[] } {
  const labels = base.map((r) => String(r.age).trim());
  const layout: ProjectionLayout = labels.some((l) => l.includes('-')) ? 'five-year' : 'single-year';
  const ages: readonly string[] = layout === 'five-year' ? ESP2013_BANDS : SINGLE_YEAR_AGES;
  const seen = new Set<string>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  for (const l of labels) {
    if (!ages.includes(l)) unknown.push(`'${l}'`);
    else if (seen.has(l)) repeated.push(l);
    seen.add(l);
  }
  const missing = ages.filter((a) => !seen.has(a));
  if (unknown.length || repeated.length || missing.length) {
    const expected = layout === 'five-year' ? 'the 19 bands 0-4, 5-9, …, 85-89, 90+' : 'single years 0, 1, …, 89 and 90+';
    const problems = [
      unknown.length ? `unknown age${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` : '',
      repeated.length ? `given more than once: ${repeated.join(', ')}` : '',
      missing.length ? `missing: ${missing.length > 12 ? `${missing.slice(0, 12).join(', ')} and ${missing.length - 12} more` : missing.join(', ')}` : '',
    ].filter(Boolean);
    throw statsError(STATS_ERR_AGE_BANDS, `A projection needs ${expected}, each once: ${problems.join('; ')}`, { unknown, repeated, missing });
  }
  return { layout, ages };
}
