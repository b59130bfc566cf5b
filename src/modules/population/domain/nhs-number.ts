/**
 * NHS number validation (NHS Data Dictionary, "NHS NUMBER"): ten digits, the tenth a Modulus 11 check
 * digit. Weights 10..2 apply to the first nine digits; check = 11 - (sum mod 11); a result of 11 becomes
 * 0 and a result of 10 means the number is invalid. Pure and isomorphic: the web app uses it too.
 */
export type NhsNumberCheck = { ok: true; nhsNumber: string } | { ok: false; reason: string };

/** Strips the spaces and dashes people type ('943 476 5919', '943-476-5919'). */
export function normaliseNhsNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

export function modulus11CheckDigit(firstNine: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (firstNine.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

export function checkNhsNumber(raw: string): NhsNumberCheck {
  const value = normaliseNhsNumber(raw);
  if (!/^\d{10}$/.test(value)) return { ok: false, reason: `NHS number '${raw.trim().slice(0, 20)}' must be 10 digits` };
  if (/^(\d)\1{9}$/.test(value)) return { ok: false, reason: `NHS number '${value}' is a repeated digit, not a real number` };
  const expected = modulus11CheckDigit(value.slice(0, 9));
  if (expected === undefined || expected !== value.charCodeAt(9) - 48) {
    return { ok: false, reason: `NHS number '${value}' fails the Modulus 11 check digit` };
  }
  return { ok: true, nhsNumber: value };
}

export function isValidNhsNumber(raw: string): boolean {
  return checkNhsNumber(raw).ok;
}

/** Completes nine digits into a valid NHS number, or undefined when no check digit exists (check = 10). */
export function completeNhsNumber(firstNine: string): string | undefined {
  const check = modulus11CheckDigit(firstNine);
  return check === undefined ? undefined : `${firstNine}${check}`;
}

export function formatNhsNumber(nhsNumber: string): string {
  return `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`;
}
