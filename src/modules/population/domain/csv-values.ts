
/**
 * Reading single values as partners' extracts write them. Each reader returns the normalised value or
 * a reason written for the person who has to fix the file ("admission_date '2031-01-01' is in the
 * future"). Pure and allocation-light: these run once per field of every imported row.
 */
export type ValueResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): ValueResult<T> => ({ ok: true, value });
const fail = (reason: string): ValueResult<never> => ({ ok: false, reason });

/** Shows a value inside a reason, shortened so a reason never carries a whole row. */
export function quoteValue(raw: string): string {
  const trimmed = raw.trim();
  return `'${trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed}'`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1000;
}

/**
 * True for a real calendar date written 'YYYY-MM-DD' (rejects 2023-02-30). The same rule as the
 * kernel's isIsoDate, without a regular expression or a Date: it runs for every date of every row.
 */
export function isIsoDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0);
}

const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const EARLIEST_DATE = '1900-01-01';

/**
 * A calendar date as 'YYYY-MM-DD'. Accepts ISO dates, ISO date-times (the date part is kept) and the
 * UK 'DD/MM/YYYY' that spreadsheets write. Rejects impossible dates, dates before 1900 and dates after
 * `today`.
 */
export function readDate(raw: string, column: string, today: string): ValueResult<string> {
  let value = raw;
  if (raw.length > 10 && raw.charCodeAt(4) === 45 && (raw.charCodeAt(10) === 84 || raw.charCodeAt(10) === 32)) value = raw.slice(0, 10);
  if (!isIsoDate(value)) {
    const uk = UK_DATE.exec(raw);
    if (!uk) return fail(`${column} ${quoteValue(raw)} is not a date (use YYYY-MM-DD)`);
    value = `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`;
    if (!isIsoDate(value)) return fail(`${column} ${quoteValue(raw)} is not a date (use YYYY-MM-DD)`);
  }
  if (value > today) return fail(`${column} ${quoteValue(raw)} is in the future`);
  if (value < EARLIEST_DATE) return fail(`${column} ${quoteValue(raw)} is before 1900`);
  return ok(value);
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const UK_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * An instant as an ISO UTC string ('2024-03-01T10:15:00.000Z'). Accepts ISO date-times with or without
 * a zone (no zone is read as UTC), 'DD/MM/YYYY HH:MM' and a bare date (midnight). Rejects instants
 * on a date after `now`'s date, and before 1900.
 */
export function readInstant(raw: string, column: string, nowIso: string): ValueResult<string> {
  let iso = utcInstantFast(raw);
  const m = iso === undefined ? DATE_TIME.exec(raw) : null;
  if (iso !== undefined) {
    // already an ISO UTC instant
  } else if (m) {
    if (!isIsoDate(m[1]!)) return fail(`${column} ${quoteValue(raw)} is not a date-time (use YYYY-MM-DDTHH:MM:SSZ)`);
    const zone = m[6] === undefined ? 'Z' : m[6].length === 5 ? `${m[6].slice(0, 3)}:${m[6].slice(3)}` : m[6];
    const ms = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}${m[5] ?? ''}${zone}`);
    if (!Number.isNaN(ms) && Number(m[2]) < 24) iso = new Date(ms).toISOString();
  } else if (raw.length === 10 && isIsoDate(raw)) {
    iso = `${raw}T00:00:00.000Z`;
  } else {
    const uk = UK_DATE_TIME.exec(raw);
    if (uk) {
      const date = `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`;
      if (isIsoDate(date) && Number(uk[4]) < 24 && Number(uk[5]) < 60) iso = `${date}T${uk[4]}:${uk[5]}:${uk[6] ?? '00'}.000Z`;
    } else {
      const ukDate = UK_DATE.exec(raw);
      if (ukDate) {
        const date = `${ukDate[3]}-${ukDate[2]!.padStart(2, '0')}-${ukDate[1]!.padStart(2, '0')}`;
        if (isIsoDate(date)) iso = `${date}T00:00:00.000Z`;
      }
    }
  }
  if (iso === undefined) return fail(`${column} ${quoteValue(raw)} is not a date-time (use YYYY-MM-DDTHH:MM:SSZ)`);
  // Compared by date: an extract made 'as at' today may carry later times of today (and UK local time
  // runs an hour ahead of UTC in summer), so only a later date counts as the future.
  if (iso.slice(0, 10) > nowIso.slice(0, 10)) return fail(`${column} ${quoteValue(raw)} is in the future`);
  if (iso < EARLIEST_DATE) return fail(`${column} ${quoteValue(raw)} is before 1900`);
  return ok(iso);
}

function twoDigits(text: string, at: number, max: number): boolean {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 && a * 10 + b <= max;
}

/** The common UTC forms ('…T10:15:00Z', '…T10:15:00.000Z', '…T10:15:00+00:00') without a regex or a Date. */
function utcInstantFast(raw: string): string | undefined {
  const len = raw.length;
  if (len < 20 || raw.charCodeAt(10) !== 84 || raw.charCodeAt(13) !== 58 || raw.charCodeAt(16) !== 58) return undefined;
  if (!twoDigits(raw, 11, 23) || !twoDigits(raw, 14, 59) || !twoDigits(raw, 17, 59) || !isIsoDate(raw.slice(0, 10))) return undefined;
  if (len === 20 && raw.charCodeAt(19) === 90) return `${raw.slice(0, 19)}.000Z`;
  if (len === 25 && raw.endsWith('+00:00')) return `${raw.slice(0, 19)}.000Z`;
  if (len === 24 && raw.charCodeAt(19) === 46 && raw.charCodeAt(23) === 90 && /^\d{3}$/.test(raw.slice(20, 23))) return raw;
  return undefined;
}

/** Money in pounds ('1234.5', '£1,234.50') as integer pence; never negative for activity costs. */
export function readPounds(raw: string, column: string): ValueResult<number> {
  const cleaned = raw.charCodeAt(0) === 163 || raw.includes(',') ? raw.replace(/^£/, '').replace(/,/g, '') : raw;
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) {
    if (/^-\d/.test(cleaned)) return fail(`${column} ${quoteValue(raw)} is negative`);
    return fail(`${column} ${quoteValue(raw)} is not an amount in pounds (e.g. 1234.50)`);
  }
  const dot = cleaned.indexOf('.');
  if (dot < 0) return ok(Number(cleaned) * 100);
  return ok(Number(cleaned.slice(0, dot)) * 100 + Number(cleaned.slice(dot + 1).padEnd(2, '0')));
}

/** A whole number within [min, max]. */
export function readWholeNumber(raw: string, column: string, min: number, max: number): ValueResult<number> {
  if (!/^\d+$/.test(raw)) return fail(`${column} ${quoteValue(raw)} is not a whole number`);
  const value = Number(raw);
  if (value < min || value > max) return fail(`${column} ${quoteValue(raw)} is outside ${min}–${max}`);
  return ok(value);
}

/** A decimal number (measurements, units per week). */
export function readNumber(raw: string, column: string): ValueResult<number> {
  const value = Number(raw);
  if (raw === '' || !Number.isFinite(value)) return fail(`${column} ${quoteValue(raw)} is not a number`);
  return ok(value);
}

/**
 * A fixed list of allowed values matched case- and space-insensitively, returning the canonical
 * spelling. CLD returns write the same value in different cases ('Service User', 'Service user').
 */
export interface ValueList {
  readonly name: string;
  readonly canonical: ReadonlyMap<string, string>;
  /** A partial list: values not on it are kept as written instead of rejected. */
  readonly open: boolean;
  /** A few allowed values to quote in reasons. */
  readonly examples: readonly string[];
}

export function valueKey(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Later values win on a case-insensitive clash: list the preferred (current) spelling last. */
export function buildValueList(name: string, values: Iterable<string>, open = false): ValueList {
  const canonical = new Map<string, string>();
  for (const value of values) canonical.set(valueKey(value), value);
  const examples = [...new Set(canonical.values())].slice(0, 3);
  return { name, canonical, examples, open };
}

export function readListValue(raw: string, column: string, list: ValueList): ValueResult<string> {
  const value = list.canonical.get(valueKey(raw));
  if (value !== undefined) return ok(value);
  if (list.open) return ok(raw.trim().replace(/\s+/g, ' '));
  return fail(`${column} ${quoteValue(raw)} is not a known ${list.name} value (e.g. ${list.examples.map((e) => `'${e}'`).join(', ')})`);
}

/**
 * A fast, non-cryptographic 64-bit hash (two FNV-1a-style 32-bit lanes) as 16 hex characters. Used for
 * record keys of rows that have no record id: collisions would need two different rows for the same
 * person in the same table to collide, which at 2^-64 does not happen.
 */
export function hashText(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/**
 * A copy of a string that does not keep the text it was cut from alive. V8 represents a substring of
 * 13 characters or more as a view into its parent, so a code kept in a long-lived map would otherwise
 * pin a whole 1 MB read chunk in memory; memory must stay flat however large the file.
 */
export function ownString(text: string): string {
  return text.length < 13 ? text : (` ${text}`).slice(1);
}
