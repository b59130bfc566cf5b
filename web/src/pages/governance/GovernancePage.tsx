import { useState, type FormEvent, type ReactNode } from 'react';
import { navigate, Link } from '../../lib/router.tsx';
import { useAsync, useDocumentTitle } from '../../lib/use-async.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextInput } from '../../ui/FormFields.tsx';
import { listAgreements, listBreakGlass } from '../../modules/governance/api/governance.api.ts';
import { IgScreen } from '../../modules/governance/components/RoleGate.tsx';
import { pluralise } from '../../lib/format.ts';

/** The information governance area: what needs attention, and the way to each IG screen. */
export function GovernancePage() {
  useDocumentTitle('Information governance');
  return (
    <IgScreen>
      <h1 className="nhsuk-heading-xl">Information governance</h1>
      <div className="nhsuk-grid-row nhsuk-card-group">
        <IgCard
          to="/governance/agreements" title="Data sharing agreements"
          text="Which partners share which records, for what, on which legal basis and until when."
          note={<AgreementsNote />}
        />
        <IgCard
          to="/governance/break-glass" title="Break-glass review"
          text="Records opened in an emergency without a care relationship, waiting for your review."
          note={<BreakGlassNote />}
        />
        <IgCard
          to="/governance/audit" title="Audit search"
          text="Every read and write of personal data: who, which organisation and role, why, and the outcome."
        />
      </div>
      <PersonLookup />
    </IgScreen>
  );
}

function IgCard({ to, title, text, note }: { to: string; title: string; text: string; note?: ReactNode }) {
  return (
    <div className="nhsuk-grid-column-one-third nhsuk-card-group__item">
      <div className="nhsuk-card nhsuk-card--clickable">
        <div className="nhsuk-card__content">
          <h2 className="nhsuk-card__heading nhsuk-heading-m"><Link className="nhsuk-card__link" to={to}>{title}</Link></h2>
          <p className="nhsuk-card__description">{text}</p>
          {note}
        </div>
      </div>
    </div>
  );
}

function AgreementsNote() {
  const register = useAsync((signal) => listAgreements(signal), []);
  if (register.status !== 'ok' || register.data.expiring.length === 0) return null;
  return <p className="nhsuk-body-s app-attention"><strong>{pluralise(register.data.expiring.length, 'agreement')} ending within {register.data.warningDays} days</strong></p>;
}

function BreakGlassNote() {
  const queue = useAsync((signal) => listBreakGlass('open', undefined, signal), []);
  if (queue.status !== 'ok') return null;
  const n = queue.data.items.length;
  return <p className="nhsuk-body-s">{n === 0 ? 'Nothing waiting for review.' : <strong className="app-attention">{n}{queue.data.nextCursor !== null ? '+' : ''} waiting for review</strong>}</p>;
}

/** A person's consents, objections and access log (a subject access request) by their Seamless person ID. */
function PersonLookup() {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = value.trim();
    if (!/^\d{1,12}$/.test(id) || Number(id) < 1) {
      setError(id ? 'Person ID must be a number, like 1042' : 'Enter the person ID');
      return;
    }
    navigate(`/governance/people/${Number(id)}`);
  };
  return (
    <section aria-labelledby="person-lookup-heading" className="app-section">
      <h2 className="nhsuk-heading-m" id="person-lookup-heading">A person's consents and access log</h2>
      <p className="nhsuk-body">Record a national data opt-out, an objection or consent, or produce who has looked at a person's record for a subject access request.</p>
      <form onSubmit={submit} noValidate>
        {error && <ErrorSummary messages={[error]} links={['#person-id']} />}
        <TextInput id="person-id" label="Person ID" hint="The Seamless person ID, as shown in the audit log." value={value} onChange={setValue} error={error} width={10} inputMode="numeric" />
        <button type="submit" className="nhsuk-button nhsuk-button--secondary">Continue</button>
      </form>
    </section>
  );
}
