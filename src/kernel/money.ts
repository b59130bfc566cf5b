/** Money is integer pence everywhere; these convert at the edges (CSV, screens). */

const POUNDS = /^-?\d+(\.\d{1,2})?$/;

/** Parses '1234.5' or '£1,234.50' into pence; undefined when it is not an amount of money. */
export function poundsToPence(value: string | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  const cleaned = value.trim().replace(/^£/, '').replace(/,/g, '');
  if (!POUNDS.test(cleaned)) return undefined;
  const negative = cleaned.startsWith('-');
  const [whole = '0', frac = ''] = cleaned.replace('-', '').split('.');
  const pence = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return negative ? -pence : pence;
}

export function formatPence(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${sign}£${pounds}.${String(abs % 100).padStart(2, '0')}`;
}
