import type { Scope } from '../../../kernel/access/scope.ts';
import { addDays, ageOn, isIsoDate } from '../../../kernel/dates.ts';
import { badRequest, conflict, notFound, SeamlessError } from '../../../kernel/errors.ts';
import { listPersonsForAggregates, measureActivityInWindows, type WindowActivity } from '../../population/index.ts';
import type { Criteria } from '../domain/criteria/criteria.types.ts';
import { compileCohort } from '../domain/cohorts/cohort-definition.ts';
import { isEmergencyAdmissionMethod, isServiceUser } from '../domain/derive-facts.ts';
import { evaluateIntervention } from '../domain/evaluation/evaluate-intervention.ts';
import { EVALUATION_ERRORS, type EvaluationPerson, type OutcomeMeasures } from '../domain/evaluation/evaluation-input.ts';
import { ageBand, DEFAULT_MATCHING_OPTIONS } from '../domain/evaluation/matching.ts';
import type { SexCode } from '../domain/person-facts.ts';
import type { EvaluationView } from '../domain/views.ts';
import { findCohortRow } from '../store/cohort.repository.ts';
import { aggregateExclusions, ANALYTICS_NOT_PERMITTED, auditAggregate, requireAnalyticsUse } from './analytics-access.ts';
import { cohortRows } from './cohort.service.ts';
import { cohortOptions } from './criteria-fields.service.ts';
import { loadRunProfiles } from './profile-cache.service.ts';

/**
 * Before/after evaluation of an intervention a saved cohort received, against a matched comparison
 * group (domain/evaluation/: exact on sex, 5-year age band and index month, nearest neighbour on
 * age, risk and prior use within a risk caliper, difference-in-differences with paired t and
 * bootstrap intervals). This service builds the EvaluationInput from the stored data:
 *
 * - Intervention: the people in the cohort now (its criteria over the latest run's profiles), all with
 *   the intervention date as their index date.
 * - Candidates: everyone else with a profile, at the same index date, in the sex and age-band strata
 *   of the cases (the only strata matching can use).
 * - Covariates: age on the index date (from the date of birth) and sex; the risk score is the
 *   predicted risk of an emergency admission stored by the latest run. Prior use is the before window.
 * - Outcomes (population's measureActivityInWindows): A&E attendances, emergency admissions, bed days
 *   and social care cost in the `beforeMonths` months before the index date (ending the day before)
 *   and the `afterMonths` months from it. The after window must end by the latest run's date, the
 *   date the data are complete to.
 *
 * A planning use: analysts and commissioners only, over the people and records the planning rules let
 * them count (opted-out persons and records no planning agreement covers are left out). The result is
 * aggregate; `unmatched` lists cases by number within this evaluation, never by person.
 */
export const EVALUATION_RESOURCE = 'analytics.evaluation';
export const DEFAULT_WINDOW_MONTHS = 6;
export const MAX_WINDOW_MONTHS = 24;

export interface EvaluationRequest {
  cohortId: number;
  interventionDate: string;
  beforeMonths?: number | undefined;
  afterMonths?: number | undefined;
}

/** The same day `months` later (or earlier), on the month's last day when it has no such day. */
export function addMonths(isoDate: string, months: number): string {
  const y = Number(isoDate.slice(0, 4)), m = Number(isoDate.slice(5, 7)) - 1, d = Number(isoDate.slice(8, 10));
  const total = y * 12 + m + months;
  const year = Math.floor(total / 12), month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const toMeasures = (activity: WindowActivity | undefined): OutcomeMeasures => ({
  aeAttendances: activity?.aeAttendances ?? 0,
  emergencyAdmissions: activity?.emergencyAdmissions ?? 0,
  bedDays: activity?.bedDays ?? 0,
  socialCareCostPence: activity?.socialCareCostPence ?? 0,
});

function checkMonths(value: number | undefined, what: string): number {
  const months = value ?? DEFAULT_WINDOW_MONTHS;
  if (!Number.isInteger(months) || months < 1 || months > MAX_WINDOW_MONTHS) {
    throw badRequest('SEAMLESS_ERR_ANALYTICS_EVALUATION_WINDOW', `Months ${what} must be a whole number from 1 to ${MAX_WINDOW_MONTHS} (got ${String(value)}).`);
  }
  return months;
}

export async function evaluateCohortIntervention(scope: Scope, request: EvaluationRequest): Promise<EvaluationView> {
  if (requireAnalyticsUse(scope) !== 'planning') {
    throw new SeamlessError(ANALYTICS_NOT_PERMITTED, 403, 'Evaluating an intervention across the place is a planning use of data: it is for analysts and commissioners.');
  }
  const index = request.interventionDate;
  if (!isIsoDate(index)) throw badRequest('SEAMLESS_ERR_ANALYTICS_BAD_DATE', `'${index}' is not a date (YYYY-MM-DD).`);
  const beforeMonths = checkMonths(request.beforeMonths, 'before');
  const afterMonths = checkMonths(request.afterMonths, 'after');
  const row = await findCohortRow(scope.db, request.cohortId);
  if (!row) throw notFound('SEAMLESS_ERR_ANALYTICS_COHORT_NOT_FOUND', `There is no saved cohort with the id ${request.cohortId}.`);
  const profiles = await loadRunProfiles(scope.db);
  if (!profiles) throw conflict('SEAMLESS_ERR_ANALYTICS_NOT_STRATIFIED', 'The place has not been stratified yet: run seamless stratify first.');
  const before = { from: addMonths(index, -beforeMonths), to: addDays(index, -1) };
  const after = { from: index, to: addDays(addMonths(index, afterMonths), -1) };
  const dataTo = profiles.run.asOf;
  if (after.to > dataTo) {
    throw badRequest('SEAMLESS_ERR_ANALYTICS_EVALUATION_WINDOW',
      `The ${afterMonths}-month window after ${index} runs to ${after.to}, but the data are complete to ${dataTo} (the latest stratification): choose an earlier intervention date or a shorter window.`,
      { afterWindowEnds: after.to, dataTo });
  }

  const cohort = compileCohort({ name: row.name, criteria: JSON.parse(row.criteria) as Criteria, createdBy: row.createdBy }, await cohortOptions(scope));
  const excluded = await aggregateExclusions(scope, profiles);
  const columns = profiles.columns;
  const members = new Set<number>();
  for (const i of cohortRows(profiles, cohort)) if (!excluded.has(columns.personId(i))) members.add(i);
  if (members.size === 0) {
    throw badRequest(EVALUATION_ERRORS.emptyCohort,
      `The cohort '${row.name}' has nobody in it among the people you may count, so there is nothing to evaluate: check its criteria.`);
  }

  const [people, activity] = await Promise.all([
    listPersonsForAggregates(scope),
    measureActivityInWindows(scope, [before, after], { isEmergencyAdmission: isEmergencyAdmissionMethod, isServiceUser }),
  ]);
  const dateOfBirth = new Map(people.map((p) => [p.personId, p]));
  const width = DEFAULT_MATCHING_OPTIONS.ageBandYears!;
  const toPerson = (i: number): EvaluationPerson | null => {
    const personId = columns.personId(i);
    const person = dateOfBirth.get(personId);
    const risk = columns.riskValue(i);
    if (!person || person.dateOfBirth === null || person.dateOfBirth > before.from || risk === null) return null;
    if (person.dateOfDeath !== null && person.dateOfDeath < index) return null;
    const windows = activity.get(personId);
    return {
      personId, indexDate: index, age: ageOn(person.dateOfBirth, index), sex: person.sex as SexCode, riskScore: risk,
      before: toMeasures(windows?.[0]), after: toMeasures(windows?.[1]),
    };
  };
  const intervention: EvaluationPerson[] = [];
  let leftOut = 0;
  for (const i of members) {
    const person = toPerson(i);
    if (person) intervention.push(person);
    else leftOut++;
  }
  const strata = new Set(intervention.map((p) => `${p.sex}|${ageBand(p.age, width)}`));
  const candidates: EvaluationPerson[] = [];
  for (let i = 0; i < columns.length; i++) {
    if (members.has(i) || excluded.has(columns.personId(i))) continue;
    const person = toPerson(i);
    if (person && strata.has(`${person.sex}|${ageBand(person.age, width)}`)) candidates.push(person);
  }

  const result = evaluateIntervention({ intervention, candidates });
  const caseNumber = new Map(intervention.map((p, n) => [p.personId, n + 1]));
  const notes = [
    `The cohort is who meets its criteria on ${dataTo} (the latest stratification), and the risk score matched on is the predicted risk computed then; people who died before that date are not included.`,
    `Before: ${before.from} to ${before.to}. After: ${after.from} to ${after.to}.`,
    ...(leftOut > 0 ? [`${leftOut} people in the cohort were left out: no date of birth, born during the before window, or no predicted risk.`] : []),
    'Cases in the unmatched list are numbered within this evaluation; the numbers are not person identifiers.',
  ];
  await auditAggregate(scope, EVALUATION_RESOURCE, `cohort ${row.id} (${row.versionId}), intervention ${index}, ${beforeMonths}/${afterMonths} months`);
  const { matches: _matches, unmatched, ...rest } = result;
  return {
    ...rest,
    unmatched: unmatched.map((u) => ({ ...u, personId: caseNumber.get(u.personId) ?? 0 })),
    cohort: { id: row.id, name: row.name },
    interventionDate: index,
    windows: { beforeMonths, afterMonths },
    notes,
  };
}
