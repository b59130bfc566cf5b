/**
 * What people type into person search, made ready for the API: dates written the British way
 * (27/03/1941, 27-3-1941, 27.03.1941) become 1941-03-27; everything else is passed on trimmed.
 */
export function toApiSearchQuery(text: string): string {
  const q = text.trim().replace(/\s+/g, ' ');
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(q);
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return q;
}
