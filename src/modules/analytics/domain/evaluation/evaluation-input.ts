import { isIsoDate } from '../../../../kernel/dates.ts';
import { badRequest } from '../../../../kernel/errors.ts';
import type { SexCode } from '../person-facts.ts';

/**
 * What a before/after evaluation of an intervention reads: the people who received it and the people
 * who might serve as their comparison, each reduced to plain numbers measured around an index date.
 * The store layer builds these rows from the linked activity; everything in `evaluation/` is pure.
 *
 * ## Windows
 * The caller chooses the windows (typically 182 days before and 182 days after) and measures every
 * row with the same ones: the before window ends the day before the index date, the after window starts
 * on the index date (or after a wash-out the caller applies to everyone alike). Activity is counted in
 * the window it starts in; bed days are the days of each spell that fall inside the window. People who
 * died, moved away or left the GP list before the index date are left out by the caller; a death in the
 * after window is not (leaving them out would bias the after period towards survivors).
 *
 * ## Index dates
 * An intervention person's index date is the day the intervention started for them.
 *
 * A comparison candidate is one person *observed at one index date*: the date their before and after
 * windows are measured around. The caller builds candidate rows at the index dates of the intervention
 * cohort, because a case should only be compared with someone observed over the same calendar windows
 * (winter pressures, service changes and coding changes then affect both alike):
 * - every case started in the same month (a programme launch): one row per candidate person, at that
 *   month's first case's date (or the launch date);
 * - staggered starts: one row per candidate person for each distinct month in which cases started,
 *   dated the first of that month (or the median case date of that month).
 * Matching is exact on the index month by default (`indexPeriod` in matching.ts), so a case is matched
 * to a row from its own month, and a candidate person is used at most once across all their rows.
 * People who received the intervention are never used as comparisons, whatever their rows say.
 *
 * ## Covariates
 * Age, sex and a risk score are taken on the index date. "Prior use" is the before-window outcomes
 * themselves, so matching on it compares like with like on the baseline the difference-in-differences
 * subtracts, which is the main defence against regression to the mean: people picked for an
 * intervention at a peak of use fall back towards average whatever is done (Roland and Abel, BMJ
 * 2012;345:e6017).
 */

/** The outcomes measured in each window. Counts are whole numbers; money is integer pence. */
export const EVALUATION_OUTCOMES = ['aeAttendances', 'emergencyAdmissions', 'bedDays', 'socialCareCostPence'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

/** Plain-language names for tables and charts. */
export const EVALUATION_OUTCOME_LABELS: Readonly<Record<EvaluationOutcome, string>> = {
  aeAttendances: 'A&E attendances',
  emergencyAdmissions: 'Emergency admissions',
  bedDays: 'Hospital bed days',
  socialCareCostPence: 'Social care cost (pence)',
};

/** One window's outcomes for one person: non-negative integers (pence for social care cost). */
export type OutcomeMeasures = Record<EvaluationOutcome, number>;

export interface EvaluationPerson {
  /** Pseudonymised person key. Ties in matching are broken by this, so results never depend on input order. */
  personId: number;
  /** The date the windows are measured around (ISO date); see "Index dates" above. */
  indexDate: string;
  /** Age in whole years on the index date. People with an unknown date of birth are left out by the caller. */
  age: number;
  /** NHS Data Dictionary PERSON STATED GENDER CODE; matching is exact on it. */
  sex: SexCode;
  /**
   * A risk score on the index date on one scale for everyone, e.g. the predicted probability of an
   * emergency admission in the next 12 months (0–1). Candidates are searched in order of it.
   */
  riskScore: number;
  /** The before window's outcomes: also the "prior use" matching covariates. */
  before: OutcomeMeasures;
  /** The after window's outcomes. */
  after: OutcomeMeasures;
}

export interface EvaluationInput {
  /** The people who received the intervention, one row each. */
  intervention: readonly EvaluationPerson[];
  /** Comparison candidates: one row per person per index date they are observed at. */
  candidates: readonly EvaluationPerson[];
}

export const EVALUATION_ERRORS = {
  emptyCohort: 'SEAMLESS_ERR_ANALYTICS_EVALUATION_EMPTY_COHORT',
  noCandidates: 'SEAMLESS_ERR_ANALYTICS_EVALUATION_NO_CANDIDATES',
  noMatches: 'SEAMLESS_ERR_ANALYTICS_EVALUATION_NO_MATCHES',
  invalidPerson: 'SEAMLESS_ERR_ANALYTICS_EVALUATION_INVALID_PERSON',
  invalidOptions: 'SEAMLESS_ERR_ANALYTICS_EVALUATION_INVALID_OPTIONS',
} as const;

const SEX_CODES: ReadonlySet<string> = new Set(['1', '2', '9', 'X']);

/**
 * Checks the input before anything is computed, so a bad row is reported by who and what rather than
 * surfacing as NaN in a table. Throws SEAMLESS_ERR_ANALYTICS_EVALUATION_* (status 400):
 * EMPTY_COHORT when nobody received the intervention, NO_CANDIDATES when there is nobody to compare
 * with (after leaving out the intervention cohort itself), INVALID_PERSON for a malformed row or an
 * intervention person listed twice.
 */
export function validateEvaluationInput(input: EvaluationInput): void {
  if (input.intervention.length === 0) {
    throw badRequest(
      EVALUATION_ERRORS.emptyCohort,
      'The intervention cohort is empty: there is nobody to evaluate. Check the cohort definition and the intervention start dates.',
    );
  }
  const checkedDates = new Set<string>();
  const interventionIds = new Set<number>();
  for (let index = 0; index < input.intervention.length; index++) {
    const person = input.intervention[index]!;
    const problem = findProblem(person, checkedDates);
    if (problem !== null) throw invalidPerson(person, 'intervention', index, problem);
    if (interventionIds.has(person.personId)) {
      throw invalidPerson(person, 'intervention', index, 'appears more than once in the intervention cohort; give each person one row, at their first intervention start');
    }
    interventionIds.add(person.personId);
  }
  let usable = 0;
  for (let index = 0; index < input.candidates.length; index++) {
    const person = input.candidates[index]!;
    const problem = findProblem(person, checkedDates);
    if (problem !== null) throw invalidPerson(person, 'candidates', index, problem);
    if (!interventionIds.has(person.personId)) usable++;
  }
  if (usable === 0) {
    throw badRequest(
      EVALUATION_ERRORS.noCandidates,
      input.candidates.length === 0
        ? 'There are no comparison candidates: a before/after change cannot be attributed to the intervention without a comparison group.'
        : 'Every comparison candidate also received the intervention: there is nobody left to compare with.',
      { candidates: input.candidates.length },
    );
  }
}

function invalidPerson(person: EvaluationPerson, group: 'intervention' | 'candidates', index: number, problem: string) {
  return badRequest(EVALUATION_ERRORS.invalidPerson, `Row ${index} of ${group} (person ${String(person.personId)}): ${problem}.`, {
    group,
    index,
    personId: person.personId,
  });
}

/** What is wrong with a row, or null. Runs once per candidate, so it allocates nothing on the happy path. */
function findProblem(person: EvaluationPerson, checkedDates: Set<string>): string | null {
  if (!Number.isSafeInteger(person.personId)) return 'the person key is not an integer';
  if (!checkedDates.has(person.indexDate)) {
    if (typeof person.indexDate !== 'string' || !isIsoDate(person.indexDate)) return 'the index date is not a YYYY-MM-DD date';
    checkedDates.add(person.indexDate);
  }
  if (!Number.isInteger(person.age) || person.age < 0 || person.age > 130) return 'age is not a whole number of years between 0 and 130';
  if (!SEX_CODES.has(person.sex)) return "sex is not one of '1', '2', '9', 'X'";
  if (!Number.isFinite(person.riskScore)) return 'the risk score is not a number';
  for (const window of WINDOWS) {
    const measures = person[window];
    if (measures === null || typeof measures !== 'object') return `the ${window} outcomes are missing`;
    for (const outcome of EVALUATION_OUTCOMES) {
      const value = measures[outcome];
      if (!Number.isSafeInteger(value) || value < 0) {
        return `${window}.${outcome} is ${String(value)}, not a whole number of zero or more${outcome === 'socialCareCostPence' ? ' (money is integer pence)' : ''}`;
      }
    }
  }
  return null;
}

const WINDOWS = ['before', 'after'] as const;
