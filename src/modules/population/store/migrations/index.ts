import type { MigrationSet } from '../../../../kernel/db/migrate.ts';
import * as createPopulation from './2026_11_23_0100_create_population.ts';
import * as createPersonMerge from './2026_11_23_0110_create_person_merge.ts';
import * as createActivityChange from './2026_11_25_0905_create_activity_change.ts';

export const populationMigrations: MigrationSet = {
  '2026_11_23_0100_create_population': createPopulation,
  '2026_11_23_0110_create_person_merge': createPersonMerge,
  '2026_11_25_0905_create_activity_change': createActivityChange,
};
