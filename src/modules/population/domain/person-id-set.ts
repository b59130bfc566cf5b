/**
 * A set of person ids as compact text, for the activity change log: the ids ascending, each written
 * as its difference from the one before in base 36, comma-separated ("a,1,1,2s" is 10, 11, 12, 112).
 * A batch of a few thousand persons in id order costs two or three characters each.
 */
export function encodePersonIdSet(ids: Iterable<number>): string {
  return encodeSortedPersonIds(uniqueSortedPersonIds(ids));
}

/** The ids once each, ascending: what encodeSortedPersonIds takes. */
export function uniqueSortedPersonIds(ids: Iterable<number>): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** encodePersonIdSet for ids already unique and ascending (a caller that also needs their count). */
export function encodeSortedPersonIds(sorted: readonly number[]): string {
  let previous = 0;
  const parts: string[] = new Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const id = sorted[i]!;
    if (!Number.isSafeInteger(id) || id <= previous) throw new RangeError(`A person id must be a positive integer, in ascending order and once, got ${id}.`);
    parts[i] = (id - previous).toString(36);
    previous = id;
  }
  return parts.join(',');
}

/** The ids of encodePersonIdSet's text, ascending. */
export function decodePersonIdSet(text: string): number[] {
  if (text === '') return [];
  const ids: number[] = [];
  let previous = 0;
  for (const part of text.split(',')) {
    const delta = parseInt(part, 36);
    if (!Number.isSafeInteger(delta) || delta <= 0) throw new RangeError(`'${part}' is not a step of a person id set.`);
    previous += delta;
    ids.push(previous);
  }
  return ids;
}
