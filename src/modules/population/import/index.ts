/** Importers of linked population data: CSV extracts and FHIR R4 (Bundle JSON, NDJSON). */
export {
  DEFAULT_IMPORT_BATCH_SIZE, DEFAULT_PERSONS_BATCH_SIZE, importFiles, sha256File, type ImportOptions, type ImportSummary, type FileImportSummary, type FileImportStatus,
} from './import-runner.ts';
export { createPersonResolver, type PersonResolver, type ResolvedPerson, type ResolverStats } from './person-resolver.ts';
export { listQuarantine, findImportRunBySha, type ImportRun, type QuarantineRow } from './import-run.repository.ts';
export { loadImportVocabulary } from './import-vocabulary.ts';
