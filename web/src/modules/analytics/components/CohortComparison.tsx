import { useEffect, useRef, useState, type FormEvent } from 'react';
import { formatCount } from '../../../lib/format.ts';
import { problemDetail } from '../../../lib/http.ts';
import { Figure } from '../../../ui/Card.tsx';
import { ErrorSummary, InsetText } from '../../../ui/ErrorSummary.tsx';
import { Select } from '../../../ui/FormFields.tsx';
import { Radios } from '../../../ui/Radios.tsx';
import { TableContainer } from '../../../ui/TableContainer.tsx';
import { countValue, formatSuppressed, sexText } from '../analytics-display.ts';
import { compareCohorts } from '../api/analytics.api.ts';
import type { CohortComparisonView, CohortView, ComparisonPreset, ComparisonShow } from '../api/analytics.types.ts';
import { checkComparisonForm, peopleCaption, type ComparisonErrors, type ComparisonForm } from '../comparison-form.ts';
import { PersonRefView } from './PersonRefView.tsx';

const LINKS: Record<keyof ComparisonErrors, string> = { a: '#compare-a', b: '#compare-b', preset: '#compare-preset' };

/**
 * Compares two cohorts (saved ones, or a ready-made comparison such as "high risk and not known to
 * social care"): how many people are in A only, in both and in B only, and who they are.
 */
export function CohortComparison({ cohorts, presets }: { cohorts: readonly CohortView[]; presets: readonly ComparisonPreset[] }) {
  const [form, setForm] = useState<ComparisonForm>({
    mode: cohorts.length < 2 && presets.length > 0 ? 'preset' : 'saved', a: '', b: '', preset: presets[0]?.key ?? '', show: 'onlyA',
  });
  const [errors, setErrors] = useState<ComparisonErrors>({});
  const [general, setGeneral] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ view: CohortComparisonView; show: ComparisonShow } | undefined>();
  const set = <K extends keyof ComparisonForm>(key: K, value: ComparisonForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const checked = checkComparisonForm(form, presets);
    setErrors(checked.errors);
    setGeneral(undefined);
    if (!checked.input) return;
    setBusy(true);
    try {
      const view = await compareCohorts(checked.input);
      setResult({ view, show: checked.input.show ?? 'onlyA' });
    } catch (error) {
      setResult(undefined);
      setGeneral(problemDetail(error));
    } finally {
      setBusy(false);
    }
  };

  const cohortOptions = [{ value: '', label: 'Choose a cohort' }, ...cohorts.map((c) => ({ value: String(c.id), label: `${c.name} (${formatSuppressed(c.size)})` }))];
  const summary = [
    ...(Object.keys(LINKS) as (keyof ComparisonErrors)[]).filter((k) => errors[k]).map((k) => ({ message: errors[k]!, link: LINKS[k] })),
    ...(general ? [{ message: general, link: undefined }] : []),
  ];
  const chosenPreset = presets.find((p) => p.key === form.preset);
  return (
    <>
      <form onSubmit={submit} noValidate data-testid="comparison-form">
        {summary.length > 0 && <ErrorSummary title="The cohorts could not be compared" messages={summary.map((s) => s.message)} links={summary.map((s) => s.link)} />}
        <Radios
          id="compare-mode" legend="What to compare" value={form.mode} onChange={(v) => set('mode', v === 'preset' ? 'preset' : 'saved')}
          options={[
            {
              value: 'saved', label: 'Two saved cohorts',
              conditional: cohorts.length === 0 ? <p className="nhsuk-body-s">Save a cohort first.</p> : (
                <>
                  <Select id="compare-a" label="Cohort A" value={form.a} onChange={(v) => set('a', v)} error={errors.a} options={cohortOptions} />
                  <Select id="compare-b" label="Cohort B" value={form.b} onChange={(v) => set('b', v)} error={errors.b} options={cohortOptions} />
                  <Radios
                    id="compare-show" legend="People to list" small value={form.show} onChange={(v) => set('show', v === 'both' ? 'both' : 'onlyA')}
                    options={[{ value: 'onlyA', label: 'In A and not in B' }, { value: 'both', label: 'In both A and B' }]}
                  />
                </>
              ),
            },
            {
              value: 'preset', label: 'A ready-made comparison',
              conditional: presets.length === 0 ? <p className="nhsuk-body-s">There are no ready-made comparisons.</p> : (
                <Select
                  id="compare-preset" label="Comparison" value={form.preset} onChange={(v) => set('preset', v)} error={errors.preset}
                  hint={chosenPreset ? `A: ${chosenPreset.a.name}. B: ${chosenPreset.b.name}. Lists the people ${chosenPreset.show === 'both' ? 'in both' : 'in A and not in B'}.` : undefined}
                  options={presets.map((p) => ({ value: p.key, label: p.label }))}
                />
              ),
            },
          ]}
        />
        <button type="submit" className="nhsuk-button" disabled={busy} aria-disabled={busy}>{busy ? 'Comparing…' : 'Compare'}</button>
      </form>
      {result && <ComparisonResult view={result.view} show={result.show} />}
    </>
  );
}

function ComparisonResult({ view, show }: { view: CohortComparisonView; show: ComparisonShow }) {
  const listed = show === 'both' ? view.counts.both : view.counts.onlyA;
  const listedCount = countValue(listed);
  const caption = peopleCaption(show, view.a.name, view.b.name);
  // A new result takes focus, so screen reader users hear that it has arrived.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [view]);
  const figure = (key: 'onlyA' | 'both' | 'onlyB', label: string) => (
    <li className={show === key ? 'app-venn__selected' : undefined} data-testid={`count-${key}`}>
      <Figure label={label} value={formatSuppressed(view.counts[key])} note={show === key ? 'Listed below' : undefined} />
    </li>
  );
  return (
    <section className="app-section" aria-labelledby="comparison-heading" data-testid="comparison-result">
      <h3 className="nhsuk-heading-m app-result-heading" id="comparison-heading" tabIndex={-1} ref={heading}>{view.a.name} compared with {view.b.name}</h3>
      <p className="nhsuk-body">
        A, {view.a.name}: {formatSuppressed(view.a.size)} people. B, {view.b.name}: {formatSuppressed(view.b.size)} people.
      </p>
      <ul className="app-venn">
        {figure('onlyA', `In ${view.a.name} only`)}
        {figure('both', 'In both')}
        {figure('onlyB', `In ${view.b.name} only`)}
      </ul>
      {view.messages.length > 0 && (
        <InsetText>
          {view.messages.map((m, i) => <p key={i}>{m}</p>)}
        </InsetText>
      )}
      {view.people.length === 0 ? (
        <p className="nhsuk-body" data-testid="comparison-nobody">{listedCount === 0 ? `Nobody is ${show === 'both' ? 'in both' : `in ${view.a.name} and not in ${view.b.name}`}.` : 'The people are not listed for your role.'}</p>
      ) : (
        <TableContainer labelledBy="comparison-people-caption">
          <table className="nhsuk-table" data-testid="comparison-people">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s" id="comparison-people-caption">
              {caption}
              {listedCount !== null && listedCount > view.people.length && <span className="app-person-ref__facts">The first {formatCount(view.people.length)} of {formatCount(listedCount)}</span>}
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th className="nhsuk-table__header" scope="col">Person</th>
                <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Age</th>
                <th className="nhsuk-table__header" scope="col">Sex</th>
                <th className="nhsuk-table__header" scope="col">GP practice</th>
                <th className="nhsuk-table__header" scope="col">Locality</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {view.people.map((p, i) => (
                <tr className="nhsuk-table__row" key={p.personId ?? p.personKey ?? i} data-testid="comparison-person">
                  <th className="nhsuk-table__header" scope="row"><PersonRefView person={p} facts={false} /></th>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{p.age ?? '–'}</td>
                  <td className="nhsuk-table__cell">{sexText(p.sex)}</td>
                  <td className="nhsuk-table__cell">{p.gpPracticeCode ?? '–'}</td>
                  <td className="nhsuk-table__cell">{p.localityCode ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableContainer>
      )}
    </section>
  );
}
