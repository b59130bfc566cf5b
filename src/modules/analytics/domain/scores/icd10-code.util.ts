/**
 * ICD-10 codes as the score definitions match them: trimmed, upper case, without the dot or spaces.
 * 'f00.1', 'F001', ' F00.1 ' and 'F00X' all start with the category F00.
 *
 * This is deliberately lighter than `normaliseIcd10` in kernel/codes.ts: the score definitions only
 * ever look at a code's first three or four characters (HFRS categories, Charlson prefixes), so the HES
 * 'X' filler and dagger/asterisk suffixes need no special handling, and the per-person loop must not run
 * regular expressions or allocate. Codes that are already normalised (as the import stores them) are
 * returned as they are.
 */

/** True for 'A'–'Z' and '0'–'9'. */
function isUpperAlphanumeric(ch: number): boolean {
  return (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57);
}

/**
 * The code upper-cased, with dots, spaces and tabs removed, up to the first other character (the '-',
 * '*' or '+' some sources append): 'e11.9-' → 'E119'.
 */
export function normaliseIcd10ForMatching(raw: string): string {
  let clean = true;
  for (let i = 0; i < raw.length; i++) {
    if (!isUpperAlphanumeric(raw.charCodeAt(i))) { clean = false; break; }
  }
  if (clean) return raw;
  let out = '';
  const upper = raw.toUpperCase();
  for (let i = 0; i < upper.length; i++) {
    const ch = upper.charCodeAt(i);
    if (ch === 46 /* . */ || ch === 32 /* space */ || ch === 9 /* tab */) continue;
    if (!isUpperAlphanumeric(ch)) break;
    out += upper[i];
  }
  return out;
}

/*
 * Numeric keys for table lookups in the per-person loop: the first three significant characters of a
 * code as a base-36 number (0–9 then A–Z, case folded), so a category lookup is one typed-array read
 * with no string slicing, hashing or allocation.
 */

/** How many distinct 3-character keys there are (36³). */
export const ICD10_KEY3_COUNT = 36 * 36 * 36;
/** How many distinct 4-character keys there are (36⁴). */
export const ICD10_KEY4_COUNT = ICD10_KEY3_COUNT * 36;

/** A character's base-36 digit (case folded), -2 for a character to skip (dot, space, tab), -1 for any other. */
function keyDigit(ch: number): number {
  if (ch >= 48 && ch <= 57) return ch - 48;
  if (ch >= 65 && ch <= 90) return ch - 55;
  if (ch >= 97 && ch <= 122) return ch - 87;
  return ch === 46 || ch === 32 || ch === 9 ? -2 : -1;
}

/**
 * The first four significant characters of a code packed into one number: key3 × 37 + (fourth digit +
 * 1), with 0 when the code has only three. Dots, spaces and tabs are skipped; any other character (the
 * '-', '*' or '+' some sources append) ends the code. -1 when the code has fewer than three characters.
 * Read it with key3Of and fourthOf.
 */
export function icd10PrefixKey(raw: string): number {
  let key3 = 0, read = 0, fourth = 0;
  for (let i = 0; i < raw.length; i++) {
    const digit = keyDigit(raw.charCodeAt(i));
    if (digit === -2) continue;
    if (digit === -1) break;
    if (read < 3) key3 = key3 * 36 + digit;
    else { fourth = digit + 1; break; }
    read++;
  }
  return read < 3 ? -1 : key3 * 37 + fourth;
}

/** The 3-character key (0 to 36³ − 1) of a prefix key. */
export function key3Of(prefixKey: number): number {
  return (prefixKey / 37) | 0;
}

/** The fourth character's digit + 1 of a prefix key, 0 when the code has three characters. */
export function fourthOf(prefixKey: number): number {
  return prefixKey % 37;
}
