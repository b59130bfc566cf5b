import type { Scope } from '../../../kernel/access/scope.ts';
import type { RunView } from '../domain/views.ts';
import { findLatestRun, type RunRow } from '../store/stratification.repository.ts';
import { requireAnalyticsUse } from './analytics-access.ts';

/** A stored run as the API shows it: the versions of every definition, model and rule set it used (no personal data). */
export function toRunView(run: RunRow): RunView {
  const versions: Record<string, string> = {};
  try {
    const stored = (JSON.parse(run.versions) as { versions?: Record<string, unknown> }).versions ?? {};
    for (const [name, value] of Object.entries(stored)) if (typeof value === 'string') versions[name] = value;
  } catch {
    // A run row written by hand or cut short: show it without versions rather than fail.
  }
  return {
    id: run.id, asOf: run.asOf, startedAt: run.startedAt, finishedAt: run.finishedAt, persons: run.persons, events: run.events, status: run.status, versions,
  };
}

/** The latest completed stratification run, or null when the place has not been stratified. */
export async function getLatestRun(scope: Scope): Promise<RunView | null> {
  requireAnalyticsUse(scope);
  const run = await findLatestRun(scope.db);
  return run ? toRunView(run) : null;
}
