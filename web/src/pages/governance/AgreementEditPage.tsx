import { useState, type FormEvent } from 'react';
import { isForbidden, problemDetail } from '../../lib/http.ts';
import { navigate } from '../../lib/router.tsx';
import { useAsync, useDocumentTitle } from '../../lib/use-async.ts';
import { BackLink } from '../../ui/BackLink.tsx';
import { Checkboxes } from '../../ui/Checkboxes.tsx';
import { DateInput } from '../../ui/DateInput.tsx';
import { ErrorSummary, Loading } from '../../ui/ErrorSummary.tsx';
import { Textarea, TextInput } from '../../ui/FormFields.tsx';
import { Radios } from '../../ui/Radios.tsx';
import { AGREEMENT_PURPOSES, AGREEMENT_STATUSES } from '../../../../src/modules/governance/registers/agreement.ts';
import {
  AGREEMENT_FIELDS, agreementToForm, checkAgreementForm, EMPTY_AGREEMENT_FORM, fieldOfProblem,
  type AgreementErrors, type AgreementField, type AgreementForm,
} from '../../modules/governance/agreement-form.ts';
import { createAgreement, getAgreement, updateAgreement } from '../../modules/governance/api/governance.api.ts';
import { IgScreen, NotAvailableForRole } from '../../modules/governance/components/RoleGate.tsx';
import { categoryLabel, DATA_CATEGORIES, purposeLabel } from '../../modules/governance/roles.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';

/** Add a data sharing agreement (no id) or change one. */
export function AgreementEditPage({ id }: { id?: string }) {
  const agreementId = id === undefined ? undefined : /^\d{1,12}$/.test(id) ? Number(id) : NaN;
  useDocumentTitle(agreementId === undefined ? 'Add a data sharing agreement' : 'Change a data sharing agreement');
  if (agreementId !== undefined && !(agreementId >= 1)) return <NotFoundPage />;
  return (
    <IgScreen>
      {agreementId === undefined ? <AgreementEditor /> : <ExistingAgreement id={agreementId} />}
    </IgScreen>
  );
}

function ExistingAgreement({ id }: { id: number }) {
  const agreement = useAsync((signal) => getAgreement(id, signal), [id]);
  if (agreement.status === 'loading') return <Loading what="the agreement" />;
  if (agreement.status === 'error') {
    if (isForbidden(agreement.error)) return <NotAvailableForRole detail={problemDetail(agreement.error)} />;
    return (
      <>
        <BackLink to="/governance/agreements">Data sharing agreements</BackLink>
        <h1 className="nhsuk-heading-l">Data sharing agreement</h1>
        <ErrorSummary title="The agreement could not be loaded" messages={[problemDetail(agreement.error)]} />
      </>
    );
  }
  return <AgreementEditor id={id} initial={agreementToForm(agreement.data)} />;
}

const FIELD_LINKS: Record<AgreementField, string> = {
  title: '#agreement-title', parties: '#agreement-parties', purposes: '#agreement-purposes', dataCategories: '#agreement-categories',
  legalBasis: '#agreement-legal-basis', startDate: '#agreement-start', endDate: '#agreement-end', status: '#agreement-status',
};

const STATUS_HINTS: Record<string, string> = {
  draft: 'Being written; shares nothing yet.',
  active: 'Shares records between its start and end dates.',
  suspended: 'Stopped for now; shares nothing until made active again.',
  ended: 'Closed early; shares nothing.',
};

function AgreementEditor({ id, initial = EMPTY_AGREEMENT_FORM }: { id?: number; initial?: AgreementForm }) {
  const [form, setForm] = useState<AgreementForm>(initial);
  const [errors, setErrors] = useState<AgreementErrors>({});
  const [general, setGeneral] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof AgreementForm>(key: K, value: AgreementForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const toggle = (key: 'purposes' | 'dataCategories', value: string, checked: boolean) =>
    setForm((f) => ({ ...f, [key]: checked ? [...f[key], value] : f[key].filter((v) => v !== value) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const checked = checkAgreementForm(form);
    setErrors(checked.errors);
    setGeneral(undefined);
    if (!checked.input) return;
    setBusy(true);
    try {
      const saved = id === undefined ? await createAgreement(checked.input) : await updateAgreement(id, checked.input);
      navigate(`/governance/agreements?saved=${saved.id}`);
    } catch (error) {
      const field = fieldOfProblem(error);
      if (field) setErrors({ [field]: problemDetail(error) });
      else setGeneral(problemDetail(error));
      setBusy(false);
    }
  };

  const summary = [
    ...AGREEMENT_FIELDS.filter((f) => errors[f]).map((f) => ({ message: errors[f]!, link: FIELD_LINKS[f] })),
    ...(general ? [{ message: general, link: undefined }] : []),
  ];
  const title = id === undefined ? 'Add a data sharing agreement' : 'Change a data sharing agreement';

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to="/governance/agreements" useHistory>Back</BackLink>
        <form onSubmit={submit} noValidate data-testid="agreement-form">
          {summary.length > 0 && <ErrorSummary messages={summary.map((s) => s.message)} links={summary.map((s) => s.link)} />}
          <span className="nhsuk-caption-l">Data sharing agreements</span>
          <h1 className="nhsuk-heading-l">{title}</h1>
          <TextInput id="agreement-title" label="Title" labelSize="s" value={form.title} onChange={(v) => set('title', v)} error={errors.title} maxLength={200} />
          <Textarea
            id="agreement-parties" label="Partner organisations" labelSize="s" rows={2}
            hint="The organisation codes of every party, separated by commas or spaces, for example RR8, B82001, LA1."
            value={form.parties} onChange={(v) => set('parties', v)} error={errors.parties}
          />
          <Checkboxes
            id="agreement-purposes" legend="Purposes" hint="What the partners may use each other's records for."
            options={AGREEMENT_PURPOSES.map((p) => ({ value: p, label: purposeLabel(p) }))}
            selected={new Set(form.purposes)} onChange={(v, c) => toggle('purposes', v, c)} error={errors.purposes}
          />
          <Checkboxes
            id="agreement-categories" legend="Categories of record shared"
            hint="Mental health, safeguarding and sexual health records are still seen only by the roles allowed to read them."
            options={DATA_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))}
            selected={new Set(form.dataCategories)} onChange={(v, c) => toggle('dataCategories', v, c)} error={errors.dataCategories}
          />
          <Textarea
            id="agreement-legal-basis" label="Legal basis" labelSize="s" rows={3}
            hint="For example, UK GDPR Article 6(1)(e) and 9(2)(h); common law duty of confidentiality: implied consent for direct care."
            value={form.legalBasis} onChange={(v) => set('legalBasis', v)} error={errors.legalBasis}
          />
          <DateInput id="agreement-start" legend="Start date" hint="The first day it is in force, for example 1 4 2026." value={form.startDate} onChange={(v) => set('startDate', v)} error={errors.startDate} />
          <DateInput id="agreement-end" legend="End date" hint="The last day it is in force, for example 31 3 2027." value={form.endDate} onChange={(v) => set('endDate', v)} error={errors.endDate} />
          <Radios
            id="agreement-status" legend="Status" value={form.status} onChange={(v) => set('status', v)} error={errors.status}
            options={AGREEMENT_STATUSES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1), hint: STATUS_HINTS[s] }))}
          />
          <button type="submit" className="nhsuk-button" disabled={busy} aria-disabled={busy}>{busy ? 'Saving…' : 'Save agreement'}</button>
        </form>
      </div>
    </div>
  );
}
