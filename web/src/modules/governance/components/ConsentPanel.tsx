import { useState, type FormEvent } from 'react';
import { formatDateTime } from '../../../lib/format.ts';
import { ApiProblem, isForbidden, problemDetail } from '../../../lib/http.ts';
import { useAsync } from '../../../lib/use-async.ts';
import { ErrorSummary, InsetText, Loading } from '../../../ui/ErrorSummary.tsx';
import { Select, Textarea, TextInput } from '../../../ui/FormFields.tsx';
import { NotificationBanner } from '../../../ui/NotificationBanner.tsx';
import { Radios } from '../../../ui/Radios.tsx';
import { TableContainer } from '../../../ui/TableContainer.tsx';
import { Tag } from '../../../ui/Tag.tsx';
import { listConsents, recordConsent, withdrawConsent } from '../api/governance.api.ts';
import type { Consent, ConsentInput, ConsentKind } from '../api/governance.types.ts';
import { CONSENT_KIND_LABELS, CONSENT_KINDS, consentKindLabel } from '../consent-display.ts';
import { categoryLabel, DATA_CATEGORIES } from '../roles.ts';

/**
 * A person's consents and objections: what is recorded (active first, withdrawn kept for the
 * history), recording a new one and withdrawing one. Read-only for roles that may not manage them;
 * hidden when the API refuses the list (403). onChanged tells the page that access may have changed.
 */
export function ConsentPanel({ personId, mayManage, onChanged }: { personId: number; mayManage: boolean; onChanged?: () => void }) {
  const [version, setVersion] = useState(0);
  const [done, setDone] = useState<string | undefined>();
  const consents = useAsync((signal) => listConsents(personId, signal), [personId, version]);
  if (consents.status === 'error' && isForbidden(consents.error)) return null;

  const changed = (message: string) => {
    setDone(message);
    setVersion((n) => n + 1);
    onChanged?.();
  };

  return (
    <section aria-labelledby="consents-heading" className="app-section" data-testid="consents">
      <h2 className="nhsuk-heading-l" id="consents-heading">Consent and objections</h2>
      {done && <NotificationBanner success testId="consent-done"><p className="nhsuk-notification-banner__heading">{done}</p></NotificationBanner>}
      {consents.status === 'loading' && <Loading what="consents and objections" />}
      {consents.status === 'error' && (
        <>
          <ErrorSummary title="Consents and objections could not be loaded" messages={[problemDetail(consents.error)]} />
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={consents.reload}>Try again</button>
        </>
      )}
      {consents.status === 'ok' && (
        <ConsentList consents={consents.data} mayManage={mayManage} onWithdrawn={(c) => changed(`${consentKindLabel(c.kind)} withdrawn.`)} />
      )}
      {mayManage && consents.status === 'ok' && (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <ConsentForm personId={personId} onRecorded={(c) => changed(`${consentKindLabel(c.kind)} recorded.`)} />
          </div>
        </div>
      )}
    </section>
  );
}

function describeScope(c: Consent): string {
  const parts: string[] = [];
  if (c.category) parts.push(`${categoryLabel(c.category)} records`);
  if (c.orgCode) parts.push(`${c.kind === 'objection_to_sharing' ? 'sharing with' : 'with'} ${c.orgCode}`);
  return parts.join(', ') || 'All records';
}

function ConsentList({ consents, mayManage, onWithdrawn }: { consents: readonly Consent[]; mayManage: boolean; onWithdrawn: (c: Consent) => void }) {
  const [busy, setBusy] = useState<number | undefined>();
  const [error, setError] = useState<string | undefined>();
  if (consents.length === 0) return <InsetText><p>No consent, objection or opt-out is recorded for this person.</p></InsetText>;
  const sorted = [...consents].sort((a, b) => Number(b.active) - Number(a.active) || b.recordedAt.localeCompare(a.recordedAt));

  const withdraw = async (consent: Consent) => {
    setBusy(consent.id);
    setError(undefined);
    try {
      await withdrawConsent(consent.id);
      onWithdrawn(consent);
    } catch (err) {
      setError(problemDetail(err));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <>
      {error && <ErrorSummary title="The consent could not be withdrawn" messages={[error]} />}
      <TableContainer labelledBy="consents-caption">
        <table className="nhsuk-table" data-testid="consents-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s" id="consents-caption">Recorded for this person</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th className="nhsuk-table__header" scope="col">Kind</th>
              <th className="nhsuk-table__header" scope="col">Covers</th>
              <th className="nhsuk-table__header" scope="col">Recorded</th>
              <th className="nhsuk-table__header" scope="col">Status</th>
              {mayManage && <th className="nhsuk-table__header" scope="col"><span className="nhsuk-u-visually-hidden">Action</span></th>}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {sorted.map((c) => (
              <tr className="nhsuk-table__row" key={c.id} data-testid="consent-row" data-kind={c.kind} data-active={String(c.active)}>
                <td className="nhsuk-table__cell">
                  <span className="app-audit__who">{consentKindLabel(c.kind)}</span>
                  {c.note && <span className="app-audit__sub">{c.note}</span>}
                </td>
                <td className="nhsuk-table__cell">{describeScope(c)}</td>
                <td className="nhsuk-table__cell">
                  {formatDateTime(c.recordedAt, { short: true })}
                  <span className="app-audit__sub">by {c.recordedBy}</span>
                </td>
                <td className="nhsuk-table__cell">
                  {c.active ? <Tag colour="blue">Active</Tag> : <Tag colour="grey">Withdrawn</Tag>}
                  {c.withdrawnAt && <span className="app-audit__sub">{formatDateTime(c.withdrawnAt, { short: true })}{c.withdrawnBy ? ` by ${c.withdrawnBy}` : ''}</span>}
                </td>
                {mayManage && (
                  <td className="nhsuk-table__cell">
                    {c.active && (
                      <button type="button" className="app-link-button" onClick={() => void withdraw(c)} disabled={busy !== undefined}>
                        Withdraw<span className="nhsuk-u-visually-hidden"> {consentKindLabel(c.kind).toLowerCase()}</span>
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableContainer>
    </>
  );
}

interface ConsentErrors { kind?: string | undefined; category?: string | undefined; orgCode?: string | undefined }

const ORG_CODE = /^[A-Za-z0-9-]{2,12}$/;

function ConsentForm({ personId, onRecorded }: { personId: number; onRecorded: (c: Consent) => void }) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<ConsentKind | ''>('');
  const [category, setCategory] = useState('');
  const [orgCode, setOrgCode] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<ConsentErrors>({});
  const [refusal, setRefusal] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  if (!open) {
    return <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => setOpen(true)}>Record consent or an objection</button>;
  }

  const reset = () => {
    setOpen(false); setKind(''); setCategory(''); setOrgCode(''); setNote(''); setErrors({}); setRefusal(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: ConsentErrors = {
      kind: kind ? undefined : 'Select what the person has asked for',
      category: kind === 'restrict_category' && !category ? 'Select the category of records to restrict' : undefined,
      orgCode: orgCode.trim() && !ORG_CODE.test(orgCode.trim()) ? 'Enter an organisation code, like RR8 or B82001' : undefined,
    };
    setErrors(found);
    setRefusal(undefined);
    if (found.kind || found.category || found.orgCode || !kind) return;
    const input: ConsentInput = { kind };
    if ((kind === 'restrict_category' || kind === 'consent_to_share') && category) input.category = category;
    if ((kind === 'objection_to_sharing' || kind === 'consent_to_share') && orgCode.trim()) input.orgCode = orgCode.trim().toUpperCase();
    if (note.trim()) input.note = note.trim();
    setBusy(true);
    try {
      const recorded = await recordConsent(personId, input);
      reset();
      onRecorded(recorded);
    } catch (err) {
      setRefusal(err instanceof ApiProblem ? err.problem.detail : problemDetail(err));
    } finally {
      setBusy(false);
    }
  };

  const categoryOptions = [{ value: '', label: 'Select a category' }, ...DATA_CATEGORIES.filter((c) => c !== 'demographics').map((c) => ({ value: c, label: categoryLabel(c) }))];
  const orgField = (hint: string) => (
    <TextInput id="consent-org" label="Organisation code (optional)" hint={hint} value={orgCode} onChange={setOrgCode} error={errors.orgCode} width={10} autoCapitalize="characters" spellCheck={false} />
  );
  const summary = [
    ...(errors.kind ? [{ m: errors.kind, l: '#consent-kind' }] : []),
    ...(errors.category ? [{ m: errors.category, l: '#consent-category' }] : []),
    ...(errors.orgCode ? [{ m: errors.orgCode, l: '#consent-org' }] : []),
    ...(refusal ? [{ m: refusal, l: '#consent-kind' }] : []),
  ];

  return (
    <form onSubmit={submit} noValidate className="app-panel" data-testid="consent-form">
      <h3 className="nhsuk-heading-m">Record consent or an objection</h3>
      {summary.length > 0 && <ErrorSummary messages={summary.map((s) => s.m)} links={summary.map((s) => s.l)} />}
      <Radios
        id="consent-kind" legend="What has the person asked for?" value={kind} onChange={(v) => setKind(v as ConsentKind)} error={errors.kind}
        options={CONSENT_KINDS.map((k) => ({
          value: k, label: CONSENT_KIND_LABELS[k].label, hint: CONSENT_KIND_LABELS[k].effect,
          conditional: k === 'restrict_category'
            ? <Select id="consent-category" label="Category of records" value={category} onChange={setCategory} options={categoryOptions} error={errors.category} />
            : k === 'objection_to_sharing'
              ? orgField('Only to sharing with this organisation. Leave empty for an objection to sharing with anyone.')
              : k === 'consent_to_share'
                ? <>
                  <Select id="consent-category" label="Category of records (optional)" value={category} onChange={setCategory} options={[{ value: '', label: 'All categories' }, ...categoryOptions.slice(1)]} />
                  {orgField('Only with this organisation. Leave empty for every partner.')}
                </>
                : undefined,
        }))}
      />
      <Textarea id="consent-note" label="Note (optional)" hint="For example, how the person told you. Do not include clinical details." value={note} onChange={setNote} rows={2} />
      <div className="app-button-group">
        <button type="submit" className="nhsuk-button" disabled={busy} aria-disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
        <button type="button" className="app-link-button" onClick={reset}>Cancel</button>
      </div>
    </form>
  );
}
