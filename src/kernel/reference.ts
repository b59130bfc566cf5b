import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * Published code lists and tables shipped in reference/ (sources in reference/README.md).
 * Read once per process and cached; files are small.
 */
export const REFERENCE_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../reference');

const cache = new Map<string, Record<string, string>[]>();

export function readReferenceCsv(name: string): Record<string, string>[] {
  let rows = cache.get(name);
  if (!rows) {
    const text = fs.readFileSync(path.join(REFERENCE_DIR, name), 'utf8');
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
    cache.set(name, rows);
  }
  return rows;
}

/** code → meaning for the simple code/meaning lists (APC admission method, discharge destination …). */
export function readCodeMeanings(name: string): Map<string, string> {
  return new Map(readReferenceCsv(name).map((r) => [r.code!, r.meaning!]));
}
