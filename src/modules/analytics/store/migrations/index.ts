import type { MigrationSet } from '../../../../kernel/db/migrate.ts';
import * as createAnalytics from './2026_11_23_0300_create_analytics.ts';

export const analyticsMigrations: MigrationSet = {
  '2026_11_23_0300_create_analytics': createAnalytics,
};
