import { useEffect, useRef, useState } from 'react';
import { pluralise } from '../../lib/format.ts';
import { isForbidden, problemDetail } from '../../lib/http.ts';
import { useDocumentTitle } from '../../lib/use-async.ts';
import { ErrorSummary, InsetText, Loading } from '../../ui/ErrorSummary.tsx';
import { NotificationBanner } from '../../ui/NotificationBanner.tsx';
import { countValue, formatSuppressed } from '../../modules/analytics/analytics-display.ts';
import type { CohortView } from '../../modules/analytics/api/analytics.types.ts';
import { AnalyticsNotAvailable, AnalyticsScreen } from '../../modules/analytics/components/AnalyticsScreen.tsx';
import { CohortBuilder } from '../../modules/analytics/components/CohortBuilder.tsx';
import { CohortComparison } from '../../modules/analytics/components/CohortComparison.tsx';
import { CohortsTable } from '../../modules/analytics/components/CohortsTable.tsx';
import { builderFromCriteria, emptyBuilder, type BuilderState } from '../../modules/analytics/criteria-builder.ts';
import { useCohorts, useComparisonPresets, useCriteriaFields } from '../../modules/analytics/hooks/use-analytics.ts';

/** Build and save cohorts, see the saved ones, and compare two of them (or a ready-made pair). */
export function CohortsPage() {
  useDocumentTitle('Cohorts');
  return (
    <AnalyticsScreen>
      <Cohorts />
    </AnalyticsScreen>
  );
}

function Cohorts() {
  const fields = useCriteriaFields();
  const [version, setVersion] = useState(0);
  const cohorts = useCohorts(version);
  const presets = useComparisonPresets();
  const [saved, setSaved] = useState<CohortView | undefined>();
  const [copy, setCopy] = useState<BuilderState | undefined>();
  const [copyProblem, setCopyProblem] = useState<string | undefined>();
  // While the list reloads after a save, the last one stays on screen (and the comparison keeps its result).
  const lastCohorts = useRef<CohortView[] | undefined>(undefined);
  if (cohorts.status === 'ok') lastCohorts.current = cohorts.data.items;
  const cohortItems = lastCohorts.current;

  useEffect(() => {
    if (copy) document.getElementById('cohort-name')?.focus();
  }, [copy]);

  if (fields.status === 'error' && isForbidden(fields.error)) return <AnalyticsNotAvailable detail={problemDetail(fields.error)} />;

  const copyIntoBuilder = (cohort: CohortView) => {
    if (fields.status !== 'ok') return;
    const rows = builderFromCriteria(cohort.criteria, fields.data.items);
    if (!rows) {
      setCopyProblem(`The criteria of ${cohort.name} are nested more deeply than the builder shows, so they cannot be copied into it.`);
      return;
    }
    setCopyProblem(undefined);
    setCopy({ ...emptyBuilder(), ...rows, name: `${cohort.name} (copy)`, description: cohort.description });
  };

  return (
    <>
      {saved && (
        <NotificationBanner success testId="cohort-saved">
          <p className="nhsuk-notification-banner__heading">
            Cohort saved: {saved.name}, {countValue(saved.size) === null ? `${formatSuppressed(saved.size)} people` : pluralise(countValue(saved.size)!, 'person', 'people')}.
          </p>
        </NotificationBanner>
      )}
      <span className="nhsuk-caption-l">Population health</span>
      <h1 className="nhsuk-heading-xl">Cohorts</h1>
      <p className="nhsuk-body-l">
        A cohort is everyone who meets a set of conditions in the latest stratification: age, locality, practice, segment, score
        bands, conditions or use of services. Compare two to find, for example, who is at high risk and not known to social care.
      </p>

      <section className="app-section" aria-labelledby="builder-heading">
        <h2 className="nhsuk-heading-l" id="builder-heading">Build a cohort</h2>
        {fields.status === 'loading' && <Loading what="the fields a cohort can use" />}
        {fields.status === 'error' && (
          <>
            <ErrorSummary title="The cohort builder could not be loaded" messages={[problemDetail(fields.error)]} />
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={fields.reload}>Try again</button>
          </>
        )}
        {fields.status === 'ok' && (
          <CohortBuilder
            fields={fields.data.items} initial={copy}
            onSaved={(cohort) => {
              setSaved(cohort);
              setCopy(undefined);
              setVersion((v) => v + 1);
            }}
          />
        )}
      </section>

      <section className="app-section" aria-labelledby="saved-heading">
        <h2 className="nhsuk-heading-l" id="saved-heading">Saved cohorts</h2>
        {copyProblem && <InsetText><p>{copyProblem}</p></InsetText>}
        {!cohortItems && cohorts.status === 'loading' && <Loading what="the saved cohorts" />}
        {cohorts.status === 'error' && (
          <>
            <ErrorSummary title="The saved cohorts could not be loaded" messages={[problemDetail(cohorts.error)]} />
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={cohorts.reload}>Try again</button>
          </>
        )}
        {cohortItems && <CohortsTable cohorts={cohortItems} onCopy={fields.status === 'ok' ? copyIntoBuilder : undefined} />}
      </section>

      <section className="app-section" aria-labelledby="compare-heading">
        <h2 className="nhsuk-heading-l" id="compare-heading">Compare cohorts</h2>
        {(!cohortItems || presets.status === 'loading') && cohorts.status !== 'error' && <Loading what="the cohorts to compare" />}
        {presets.status === 'error' && <InsetText><p>The ready-made comparisons could not be loaded: {problemDetail(presets.error)}</p></InsetText>}
        {cohortItems && presets.status !== 'loading' && (
          <CohortComparison cohorts={cohortItems} presets={presets.status === 'ok' ? presets.data.items : []} />
        )}
      </section>
    </>
  );
}
