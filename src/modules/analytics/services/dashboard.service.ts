import type { Scope } from '../../../kernel/access/scope.ts';
import { addDays } from '../../../kernel/dates.ts';
import { notFound } from '../../../kernel/errors.ts';
import { listOrganisations } from '../../governance/index.ts';
import { listDeathsForAggregates, listLocalities } from '../../population/index.ts';
import { NEEDS_INDICATORS, NeedsTally, needsRows } from '../domain/needs-indicators.ts';
import type { PersonFacts } from '../domain/person-facts.ts';
import { PROFILE_SCORES } from '../domain/profile-columns.ts';
import type { ScoreName } from '../domain/score-result.ts';
import { ESP2013_BANDS, esp2013BandForAge } from '../domain/stats/directly-standardised-rate.ts';
import { projectPopulation } from '../domain/stats/population-projection.ts';
import type { DashboardView, RateView } from '../domain/views.ts';
import { aggregateExclusions, auditAggregate, countedRows, countFor, exclusionsKey, requireAnalyticsUse } from './analytics-access.ts';
import { segmentLabels } from './criteria-fields.service.ts';
import { loadRunProfiles, type RunProfiles } from './profile-cache.service.ts';
import { toRunView } from './runs.service.ts';

/**
 * The population dashboard for the place, a locality or a GP practice: people, segments, the band
 * distribution of each banded score, needs rates (crude and directly age-standardised per 100,000
 * with 95% limits; domain/needs-indicators.ts) and an illustrative projection by age band, all over
 * the latest run's profiles. Aggregates only: planning users' counts leave out opted-out persons and
 * suppress 1–7 as '<8' (analytics-access.ts); a rate beside a suppressed count is withheld.
 *
 * Areas: a person is in a locality by where they live and in a practice by where they are registered
 * (as the profile recorded them on the run's date).
 */
export type AreaType = DashboardView['area']['type'];

export interface Area {
  type: AreaType;
  code: string | null;
}

/** 'place', 'locality:<code>' or 'practice:<code>' (the route's schema checks the shape). */
export function parseArea(text: string | undefined): Area {
  if (text === undefined || text === 'place') return { type: 'place', code: null };
  const colon = text.indexOf(':');
  return { type: text.slice(0, colon) as AreaType, code: text.slice(colon + 1) };
}

export const SCORE_LABELS: Readonly<Record<ScoreName, string>> = {
  hfrs: 'Hospital Frailty Risk Score',
  efi: 'Electronic Frailty Index',
  charlson: 'Charlson comorbidity index',
  charlson_quan: 'Charlson comorbidity index (Quan 2011 weights)',
  lace: 'LACE index (latest discharge)',
  emergency_admission_risk: 'Predicted risk of an emergency admission in the next 12 months',
};

/** Band order for display, lowest first (see each score's definition); a band not listed follows. */
export const BAND_ORDER: Readonly<Record<ScoreName, readonly string[]>> = {
  hfrs: ['low', 'intermediate', 'high'],
  efi: ['fit', 'mild', 'moderate', 'severe'],
  charlson: ['0', '1-2', '3-4', '5+'],
  charlson_quan: ['0', '1-2', '3-4', '5+'],
  lace: ['low', 'moderate', 'high'],
  emergency_admission_risk: ['low', 'moderate', 'high', 'very high'],
};

/** Years ahead shown by the projection. */
export const PROJECTION_YEARS = [0, 5, 10] as const;

/** The area's name, or 404 when no such locality or practice is known. */
async function resolveArea(scope: Scope, area: Area, profiles: RunProfiles | null): Promise<DashboardView['area']> {
  if (area.type === 'place') return { type: 'place', code: null, name: 'The whole place' };
  const code = area.code!;
  if (area.type === 'locality') {
    const locality = (await listLocalities(scope)).find((l) => l.code === code);
    if (locality) return { type: 'locality', code, name: locality.name };
  } else {
    const practice = (await listOrganisations(scope.db)).find((o) => o.code === code && o.org_type === 'gp_practice');
    if (practice) return { type: 'practice', code, name: practice.name };
    const columns = profiles?.columns;
    if (columns) for (let i = 0; i < columns.length; i++) if (columns.facts.facts(i).gpPracticeCode === code) return { type: 'practice', code, name: code };
  }
  throw notFound('SEAMLESS_ERR_ANALYTICS_UNKNOWN_AREA', `There is no ${area.type} with the code '${code}' in this place.`);
}

export function inArea(area: Area): (facts: Pick<PersonFacts, 'localityCode' | 'gpPracticeCode'>) => boolean {
  if (area.type === 'locality') return (f) => f.localityCode === area.code;
  if (area.type === 'practice') return (f) => f.gpPracticeCode === area.code;
  return () => true;
}

const rate = (value: number | null, lower: number | null, upper: number | null): RateView | null =>
  value === null || lower === null ? null : { rate: value, lower, upper };

export async function getDashboard(scope: Scope, areaText?: string): Promise<DashboardView> {
  requireAnalyticsUse(scope);
  const profiles = await loadRunProfiles(scope.db);
  const area = parseArea(areaText);
  const resolved = await resolveArea(scope, area, profiles);
  const labels = await segmentLabels(scope);
  const suppressed = scope.actor.purpose === 'planning';
  const empty: DashboardView = {
    run: null, area: resolved, suppressed, population: 0, segments: [...labels].map(([key, label]) => ({ key, label, count: 0 })),
    scoreDistributions: [], rates: [], projection: [],
  };
  if (!profiles) {
    await auditAggregate(scope, 'analytics.dashboard', `${areaText ?? 'place'}: no stratification yet`);
    return empty;
  }

  const excluded = await aggregateExclusions(scope, profiles);
  const key = `dashboard|${suppressed ? 'planning' : 'direct'}|${areaText ?? 'place'}|${exclusionsKey(excluded)}`;
  let view = profiles.views.get(key) as DashboardView | undefined;
  if (!view) {
    view = await computeDashboard(scope, profiles, area, resolved, labels, excluded);
    if (profiles.views.size >= MAX_CACHED_VIEWS) profiles.views.clear();
    profiles.views.set(key, view);
  }
  await auditAggregate(scope, 'analytics.dashboard', `${areaText ?? 'place'} (run ${profiles.run.id})`);
  return view;
}

/** Dashboards kept per run (areas × purposes × sets of people counted). */
const MAX_CACHED_VIEWS = 500;

async function computeDashboard(
  scope: Scope, profiles: RunProfiles, area: Area, resolved: DashboardView['area'], labels: Map<string, string>, excluded: ReadonlySet<number>,
): Promise<DashboardView> {
  const suppressed = scope.actor.purpose === 'planning';
  const columns = profiles.columns;
  const counted = countedRows(profiles, excluded);
  const within = inArea(area);
  const tally = new NeedsTally();
  const segments = new Map<string, number>([...labels.keys()].map((k) => [k, 0]));
  const bands = new Map<ScoreName, Map<string, number>>(PROFILE_SCORES.map((s) => [s, new Map(BAND_ORDER[s].map((b) => [b, 0]))]));
  let population = 0;
  for (let i = 0; i < columns.length; i++) {
    if (!counted(i)) continue;
    const facts = columns.facts.facts(i);
    if (!within(facts)) continue;
    population++;
    tally.add(facts);
    const segment = columns.segment(i);
    if (segment !== null) segments.set(segment, (segments.get(segment) ?? 0) + 1);
    for (const score of PROFILE_SCORES) {
      const band = columns.band(i, score);
      if (band !== null) bands.get(score)!.set(band, (bands.get(score)!.get(band) ?? 0) + 1);
    }
  }

  const suppress = (n: number) => countFor(scope, n);
  const rows = needsRows(tally.areaCounts(area.type, area.code ?? 'place', resolved.name), { suppress, confidence: 0.95 });
  const totalPopulation = tally.populationByBand().reduce((sum, b) => sum + b.population, 0);
  const projection = totalPopulation > 0 ? await projectArea(scope, profiles, area, tally) : [];
  return {
    run: toRunView(profiles.run),
    area: resolved,
    suppressed,
    population: suppress(population),
    segments: [...segments].map(([key, count]) => ({ key, label: labels.get(key) ?? key, count: suppress(count) })),
    scoreDistributions: PROFILE_SCORES.map((name) => ({
      name, label: SCORE_LABELS[name],
      bands: [...bands.get(name)!].map(([band, count]) => ({ band, count: suppress(count) })),
    })),
    rates: rows.map((row, k) => ({
      key: NEEDS_INDICATORS[k]!.key,
      label: row.indicator, events: row.count, population: row.population,
      crude: rate(row.crudeRate, row.crudeLower, row.crudeUpper),
      dsr: rate(row.dsr, row.dsrLower, row.dsrUpper),
      note: row.note,
    })),
    projection,
  };
}

/**
 * Cohort-ageing projection of the area's population by age band (domain/stats/population-projection.ts):
 * the base is the area's living people on the run's date; one-year survival in each band comes from
 * the deaths of the area's people in the year to that date over the band's population (an
 * approximation of the central death rate, capped at the population). Illustrative, not ONS.
 */
async function projectArea(scope: Scope, profiles: RunProfiles, area: Area, tally: NeedsTally): Promise<DashboardView['projection']> {
  const asOf = profiles.run.asOf;
  const deaths = new Float64Array(ESP2013_BANDS.length);
  const inAreaDeath = inArea(area);
  for (const death of await listDeathsForAggregates(scope, addDays(asOf, -364), asOf)) {
    if (death.ageAtDeath === null || death.ageAtDeath < 0 || !inAreaDeath(death)) continue;
    deaths[ESP2013_BANDS.indexOf(esp2013BandForAge(death.ageAtDeath))]! += 1;
  }
  const base = tally.populationByBand().map((b, i) => ({ age: b.ageBand, population: b.population, deaths: Math.min(deaths[i]!, b.population) }));
  const result = projectPopulation(base, PROJECTION_YEARS[PROJECTION_YEARS.length - 1]!);
  // A projected band is as disclosive as today's count it is aged from: small ones are suppressed too.
  return result.years.filter((y) => (PROJECTION_YEARS as readonly number[]).includes(y.yearsAhead)).map((y) => ({
    yearsAhead: y.yearsAhead,
    total: Math.round(y.total),
    byBand: y.byAge.map((b) => ({ ageBand: b.age, population: countFor(scope, Math.round(b.population)) })),
  }));
}
