import type { MigrationSet } from '../../../../kernel/db/migrate.ts';
import * as createPopulation from './2026_11_23_0100_create_population.ts';
import * as createPersonMerge from './2026_11_23_0110_create_person_merge.ts';

export const populationMigrations: MigrationSet = {
  '2026_11_23_0100_create_population': createPopulation,
  '2026_11_23_0110_create_person_merge': createPersonMerge,
};
