/** Calendar dates are ISO 'YYYY-MM-DD' strings; instants are ISO strings in UTC. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True when the string is a real calendar date in YYYY-MM-DD form (rejects 2023-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Accepts a date or a date-time and returns the calendar date, or undefined when it is not one. */
export function toIsoDate(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const datePart = trimmed.slice(0, 10);
  if (!isIsoDate(datePart)) return undefined;
  if (trimmed.length > 10 && Number.isNaN(Date.parse(trimmed))) return undefined;
  return datePart;
}

/** Normalises a date-time to an ISO UTC instant, or undefined when it is not one. */
export function toIsoInstant(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (isIsoDate(trimmed)) return `${trimmed}T00:00:00.000Z`;
  if (!isIsoDate(trimmed.slice(0, 10))) return undefined;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b.slice(0, 10)}T00:00:00Z`) - Date.parse(`${a.slice(0, 10)}T00:00:00Z`)) / MS_PER_DAY);
}

/** Age in completed years on a date. */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const by = Number(dateOfBirth.slice(0, 4)), bm = Number(dateOfBirth.slice(5, 7)), bd = Number(dateOfBirth.slice(8, 10));
  const y = Number(onDate.slice(0, 4)), m = Number(onDate.slice(5, 7)), d = Number(onDate.slice(8, 10));
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/**
 * The five-year band of an age in whole years, as the 2013 European Standard Population groups them
 * (0-4 … 85-89, 90+): what planning users see instead of an exact age or date of birth.
 */
export function fiveYearAgeBand(age: number): string {
  if (age >= 90) return '90+';
  const lower = Math.floor(Math.max(0, age) / 5) * 5;
  return `${lower}-${lower + 4}`;
}
