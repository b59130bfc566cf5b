import { useState, type FormEvent } from 'react';
import { EMPTY_DATE, parseDateParts, toDateParts, type DateParts } from '../../lib/date-parts.ts';
import { formatCount, pluralise } from '../../lib/format.ts';
import { isForbidden, problemDetail } from '../../lib/http.ts';
import { navigate, useLocation } from '../../lib/router.tsx';
import { useAsync, useDocumentTitle } from '../../lib/use-async.ts';
import { BackLink } from '../../ui/BackLink.tsx';
import { DateInput } from '../../ui/DateInput.tsx';
import { ErrorSummary, InsetText, Loading } from '../../ui/ErrorSummary.tsx';
import { Select, TextInput } from '../../ui/FormFields.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { searchAudit } from '../../modules/governance/api/governance.api.ts';
import type { AuditQuery } from '../../modules/governance/api/governance.types.ts';
import { auditSearchHref, hasCriteria, nextPage, pageSize, previousPage, readAuditSearch, type AuditSearchState } from '../../modules/governance/audit-query.ts';
import { AuditTable } from '../../modules/governance/components/AuditTable.tsx';
import { IgScreen, NotAvailableForRole } from '../../modules/governance/components/RoleGate.tsx';
import { actionLabel, AUDIT_ACTIONS } from '../../modules/governance/roles.ts';

/** Search the audit log by who, whose record, what, outcome and when; newest first, a page at a time. */
export function AuditSearchPage() {
  useDocumentTitle('Audit search');
  const location = useLocation();
  const state = readAuditSearch(location.search);
  return (
    <IgScreen>
      <BackLink to="/governance">Information governance</BackLink>
      <h1 className="nhsuk-heading-xl">Audit search</h1>
      <p className="nhsuk-body">
        Every read and write of personal data is in the audit log, including searches and refusals, with who did it,
        their organisation and role, and the purpose. Entries are chained, so a changed or removed entry is detected.
      </p>
      <AuditSearchForm key={auditSearchHref({ query: state.query, cursor: undefined, trail: [] })} query={state.query} />
      <AuditResults state={state} />
    </IgScreen>
  );
}

interface FormErrors { person?: string | undefined; from?: string | undefined; to?: string | undefined }

function AuditSearchForm({ query }: { query: AuditQuery }) {
  const [actor, setActor] = useState(query.actor ?? '');
  const [person, setPerson] = useState(query.person === undefined ? '' : String(query.person));
  const [action, setAction] = useState(query.action ?? '');
  const [outcome, setOutcome] = useState(query.outcome ?? '');
  const [from, setFrom] = useState<DateParts>(toDateParts(query.from));
  const [to, setTo] = useState<DateParts>(toDateParts(query.to));
  const [errors, setErrors] = useState<FormErrors>({});

  const optionalDate = (parts: DateParts, what: string) => {
    if (!parts.day.trim() && !parts.month.trim() && !parts.year.trim()) return { iso: undefined, error: undefined };
    const parsed = parseDateParts(parts, what);
    return parsed.ok ? { iso: parsed.iso, error: undefined } : { iso: undefined, error: parsed.error };
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const f = optionalDate(from, 'from date');
    const t = optionalDate(to, 'to date');
    const found: FormErrors = {
      person: person.trim() && !/^\d{1,12}$/.test(person.trim()) ? 'Person ID must be a number, like 1042' : undefined,
      from: f.error,
      to: t.error ?? (f.iso && t.iso && t.iso < f.iso ? 'To date must be the same as or after the from date' : undefined),
    };
    setErrors(found);
    if (found.person || found.from || found.to) return;
    navigate(auditSearchHref({
      query: { limit: query.limit, actor: actor.trim() || undefined, person: person.trim() ? Number(person.trim()) : undefined, action: action || undefined, outcome: outcome || undefined, from: f.iso, to: t.iso },
      cursor: undefined, trail: [],
    }));
  };

  const summary = [
    ...(errors.person ? [{ m: errors.person, l: '#audit-person' }] : []),
    ...(errors.from ? [{ m: errors.from, l: '#audit-from' }] : []),
    ...(errors.to ? [{ m: errors.to, l: '#audit-to' }] : []),
  ];
  return (
    <form onSubmit={submit} noValidate className="app-panel" data-testid="audit-search-form">
      {summary.length > 0 && <ErrorSummary messages={summary.map((s) => s.m)} links={summary.map((s) => s.l)} />}
      <h2 className="nhsuk-heading-m">Search the audit log</h2>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <TextInput id="audit-actor" label="Staff ID" hint="Who did it, for example S00042." value={actor} onChange={setActor} width={20} spellCheck={false} />
        </div>
        <div className="nhsuk-grid-column-one-half">
          <TextInput id="audit-person" label="Person ID" hint="Whose record." value={person} onChange={setPerson} error={errors.person} width={10} inputMode="numeric" />
        </div>
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <Select id="audit-action" label="Action" value={action} onChange={setAction} options={[{ value: '', label: 'Any action' }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))]} />
        </div>
        <div className="nhsuk-grid-column-one-half">
          <Select id="audit-outcome" label="Outcome" value={outcome} onChange={setOutcome} options={[{ value: '', label: 'Allowed or refused' }, { value: 'allowed', label: 'Allowed' }, { value: 'denied', label: 'Refused' }]} />
        </div>
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <DateInput id="audit-from" legend="From" hint="For example, 1 4 2026" value={from} onChange={setFrom} error={errors.from} />
        </div>
        <div className="nhsuk-grid-column-one-half">
          <DateInput id="audit-to" legend="To" hint="Includes the whole day." value={to} onChange={setTo} error={errors.to} />
        </div>
      </div>
      <div className="app-button-group">
        <button type="submit" className="nhsuk-button nhsuk-u-margin-bottom-0">Search audit log</button>
        {hasCriteria(query) && (
          <button type="button" className="app-link-button" onClick={() => { setActor(''); setPerson(''); setAction(''); setOutcome(''); setFrom(EMPTY_DATE); setTo(EMPTY_DATE); navigate('/governance/audit'); }}>
            Clear the search
          </button>
        )}
      </div>
    </form>
  );
}

function AuditResults({ state }: { state: AuditSearchState }) {
  const key = auditSearchHref(state);
  const page = useAsync((signal) => searchAudit({ ...state.query, cursor: state.cursor }, signal), [key]);
  if (page.status === 'loading') return <Loading what="audit entries" />;
  if (page.status === 'error') {
    if (isForbidden(page.error)) return <NotAvailableForRole detail={problemDetail(page.error)} />;
    return (
      <>
        <ErrorSummary title="The audit log could not be searched" messages={[problemDetail(page.error)]} />
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={page.reload}>Try again</button>
      </>
    );
  }
  const { items, nextCursor } = page.data;
  if (items.length === 0) {
    return <InsetText><p>{hasCriteria(state.query) ? 'No audit entries match this search.' : 'The audit log is empty.'}</p></InsetText>;
  }
  const first = state.trail.length * pageSize(state.query) + 1;
  const paged = state.trail.length > 0 || nextCursor !== null;
  const shown = paged ? `Entries ${formatCount(first)} to ${formatCount(first + items.length - 1)}` : pluralise(items.length, 'entry', 'entries');
  const caption = `${shown}${hasCriteria(state.query) ? ' matching the search' : ''}, newest first`;
  return (
    <section aria-label="Audit entries" data-testid="audit-results">
      <AuditTable caption={caption} captionId="audit-caption" entries={items} showPerson testId="audit-table" />
      <Pagination
        previous={state.cursor !== undefined ? auditSearchHref(previousPage(state)) : undefined}
        next={nextCursor !== null ? auditSearchHref(nextPage(state, nextCursor)) : undefined}
        previousLabel="Newer entries" nextLabel="Older entries"
      />
    </section>
  );
}
