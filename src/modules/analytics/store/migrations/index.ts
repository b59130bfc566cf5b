import type { MigrationSet } from '../../../../kernel/db/migrate.ts';
import * as createAnalytics from './2026_11_23_0300_create_analytics.ts';
import * as createPersonFacts from './2026_11_24_0900_create_person_facts.ts';
import * as createCohort from './2026_11_24_0910_create_cohort.ts';
import * as personScorePerPerson from './2026_11_25_0900_person_score_per_person.ts';
import * as runActivityChange from './2026_11_25_0910_run_activity_change.ts';

export const analyticsMigrations: MigrationSet = {
  '2026_11_23_0300_create_analytics': createAnalytics,
  '2026_11_24_0900_create_person_facts': createPersonFacts,
  '2026_11_24_0910_create_cohort': createCohort,
  '2026_11_25_0900_person_score_per_person': personScorePerPerson,
  '2026_11_25_0910_run_activity_change': runActivityChange,
};
