import { SeamlessError } from '../../../kernel/errors.ts';
import type { ExtractWriter } from './extract-writer.ts';

/** FHIR R4 NDJSON, one file per resource type (Patient.ndjson, Encounter.ndjson, ...) in dir. Being written. */
export async function createFhirNdjsonWriter(dir: string): Promise<ExtractWriter> {
  throw new SeamlessError('SEAMLESS_ERR_POPULATION_NOT_READY', 501, `FHIR NDJSON writer is not ready yet (${dir})`);
}
