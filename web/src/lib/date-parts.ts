/**
 * Dates typed into the NHS date input (day, month and year boxes) and the ISO 'YYYY-MM-DD' the API
 * takes, with the NHS service manual's error messages.
 */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

export function toDateParts(iso: string | null | undefined): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? { year: m[1]!, month: String(Number(m[2])), day: String(Number(m[3])) } : { ...EMPTY_DATE };
}

export type DatePartsResult = { ok: true; iso: string } | { ok: false; error: string };

/** what: the field's name in the message, lower case after the first word ('start date'). */
export function parseDateParts(parts: DateParts, what: string): DatePartsResult {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  const label = what[0]!.toUpperCase() + what.slice(1);
  if (!day && !month && !year) return { ok: false, error: `Enter the ${what}` };
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean) as string[];
  if (missing.length) return { ok: false, error: `${label} must include a ${missing.join(' and ')}` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { ok: false, error: `${label} must be a real date` };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const t = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso) return { ok: false, error: `${label} must be a real date` };
  return { ok: true, iso };
}
