import { igError } from '../registers/ig-errors.ts';
import { personExists } from '../registers/person-lookup.repository.ts';
import type { RegisterScope } from '../registers/register-scope.ts';
import { auditEntriesForPersons } from './audit-entries.ts';
import { listPersonAccessLog, searchAuditLog, type AccessLogOptions, type AuditPage, type AuditSearch } from './audit-query.repository.ts';

/**
 * Reading the audit log is itself audited: a person's access log as a 'read' of that person, an audit
 * search as one 'search' entry per person in the page (so that person's own log shows who looked).
 * The entries are committed before the page is returned.
 */
export async function producePersonAccessLog(scope: RegisterScope, personId: number, options: AccessLogOptions = {}): Promise<AuditPage> {
  if (!(await personExists(scope.db, personId))) throw igError('PERSON_NOT_FOUND', `There is no person ${personId} in the index.`);
  const page = await listPersonAccessLog(scope.db, personId, options);
  await scope.audit.record(scope.actor, [{ action: 'read', resource: 'governance.access_log', personId, outcome: 'allowed', detail: `${page.items.length} entries` }]);
  return page;
}

export async function searchAudit(scope: RegisterScope, search: AuditSearch): Promise<AuditPage> {
  const page = await searchAuditLog(scope.db, search);
  const filters = Object.entries({ actor: search.actor, person: search.person, action: search.action, outcome: search.outcome, from: search.from, to: search.to })
    .filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${String(v)}`).join(' ');
  await scope.audit.record(scope.actor, auditEntriesForPersons(page.items.map((e) => e.personId), {
    action: 'search', resource: 'governance.audit', outcome: 'allowed', detail: `audit search${filters ? ` ${filters}` : ''}: ${page.items.length} entries`,
  }));
  return page;
}
