import { isForbidden, problemDetail } from '../../../lib/http.ts';
import { pluralise } from '../../../lib/format.ts';
import { ErrorSummary, InsetText, Loading } from '../../../ui/ErrorSummary.tsx';
import { getPersonAccessLog } from '../api/governance.api.ts';
import { useAuditPages } from '../hooks/use-audit-pages.ts';
import { AuditTable } from './AuditTable.tsx';

/**
 * Who has looked at this record: every audit entry about the person, newest first (what a subject
 * access request asks for). Hidden for roles the API refuses (403). version reloads it after an
 * action on the page that is itself audited.
 */
export function PersonAccessLog({ personId, version = 0 }: { personId: number; version?: number }) {
  const log = useAuditPages(`${personId}|${version}`, (cursor, signal) => getPersonAccessLog(personId, cursor, signal));
  if (log.status === 'error' && isForbidden(log.error)) return null;
  return (
    <section aria-labelledby="access-log-heading" className="app-section" data-testid="access-log">
      <h2 className="nhsuk-heading-l" id="access-log-heading">Who has looked at this record</h2>
      {log.status === 'loading' && <Loading what="the access log" />}
      {log.status === 'error' && (
        <>
          <ErrorSummary title="The access log could not be loaded" messages={[problemDetail(log.error)]} />
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={log.reload}>Try again</button>
        </>
      )}
      {log.status === 'ok' && log.items.length === 0 && <InsetText><p>Nobody has looked at this record yet.</p></InsetText>}
      {log.status === 'ok' && log.items.length > 0 && (
        <>
          <AuditTable
            caption={`${pluralise(log.items.length, 'entry', 'entries')}, newest first${log.nextCursor !== null ? ' (older entries below)' : ''}`}
            captionId="access-log-caption" entries={log.items} testId="access-log-table"
          />
          {log.moreError !== undefined && <ErrorSummary title="Older entries could not be loaded" messages={[problemDetail(log.moreError)]} />}
          {log.nextCursor !== null && (
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={log.loadMore} disabled={log.loadingMore}>
              {log.loadingMore ? 'Loading older entries…' : 'Show older entries'}
            </button>
          )}
        </>
      )}
    </section>
  );
}
