import fs from 'node:fs';
import path from 'node:path';
import type { Activity, ActivityKind } from '../domain/activity.ts';
import type { Person } from '../domain/person.ts';
import {
  activityToCsvValues, CSV_LAYOUTS, LAYOUT_OF_KIND, personToCsvValues, type CsvLayoutName,
} from '../domain/csv-layouts.ts';
import { formatCsvField } from '../domain/csv-reader.ts';
import { openBufferedFile, type BufferedFile } from './buffered-file.ts';
import type { ExtractWriter } from './extract-writer.ts';

/** One CSV line from values, quoting only where RFC 4180 needs it. */
export function formatCsvLine(values: readonly string[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : ',') + formatCsvField(values[i]!);
  return `${line}\n`;
}

/**
 * A writer of CSV files in the layouts `seamless import` reads (docs/importing.md): persons.csv plus
 * one file per activity layout (gp_events.csv, apc_spells.csv, …), each opened when its first row
 * comes. Optionally only some kinds are written (the FHIR writer uses it for social care).
 */
export async function createCsvExtractWriter(dir: string, kinds?: ReadonlySet<ActivityKind | 'person'>): Promise<ExtractWriter> {
  await fs.promises.mkdir(dir, { recursive: true });
  const files = new Map<CsvLayoutName, BufferedFile>();
  let records = 0;
  const fileFor = (name: CsvLayoutName): BufferedFile => {
    let file = files.get(name);
    if (!file) {
      file = openBufferedFile(path.join(dir, `${name}.csv`));
      void file.write(formatCsvLine(CSV_LAYOUTS.get(name)!.writerColumns));
      files.set(name, file);
    }
    return file;
  };
  const writePersons = !kinds || kinds.has('person');
  if (writePersons) fileFor('persons');
  return {
    async write(person: Person, activities: readonly Activity[]) {
      if (writePersons) {
        const wait = fileFor('persons').write(formatCsvLine(personToCsvValues(person)));
        records++;
        if (wait) await wait;
      }
      for (const activity of activities) {
        if (kinds && !kinds.has(activity.kind)) continue;
        const wait = fileFor(LAYOUT_OF_KIND[activity.kind]).write(formatCsvLine(activityToCsvValues(person, activity)));
        records++;
        if (wait) await wait;
      }
    },
    async close() {
      for (const file of files.values()) await file.close();
      return { files: [...files.values()].map((f) => f.path), records };
    },
  };
}
