import { badRequest, type SeamlessError } from '../../../../kernel/errors.ts';

/**
 * Input checks shared by the public-health statistics. Every refusal is a SeamlessError (status 400)
 * whose message names the value and what was wrong, so the CLI and the API can show it as it is.
 */
export const STATS_ERR_INVALID_NUMBER = 'SEAMLESS_ERR_ANALYTICS_INVALID_NUMBER';
export const STATS_ERR_ZERO_POPULATION = 'SEAMLESS_ERR_ANALYTICS_ZERO_POPULATION';
export const STATS_ERR_AGE_BANDS = 'SEAMLESS_ERR_ANALYTICS_AGE_BANDS';
export const STATS_ERR_CONFIDENCE = 'SEAMLESS_ERR_ANALYTICS_CONFIDENCE_LEVEL';
export const STATS_ERR_METHOD = 'SEAMLESS_ERR_ANALYTICS_CI_METHOD';

export function statsError(code: string, message: string, details?: Record<string, unknown>): SeamlessError {
  return badRequest(code, message, details);
}

/** An observed count: a finite, whole, non-negative number. `what` names it in the message (e.g. "events in band 0-4"). */
export function checkCount(value: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw statsError(STATS_ERR_INVALID_NUMBER, `${what} must be a number, not ${String(value)}`, { what, value });
  if (value < 0) throw statsError(STATS_ERR_INVALID_NUMBER, `${what} must not be negative (got ${value})`, { what, value });
  if (!Number.isInteger(value)) throw statsError(STATS_ERR_INVALID_NUMBER, `${what} must be a whole number of events (got ${value})`, { what, value });
  return value;
}

/**
 * A denominator (people or person-years): finite and greater than zero. Fractions are allowed, since
 * person-years and averaged mid-year populations need not be whole.
 */
export function checkPopulation(value: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw statsError(STATS_ERR_INVALID_NUMBER, `${what} must be a number, not ${String(value)}`, { what, value });
  if (value < 0) throw statsError(STATS_ERR_INVALID_NUMBER, `${what} must not be negative (got ${value})`, { what, value });
  if (value === 0) throw statsError(STATS_ERR_ZERO_POPULATION, `${what} is 0: a rate needs a population greater than 0`, { what });
  return value;
}
