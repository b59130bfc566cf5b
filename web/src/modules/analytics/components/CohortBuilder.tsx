import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiProblem, problemDetail } from '../../../lib/http.ts';
import { Checkboxes } from '../../../ui/Checkboxes.tsx';
import { ErrorSummary } from '../../../ui/ErrorSummary.tsx';
import { Select, Textarea, TextInput } from '../../../ui/FormFields.tsx';
import { Radios } from '../../../ui/Radios.tsx';
import { humanise } from '../../governance/roles.ts';
import { sexText } from '../analytics-display.ts';
import { createCohort } from '../api/analytics.api.ts';
import type { CohortView, CriteriaFieldView, RuleProblem } from '../api/analytics.types.ts';
import {
  addRow, buildCohortInput, emptyBuilder, errorList, errorsFromProblems, hasErrors, NO_ERRORS, operatorLabel, removeRow, updateRow, valueKind,
  type BuilderErrors, type BuilderRow, type BuilderState, type RowErrors,
} from '../criteria-builder.ts';

const NAME_ID = 'cohort-name';
const boxId = (index: number, part: keyof RowErrors) => `cohort-row-${index + 1}-${part}`;

/** The problems a 400 from POST /cohorts carries in details.problems, when it does. */
function problemsOf(error: unknown): RuleProblem[] | undefined {
  if (!(error instanceof ApiProblem) || error.status !== 400) return undefined;
  const details = error.problem.details as { problems?: unknown } | undefined;
  const problems = details?.problems;
  return Array.isArray(problems) && problems.every((p) => typeof p?.path === 'string' && typeof p?.message === 'string') ? problems as RuleProblem[] : undefined;
}

/**
 * The cohort builder: a name, then rows of field / comparison / value joined by "all" or "any",
 * saved as a cohort. Problems found before sending, and the server's problems with the criteria,
 * are shown in an error summary and against the rows they are about.
 */
export function CohortBuilder({ fields, initial, onSaved }: {
  fields: readonly CriteriaFieldView[];
  /** Rows to start from (e.g. a copy of a saved cohort); a new builder otherwise. */
  initial?: BuilderState | undefined;
  onSaved: (cohort: CohortView) => void;
}) {
  const [state, setState] = useState<BuilderState>(initial ?? emptyBuilder());
  const [errors, setErrors] = useState<BuilderErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const focusRow = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (initial) {
      setState(initial);
      setErrors(NO_ERRORS);
    }
  }, [initial]);

  useEffect(() => {
    if (focusRow.current === undefined) return;
    document.getElementById(boxId(focusRow.current, 'field'))?.focus();
    focusRow.current = undefined;
  }, [state.rows.length]);

  const fieldOf = (row: BuilderRow) => fields.find((f) => f.field === row.field);
  const change = (key: number, patch: Partial<Omit<BuilderRow, 'key'>>) => setState((s) => updateRow(s, key, patch, fields));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const checked = buildCohortInput(state, fields);
    setErrors(checked.errors);
    if (!checked.input) return;
    setBusy(true);
    try {
      const saved = await createCohort(checked.input);
      setState(emptyBuilder());
      setErrors(NO_ERRORS);
      onSaved(saved);
    } catch (error) {
      const problems = problemsOf(error);
      setErrors(problems ? errorsFromProblems(problems, state.rows.length) : { ...NO_ERRORS, general: [problemDetail(error)] });
    } finally {
      setBusy(false);
    }
  };

  const summary = errorList(errors, state.rows.length, boxId, NAME_ID);
  return (
    <form onSubmit={submit} noValidate data-testid="cohort-builder">
      {hasErrors(errors) && <ErrorSummary title="The cohort could not be saved" messages={summary.map((s) => s.message)} links={summary.map((s) => s.link)} />}
      <TextInput id={NAME_ID} label="Cohort name" labelSize="s" hint="For example, Over 80 and not known to social care." value={state.name}
        onChange={(name) => setState((s) => ({ ...s, name }))} error={errors.name} maxLength={200} />
      <Textarea id="cohort-description" label="Description (optional)" labelSize="s" rows={2} value={state.description}
        onChange={(description) => setState((s) => ({ ...s, description }))} />
      <Radios
        id="cohort-combine" legend="Include people who meet" value={state.combine}
        onChange={(v) => setState((s) => ({ ...s, combine: v === 'any' ? 'any' : 'all' }))}
        options={[{ value: 'all', label: 'all of the conditions' }, { value: 'any', label: 'any of the conditions' }]}
      />
      {state.rows.map((row, index) => (
        <ConditionRow
          key={row.key} row={row} index={index} field={fieldOf(row)} fields={fields} errors={errors.rows[index]} canRemove={state.rows.length > 1}
          onChange={(patch) => change(row.key, patch)} onRemove={() => setState((s) => removeRow(s, row.key))}
        />
      ))}
      <div className="app-button-group">
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => {
          focusRow.current = state.rows.length;
          setState((s) => addRow(s));
        }}>Add another condition</button>
        <button type="submit" className="nhsuk-button" disabled={busy} aria-disabled={busy}>{busy ? 'Saving…' : 'Save cohort'}</button>
      </div>
    </form>
  );
}

function fieldLabel(f: CriteriaFieldView): string {
  return f.label ? f.label[0]!.toUpperCase() + f.label.slice(1) : f.field;
}

function valueLabel(field: CriteriaFieldView, value: string): string {
  return field.field === 'sex' ? sexText(value) : humanise(value);
}

function ConditionRow({ row, index, field, fields, errors, canRemove, onChange, onRemove }: {
  row: BuilderRow; index: number; field: CriteriaFieldView | undefined; fields: readonly CriteriaFieldView[]; errors: RowErrors | undefined;
  canRemove: boolean; onChange: (patch: Partial<Omit<BuilderRow, 'key'>>) => void; onRemove: () => void;
}) {
  const n = index + 1;
  const kind = valueKind(field, row.op);
  const hasError = Boolean(errors?.field || errors?.op || errors?.value);
  return (
    <fieldset className={`nhsuk-fieldset app-condition${hasError ? ' app-condition--error' : ''}`} data-testid="cohort-condition">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s app-condition__legend">Condition {n}</legend>
      <div className="app-condition__boxes">
        <Select id={boxId(index, 'field')} label="Field" value={row.field} error={errors?.field} onChange={(v) => onChange({ field: v })}
          options={[{ value: '', label: 'Choose a field' }, ...fields.map((f) => ({ value: f.field, label: fieldLabel(f) }))]} />
        {field && (
          <Select id={boxId(index, 'op')} label="Comparison" value={row.op} error={errors?.op} onChange={(v) => onChange({ op: v })}
            options={field.operators.map((op) => ({ value: op, label: operatorLabel(op) }))} />
        )}
        {field && kind === 'number' && (
          <TextInput id={boxId(index, 'value')} label="Value" value={row.value} error={errors?.value} onChange={(v) => onChange({ value: v })} width={5} />
        )}
        {field && kind === 'boolean' && (
          <Select id={boxId(index, 'value')} label="Value" value={row.value} error={errors?.value} onChange={(v) => onChange({ value: v })}
            options={[{ value: '', label: 'Choose' }, { value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }]} />
        )}
        {field && kind === 'choice' && (
          <Select id={boxId(index, 'value')} label="Value" value={row.value} error={errors?.value} onChange={(v) => onChange({ value: v })}
            options={[{ value: '', label: 'Choose a value' }, ...(field.values ?? []).map((v) => ({ value: v, label: valueLabel(field, v) }))]} />
        )}
        {field && kind === 'text' && (
          <TextInput id={boxId(index, 'value')} label="Value" hint="A code, for example E1" value={row.value} error={errors?.value} onChange={(v) => onChange({ value: v })} width={10} />
        )}
        {field && kind === 'texts' && (
          <TextInput id={boxId(index, 'value')} label="Values" hint="Codes separated by commas" value={row.value} error={errors?.value} onChange={(v) => onChange({ value: v })} width={20} />
        )}
      </div>
      {field && kind === 'choices' && (
        <Checkboxes
          id={boxId(index, 'value')} legend="Values" small error={errors?.value} selected={new Set(row.values)}
          options={(field.values ?? []).map((v) => ({ value: v, label: valueLabel(field, v) }))}
          onChange={(v, checked) => onChange({ values: checked ? [...row.values, v] : row.values.filter((x) => x !== v) })}
        />
      )}
      {canRemove && (
        <button type="button" className="app-link-button app-condition__remove" onClick={onRemove}>
          Remove<span className="nhsuk-u-visually-hidden"> condition {n}</span>
        </button>
      )}
    </fieldset>
  );
}
