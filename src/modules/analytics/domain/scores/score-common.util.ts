import { SeamlessError } from '../../../../kernel/errors.ts';

/**
 * What the score definitions share: the hospital spell shape they read, look-back windows on ISO
 * dates, and the error a malformed definition table raises.
 *
 * Dates are ISO 'YYYY-MM-DD' strings and are compared as strings (cheap, and correct for that form);
 * a date-time is cut to its date. Callers validate dates at the boundary (import, CLI, API), so the
 * per-person functions do not re-check them.
 *
 * Look-back windows are half-open on the left: "the two years up to and including D" is every day
 * after D minus two calendar years, up to and including D. So with D = 2026-03-10 a spell admitted on
 * 2024-03-11 is inside and one admitted on 2024-03-10 is outside: the window is exactly two calendar
 * years long, with no extra boundary day. 29 February minus a whole number of years is 28 February when
 * the target year is not a leap year; a month subtraction that lands past the end of a month is clamped
 * to its last day (31 August minus 6 months is 28 or 29 February).
 */

/** A hospital provider spell as the ICD-10 based scores read it (a population ApcSpell fits). */
export interface DiagnosedSpell {
  /** Admission date (ISO). */
  admissionDate: string;
  /** ICD-10 codes in any diagnosis position, with or without dots, in any case. */
  diagnoses: readonly string[];
}

export const SCORE_DEFINITION_ERROR = 'SEAMLESS_ERR_ANALYTICS_SCORE_DEFINITION';

/** A definition table that cannot be used as published: a server configuration error, never the user's. */
export function scoreDefinitionError(definition: string, message: string, details?: Record<string, unknown>): SeamlessError {
  return new SeamlessError(SCORE_DEFINITION_ERROR, 500, `${definition} definition: ${message}`, details);
}

/** The calendar date part of an ISO date or date-time. */
export function isoDay(value: string): string {
  return value.length === 10 ? value : value.slice(0, 10);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Days since 1970-01-01 of an ISO date, by integer arithmetic (no Date object, no time zone). */
export function dayNumber(isoDate: string): number {
  let year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7)), day = Number(isoDate.slice(8, 10));
  // Days from civil: count years from 1 March so the leap day is the last day of the year.
  if (month <= 2) year -= 1;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The ISO date of a day number (inverse of dayNumber). */
export function dateOfDayNumber(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return formatDate(yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

/** Whole days from a to b (b − a) for ISO dates or date-times (their calendar days). */
export function daysFromTo(a: string, b: string): number {
  return dayNumber(isoDay(b)) - dayNumber(isoDay(a));
}

/*
 * Window starts are computed for every person, and in a stratification run every person has the same
 * index date, so the last result per shift is remembered (one entry each; a pure function's result).
 */
const lastMonthsDate: string[] = [], lastMonthsResult: string[] = [];
const lastDaysDate: string[] = [], lastDaysResult: string[] = [];

/** The same calendar day `months` months earlier, clamped to the end of a shorter month. */
export function subtractMonths(isoDate: string, months: number): string {
  if (!Number.isInteger(months) || months < 0) throw new RangeError(`a look-back must be a whole, non-negative number of months (got ${months})`);
  if (lastMonthsDate[months] === isoDate) return lastMonthsResult[months]!;
  let year = Number(isoDate.slice(0, 4));
  let month = Number(isoDate.slice(5, 7)) - months;
  const day = Number(isoDate.slice(8, 10));
  while (month < 1) { month += 12; year -= 1; }
  while (month > 12) { month -= 12; year += 1; }
  const result = formatDate(year, month, Math.min(day, daysInMonth(year, month)));
  lastMonthsDate[months] = isoDate;
  lastMonthsResult[months] = result;
  return result;
}

/** The same calendar day `years` years earlier (29 February → 28 February in a common year). */
export function subtractYears(isoDate: string, years: number): string {
  return subtractMonths(isoDate, years * 12);
}

/** The date `days` days earlier. */
export function subtractDays(isoDate: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`a look-back must be a whole, non-negative number of days (got ${days})`);
  if (lastDaysDate[days] === isoDate) return lastDaysResult[days]!;
  const result = dateOfDayNumber(dayNumber(isoDate) - days);
  lastDaysDate[days] = isoDate;
  lastDaysResult[days] = result;
  return result;
}

/** True when the day of `date` is after `startExclusive` and on or before `endInclusive`. */
export function isInWindow(date: string, startExclusive: string, endInclusive: string): boolean {
  const day = isoDay(date);
  return day > startExclusive && day <= endInclusive;
}
