import fs from 'node:fs';
import path from 'node:path';
import type { Activity } from '../domain/activity.ts';
import { activityToFhir, personToPatient } from '../domain/fhir-resources.ts';
import type { Person } from '../domain/person.ts';
import { openBufferedFile, type BufferedFile } from './buffered-file.ts';
import { createCsvExtractWriter } from './csv-extract.writer.ts';
import type { ExtractWriter } from './extract-writer.ts';

/**
 * A writer of FHIR R4 NDJSON in the mapping `seamless import` reads (docs/importing.md): one file per
 * resource type (Patient.ndjson, Encounter.ndjson, Condition.ndjson, Observation.ndjson,
 * MedicationRequest.ndjson, Procedure.ndjson). Adult social care has no FHIR form in Seamless' mapping,
 * so those events go to social_care_events.csv in the same folder, which the importer reads alongside.
 */
export async function createFhirNdjsonWriter(dir: string): Promise<ExtractWriter> {
  await fs.promises.mkdir(dir, { recursive: true });
  const files = new Map<string, BufferedFile>();
  const socialCare = await createCsvExtractWriter(dir, new Set(['social_care_event']));
  let records = 0;
  const fileFor = (type: string): BufferedFile => {
    let file = files.get(type);
    if (!file) files.set(type, (file = openBufferedFile(path.join(dir, `${type}.ndjson`))));
    return file;
  };
  fileFor('Patient');
  return {
    async write(person: Person, activities: readonly Activity[]) {
      const wait = fileFor('Patient').write(`${JSON.stringify(personToPatient(person))}\n`);
      records++;
      if (wait) await wait;
      let social: Activity[] | undefined;
      for (const activity of activities) {
        const resources = activityToFhir(person, activity);
        if (resources === undefined) { (social ??= []).push(activity); continue; }
        for (const { type, resource } of resources) {
          const w = fileFor(type).write(`${JSON.stringify(resource)}\n`);
          if (w) await w;
        }
        records++;
      }
      if (social) await socialCare.write(person, social);
    },
    async close() {
      for (const file of files.values()) await file.close();
      const csv = await socialCare.close();
      return { files: [...files.values()].map((f) => f.path).concat(csv.files), records: records + csv.records };
    },
  };
}
