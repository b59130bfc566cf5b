import { useState, type FormEvent } from 'react';
import { problemDetail } from '../../../lib/http.ts';
import { DateInput } from '../../../ui/DateInput.tsx';
import { ErrorSummary } from '../../../ui/ErrorSummary.tsx';
import { Select, TextInput } from '../../../ui/FormFields.tsx';
import { formatSuppressed } from '../analytics-display.ts';
import { runEvaluation } from '../api/analytics.api.ts';
import type { CohortView, EvaluationView } from '../api/analytics.types.ts';
import {
  checkEvaluationForm, EMPTY_EVALUATION_FORM, EVALUATION_FIELDS, MAX_WINDOW_MONTHS, type EvaluationErrors, type EvaluationForm,
} from '../evaluation-form.ts';

const LINKS: Record<keyof EvaluationForm, string> = {
  cohortId: '#evaluation-cohort', interventionDate: '#evaluation-date', beforeMonths: '#evaluation-before', afterMonths: '#evaluation-after',
};

/**
 * Asks which saved cohort received an intervention, from when, and over which windows, then runs
 * the evaluation (matching and difference-in-differences on the server).
 */
export function EvaluationFormView({ cohorts, onResult }: { cohorts: readonly CohortView[]; onResult: (view: EvaluationView | undefined) => void }) {
  const [form, setForm] = useState<EvaluationForm>(EMPTY_EVALUATION_FORM);
  const [errors, setErrors] = useState<EvaluationErrors>({});
  const [general, setGeneral] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof EvaluationForm>(key: K, value: EvaluationForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const checked = checkEvaluationForm(form);
    setErrors(checked.errors);
    setGeneral(undefined);
    if (!checked.input) return;
    setBusy(true);
    onResult(undefined);
    try {
      onResult(await runEvaluation(checked.input));
    } catch (error) {
      setGeneral(problemDetail(error));
    } finally {
      setBusy(false);
    }
  };

  const summary = [
    ...EVALUATION_FIELDS.filter((f) => errors[f]).map((f) => ({ message: errors[f]!, link: LINKS[f] })),
    ...(general ? [{ message: general, link: undefined }] : []),
  ];
  return (
    <form onSubmit={submit} noValidate data-testid="evaluation-form">
      {summary.length > 0 && <ErrorSummary title="The evaluation could not be run" messages={summary.map((s) => s.message)} links={summary.map((s) => s.link)} />}
      <Select
        id="evaluation-cohort" label="Cohort that received the intervention" labelSize="s" value={form.cohortId} onChange={(v) => set('cohortId', v)} error={errors.cohortId}
        hint="A saved cohort. Everyone else who was alive and registered is a possible comparison."
        options={[{ value: '', label: 'Choose a cohort' }, ...cohorts.map((c) => ({ value: String(c.id), label: `${c.name} (${formatSuppressed(c.size)} people)` }))]}
      />
      <DateInput id="evaluation-date" legend="When did the intervention start?" hint="For example, 1 5 2026" value={form.interventionDate}
        onChange={(v) => set('interventionDate', v)} error={errors.interventionDate} />
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Windows to compare</legend>
        <div className="nhsuk-hint">How many months before and after the start to count activity over, up to {MAX_WINDOW_MONTHS}. Usually 6 and 6.</div>
        <div className="app-condition__boxes">
          <TextInput id="evaluation-before" label="Months before" value={form.beforeMonths} onChange={(v) => set('beforeMonths', v)} error={errors.beforeMonths} width={2} inputMode="numeric" />
          <TextInput id="evaluation-after" label="Months after" value={form.afterMonths} onChange={(v) => set('afterMonths', v)} error={errors.afterMonths} width={2} inputMode="numeric" />
        </div>
      </fieldset>
      <button type="submit" className="nhsuk-button" disabled={busy} aria-disabled={busy}>{busy ? 'Running the evaluation…' : 'Run the evaluation'}</button>
      {busy && <p className="nhsuk-body app-loading" role="status">Matching a comparison group and estimating the effect…</p>}
    </form>
  );
}
