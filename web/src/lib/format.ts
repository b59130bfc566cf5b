/**
 * Formatting for screens, following the NHS digital service manual's content style: dates as
 * '15 March 1984', numbers with thousands separators, money in pounds.
 */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const count = new Intl.NumberFormat('en-GB');
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const wholePounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return count.format(value);
}

/** 12345 → '£123.45'; whole: true rounds to pounds for headline figures. */
export function formatPence(pence: number, options: { whole?: boolean } = {}): string {
  return (options.whole ? wholePounds : pounds).format(pence / 100);
}

/** Share of a whole as '12.3%'; an empty whole gives '–'. */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '–';
  return `${((part * 100) / whole).toFixed(1)}%`;
}

/** 'YYYY-MM-DD' (or an ISO timestamp) → '15 March 1984'; short: true → '15 Mar 1984'. Unreadable input is returned as it came. */
export function formatDate(iso: string, options: { short?: boolean } = {}): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return iso;
  return `${Number(m[3])} ${options.short ? month.slice(0, 3) : month} ${m[1]}`;
}

/** '1 person', '2 people'. */
export function pluralise(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

/** The day after a 'YYYY-MM-DD' date, in the same form. */
export function nextDay(isoDate: string): string {
  const t = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** An ISO instant as UK wall-clock time: '10 May 2026 at 09:30' (short: '10 May 2026, 09:30'). */
export function formatDateTime(iso: string, options: { short?: boolean } = {}): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const date = formatDate(LONDON_DATE.format(t), options);
  return `${date}${options.short ? ',' : ' at'} ${LONDON_TIME.format(t)}`;
}

/** Today as 'YYYY-MM-DD' in the UK. */
export function todayInUk(now: Date = new Date()): string {
  return LONDON_DATE.format(now);
}
