import { useState, type FormEvent } from 'react';
import { problemDetail } from '../../../lib/http.ts';
import { ErrorSummary } from '../../../ui/ErrorSummary.tsx';
import { Textarea } from '../../../ui/FormFields.tsx';
import { WarningCallout } from '../../../ui/WarningCallout.tsx';
import { MIN_BREAK_GLASS_REASON } from '../../../../../src/modules/governance/registers/break-glass.ts';
import { openBreakGlass } from '../api/governance.api.ts';

/**
 * Why a person's records are not shown (the timeline's accessNote: no care relationship), and, for
 * care roles, break-glass: open the record in an emergency by giving a reason, which information
 * governance reviews. onOpened reloads the record.
 */
export function AccessNotice({ personId, note, mayBreakGlass, onOpened }: {
  personId: number; note: string; mayBreakGlass: boolean; onOpened: () => void;
}) {
  return (
    <WarningCallout heading="Records not shown" testId="access-note">
      <p className="nhsuk-card__description">{note}</p>
      {mayBreakGlass
        ? <BreakGlassForm personId={personId} onOpened={onOpened} />
        : <p className="nhsuk-body">Your role cannot open records with break-glass.</p>}
    </WarningCallout>
  );
}

function BreakGlassForm({ personId, onOpened }: { personId: number; onOpened: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  if (!open) {
    return (
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-top-3 nhsuk-u-margin-bottom-0" onClick={() => setOpen(true)}>
        Use break-glass access
      </button>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const text = reason.trim();
    const problem = text.length === 0
      ? 'Enter why you need to open this record'
      : text.length < MIN_BREAK_GLASS_REASON ? `Reason must be ${MIN_BREAK_GLASS_REASON} characters or more` : undefined;
    setError(problem);
    setRefusal(undefined);
    if (problem) return;
    setBusy(true);
    try {
      await openBreakGlass(personId, text);
      onOpened();
    } catch (err) {
      setRefusal(problemDetail(err));
      setBusy(false);
    }
  };

  const messages = [error, refusal].filter((m): m is string => Boolean(m));
  return (
    <form onSubmit={submit} noValidate data-testid="break-glass-form">
      {messages.length > 0 && <ErrorSummary messages={messages} links={['#break-glass-reason']} />}
      <Textarea
        id="break-glass-reason" label="Why do you need to open this record?" labelSize="s" rows={3}
        hint="For example, the emergency you are responding to. Your name, organisation, role and reason are recorded and reviewed by information governance. Access lasts a few hours."
        value={reason} onChange={setReason} error={error}
      />
      <div className="app-button-group">
        <button type="submit" className="nhsuk-button nhsuk-button--warning" disabled={busy} aria-disabled={busy}>
          {busy ? 'Opening the record…' : 'Open the record with break-glass'}
        </button>
        <button type="button" className="app-link-button" onClick={() => { setOpen(false); setError(undefined); setRefusal(undefined); }}>Cancel</button>
      </div>
    </form>
  );
}
