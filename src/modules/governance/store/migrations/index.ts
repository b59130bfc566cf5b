import type { MigrationSet } from '../../../../kernel/db/migrate.ts';
import * as createGovernance from './2026_11_23_0090_create_governance.ts';

export const governanceMigrations: MigrationSet = {
  '2026_11_23_0090_create_governance': createGovernance,
};
