import type { AuditEntry } from '../../../kernel/access/scope.ts';

/**
 * The entries for a list or search result: one per distinct person returned, so that each person's
 * access log is complete, or a single entry without a person when nobody was returned.
 */
export function auditEntriesForPersons(
  personIds: Iterable<number | null | undefined>,
  entry: Omit<AuditEntry, 'personId'>,
): AuditEntry[] {
  const seen = new Set<number>();
  for (const id of personIds) if (id !== null && id !== undefined) seen.add(id);
  if (seen.size === 0) return [{ ...entry }];
  return [...seen].map((personId) => ({ ...entry, personId }));
}
