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
