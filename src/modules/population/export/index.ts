/** Extract writers: CSV in the documented layouts and FHIR R4 NDJSON, both readable by `seamless import`. */
export type { ExtractWriter } from './extract-writer.ts';
export { createCsvExtractWriter } from './csv-extract.writer.ts';
export { createFhirNdjsonWriter } from './fhir-ndjson.writer.ts';
