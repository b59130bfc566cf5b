import type { RawBuilder } from 'kysely';
import type { Scope } from '../../../kernel/access/scope.ts';
import { ageOn, isIsoDate } from '../../../kernel/dates.ts';
import { badRequest } from '../../../kernel/errors.ts';
import { activityVisible } from '../store/activity-access.ts';
import {
  listAttendanceDays, listDeathsBetween, listDemographics, listIdentities, listLocalityRows, listServicesOverlapping, listSpellsOverlapping,
  type DateWindow,
} from '../store/population-measures.repository.ts';
import { requireIdentifiableAccess } from './access-checks.ts';

export type { DateWindow };

/**
 * Measures over many people for population analytics (needs profiles, evaluations, lists), kept in
 * the population module so that no other module reads the person index or the activity tables.
 *
 * Access, as the place summary applies it: for planning (analysts, commissioners) every query is
 * filtered by the actor's access filter inside the SQL (persons with the national data opt-out left
 * out; activity only from sources a planning agreement covers); for direct care, aggregates count
 * the whole place (they show no one), while activity measures and identities stay within the records
 * the actor may see. Administration roles count nobody.
 */

/** What a window counts for one person: the outcomes of a before/after evaluation. */
export interface WindowActivity {
  aeAttendances: number;
  emergencyAdmissions: number;
  /** Nights in hospital within the window (a day case is 0; a spell still open counts to the window's end). */
  bedDays: number;
  /** Weekly cost of the services open × days open within the window ÷ 7, in whole pence. */
  socialCareCostPence: number;
}

/** The definitions the caller's measures use (analytics owns them: see analytics/domain/derive-facts.ts). */
export interface ActivityWindowDefinitions {
  /** ADMISSION METHOD codes that make an admission an emergency. */
  isEmergencyAdmission: (admissionMethod: string) => boolean;
  /** CLD client types that are the person as a service user (not as an unpaid carer). */
  isServiceUser: (clientType: string) => boolean;
}

const MS_PER_DAY = 86_400_000;
const dayNumber = (isoDate: string) => Math.round(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / MS_PER_DAY);

function checkWindows(windows: readonly DateWindow[]): void {
  if (windows.length === 0) throw badRequest('SEAMLESS_ERR_POPULATION_BAD_WINDOW', 'Give at least one date window to count activity in.');
  for (const w of windows) {
    if (!isIsoDate(w.from) || !isIsoDate(w.to) || w.from > w.to) {
      throw badRequest('SEAMLESS_ERR_POPULATION_BAD_WINDOW', `A date window runs from one date (YYYY-MM-DD) to a later one; got ${w.from} to ${w.to}.`);
    }
  }
}

const zero = (): WindowActivity => ({ aeAttendances: 0, emergencyAdmissions: 0, bedDays: 0, socialCareCostPence: 0 });

/**
 * Each person's A&E attendances, emergency admissions, bed days and social care cost in each window,
 * over the activity the actor may see (activity access predicates inside each query). People with no
 * activity in any window are absent from the map (all zeros). An activity counts in the window its
 * day falls in (an attendance on its UTC day, an admission on its admission date); bed days and
 * social care cost are the parts of each spell or service that fall inside the window. Audited as
 * one aggregate read (no person is listed).
 */
export async function measureActivityInWindows(
  scope: Scope, windows: readonly DateWindow[], definitions: ActivityWindowDefinitions,
): Promise<Map<number, WindowActivity[]>> {
  checkWindows(windows);
  const bounds = windows.map((w) => ({ from: w.from, to: w.to, startDay: dayNumber(w.from) - 1, endDay: dayNumber(w.to) }));
  const out = new Map<number, WindowActivity[]>();
  const of = (personId: number) => {
    let list = out.get(personId);
    if (!list) out.set(personId, (list = windows.map(zero)));
    return list;
  };
  const [attendances, spells, services] = await Promise.all([
    listAttendanceDays(scope.db, windows, activityVisible(scope.access, 'ae_attendance')),
    listSpellsOverlapping(scope.db, windows, activityVisible(scope.access, 'apc_spell')),
    listServicesOverlapping(scope.db, windows, activityVisible(scope.access, 'social_care_event')),
  ]);
  for (const a of attendances) {
    bounds.forEach((w, i) => { if (a.day >= w.from && a.day <= w.to) of(a.personId)[i]!.aeAttendances++; });
  }
  for (const s of spells) {
    const admitted = dayNumber(s.admissionDate);
    const discharged = s.dischargeDate === null ? null : dayNumber(s.dischargeDate);
    const emergency = definitions.isEmergencyAdmission(s.admissionMethod);
    bounds.forEach((w, i) => {
      if (emergency && s.admissionDate >= w.from && s.admissionDate <= w.to) of(s.personId)[i]!.emergencyAdmissions++;
      const nights = Math.min(discharged ?? w.endDay, w.endDay) - Math.max(admitted, w.startDay);
      if (nights > 0) of(s.personId)[i]!.bedDays += nights;
    });
  }
  const cost = new Map<number, number[]>();
  for (const s of services) {
    if (!s.weeklyCostPence || !definitions.isServiceUser(s.clientType)) continue;
    const start = dayNumber(s.startDate), end = s.endDate === null ? null : dayNumber(s.endDate);
    bounds.forEach((w, i) => {
      const days = Math.min(end ?? w.endDay, w.endDay) - Math.max(start, w.startDay + 1) + 1;
      if (days <= 0) return;
      let list = cost.get(s.personId);
      if (!list) cost.set(s.personId, (list = windows.map(() => 0)));
      list[i]! += (s.weeklyCostPence! * days) / 7;
    });
  }
  for (const [personId, list] of cost) list.forEach((pence, i) => { of(personId)[i]!.socialCareCostPence = Math.round(pence); });
  await scope.audit.record(scope.actor, [{
    action: 'read', resource: 'population.activity_measures', outcome: 'allowed',
    detail: `aggregate: A&E, emergency admissions, bed days and social care cost in ${windows.length} window(s) from ${bounds[0]!.from}`,
  }]);
  return out;
}

/** The person predicate for aggregates: planning and administration through the access filter, direct care the whole place. */
function aggregateVisible(scope: Scope): RawBuilder<boolean> | undefined {
  return scope.actor.purpose === 'direct_care' ? undefined : scope.access.personVisible('person.id', 'demographics');
}

export interface PersonForAggregates {
  personId: number;
  dateOfBirth: string | null;
  sex: string;
  dateOfDeath: string | null;
}

/** Date of birth, sex and date of death of everyone the actor may count (see the module comment), for matching and ages on a date. */
export async function listPersonsForAggregates(scope: Scope): Promise<PersonForAggregates[]> {
  const rows = await listDemographics(scope.db, aggregateVisible(scope));
  return rows.map((r) => ({ personId: r.id, dateOfBirth: r.dateOfBirth, sex: r.sex, dateOfDeath: r.dateOfDeath }));
}

export interface DeathForAggregates {
  /** Age in whole years on the day of death; null when the date of birth is unknown. */
  ageAtDeath: number | null;
  sex: string;
  localityCode: string | null;
  gpPracticeCode: string | null;
}

/** Deaths in [from, to] (inclusive) among the people the actor may count, without identities or dates (for projections). */
export async function listDeathsForAggregates(scope: Scope, from: string, to: string): Promise<DeathForAggregates[]> {
  checkWindows([{ from, to }]);
  const rows = await listDeathsBetween(scope.db, from, to, aggregateVisible(scope));
  return rows.map((r) => ({
    ageAtDeath: r.dateOfBirth === null || r.dateOfDeath === null || r.dateOfBirth > r.dateOfDeath ? null : ageOn(r.dateOfBirth, r.dateOfDeath),
    sex: r.sex, localityCode: r.localityCode, gpPracticeCode: r.gpPracticeCode,
  }));
}

export interface PersonIdentity {
  /** 'Given Family', or null when neither is recorded. */
  name: string | null;
  nhsNumber: string | null;
}

/**
 * Names and NHS numbers for a list of persons, for direct care only, and only of the persons the
 * actor may find (the person predicate is in the query; others are absent from the map). The caller
 * lists them, so the caller audits each one.
 */
export async function listPersonIdentities(scope: Scope, personIds: readonly number[]): Promise<Map<number, PersonIdentity>> {
  requireIdentifiableAccess(scope);
  const rows = await listIdentities(scope.db, personIds, scope.access.personVisible('person.id', 'demographics'));
  return new Map(rows.map((r) => {
    const name = [r.givenName, r.familyName].filter((p) => p !== null && p !== '').join(' ');
    return [r.id, { name: name === '' ? null : name, nhsNumber: r.nhsNumber }];
  }));
}

/** The place's localities (codes and names; no personal data). */
export async function listLocalities(scope: Scope): Promise<Array<{ code: string; name: string }>> {
  return listLocalityRows(scope.db);
}
