/** Linked population data: the person index, every partner's activity, importers and the synthetic place. */
export { populationMigrations } from './store/migrations/index.ts';
export * from './domain/nhs-number.ts';
export * from './domain/demographics.ts';
export * from './domain/person.ts';
export * from './domain/activity.ts';
export type { PopulationTables } from './store/population.tables.ts';
export { populationRoutes } from './routes/index.ts';
