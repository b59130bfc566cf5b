import type { MigrationSet } from '../../../../kernel/db/migrate.ts';
import * as createGovernance from './2026_11_23_0090_create_governance.ts';
import * as createGovernanceAccess from './2026_11_23_0200_create_governance_access.ts';
import * as createAccounts from './2026_11_23_0210_create_accounts.ts';

export const governanceMigrations: MigrationSet = {
  '2026_11_23_0090_create_governance': createGovernance,
  '2026_11_23_0200_create_governance_access': createGovernanceAccess,
  '2026_11_23_0210_create_accounts': createAccounts,
};
