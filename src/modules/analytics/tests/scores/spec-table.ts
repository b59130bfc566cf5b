/**
 * ehrQL-style spec tables: a few literal rows as a text table, so a clinician can check a definition
 * without reading the engine. The first line is the header; cells are separated by '|' (no outer
 * '|'); separator lines ('---|---') are skipped; a cell may be empty.
 */
export type SpecRow = Record<string, string>;

export function specTable(text: string): SpecRow[] {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !/^[-|:\s]+$/.test(line));
  const cells = (line: string) => line.split('|').map((cell) => cell.trim());
  const [header, ...rows] = lines;
  if (header === undefined) return [];
  const columns = cells(header);
  return rows.map((line) => {
    const values = cells(line);
    if (values.length !== columns.length) throw new Error(`spec row '${line}' has ${values.length} cells; the header has ${columns.length}`);
    return Object.fromEntries(columns.map((column, i) => [column, values[i]!]));
  });
}

/** Rows grouped by a column, in first-seen order. */
export function groupBy(rows: readonly SpecRow[], column: string): Map<string, SpecRow[]> {
  const groups = new Map<string, SpecRow[]>();
  for (const row of rows) {
    const key = row[column]!;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [row]);
    else group.push(row);
  }
  return groups;
}

/** A space-separated list cell ('F00 R26') as its items; empty for an empty cell. */
export function listCell(cell: string | undefined): string[] {
  return cell === undefined || cell === '' ? [] : cell.split(/\s+/);
}

/** A small seeded PRNG (mulberry32) so property tests are repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of the items in a random order (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
