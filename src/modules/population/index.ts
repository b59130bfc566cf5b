/** Linked population data: the person index, every partner's activity, importers and the synthetic place. */
export { populationMigrations } from './store/migrations/index.ts';
export * from './domain/nhs-number.ts';
export * from './domain/demographics.ts';
export * from './domain/person.ts';
export * from './domain/activity.ts';
export * from './domain/person-history.ts';
export type { PopulationTables } from './store/population.tables.ts';
export { populationRoutes } from './routes/index.ts';
export {
  allocatePersonIds, insertPersons, insertIdentifiers, fillPersonGaps, findPersonIdsByIdentifiers, findPersonsByDatesOfBirth,
  findPersonById, listIdentifiers, insertPossibleDuplicates, countPersons, type PossibleDuplicateInput,
} from './store/person.repository.ts';
export { insertActivities, ACTIVITY_TABLES, type PersonActivity, type ActivityWriteResult } from './store/activity.repository.ts';
export * from './domain/match-person.ts';
export { createCsvExtractWriter, createFhirNdjsonWriter, type ExtractWriter } from './export/index.ts';
export { findPersons, getPersonRecord, getPersonTimeline, findPersonIdByNhsNumber, type PersonSummary, type PersonRecord } from './services/person-record.service.ts';
export { requireCareRelationship } from './services/care-relationship.service.ts';
export { streamPersonHistories, listPersonIds, DEFAULT_HISTORY_BATCH_SIZE, WORKER_MIN_PERSONS, type StreamPersonHistoriesOptions } from './services/person-history.service.ts';
// The change log of persons' records: which persons have had activity or demographics written since change N (for derived data kept per person).
export { latestActivityChange, listPersonsChangedBetween } from './store/activity-change.repository.ts';
export { summarisePlace, type PlaceSummary } from './services/place-summary.service.ts';
export { getQualityReport } from './services/quality.service.ts';
export { formatQualityReport, type QualityReport } from './quality/quality.report.ts';
export {
  generatePlaceRecords, generatePlaceReference, createPlaceGenerator, DEFAULT_GENERATION_DATE,
  type GeneratePlaceOptions, type GeneratedPerson, type PlaceGenerator, type PlaceReference,
} from './generator/place.generator.ts';
export { generateSyntheticPlace, type GenerateSyntheticPlaceOptions, type GenerateSummary } from './generator/synthetic-place.service.ts';
export { DEFAULT_IMPORT_BATCH_SIZE, DEFAULT_PERSONS_BATCH_SIZE, importFiles, sha256File, listQuarantine, type ImportOptions, type ImportSummary, type FileImportSummary, type QuarantineRow } from './import/index.ts';
export {
  measureActivityInWindows, listPersonsForAggregates, listDeathsForAggregates, listPersonIdentities, listLocalities,
  type DateWindow, type WindowActivity, type ActivityWindowDefinitions, type PersonForAggregates, type DeathForAggregates, type PersonIdentity,
} from './services/population-measures.service.ts';
