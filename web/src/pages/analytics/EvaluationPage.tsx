import { useState } from 'react';
import { isForbidden, problemDetail } from '../../lib/http.ts';
import { Link } from '../../lib/router.tsx';
import { useDocumentTitle } from '../../lib/use-async.ts';
import { ErrorSummary, InsetText, Loading } from '../../ui/ErrorSummary.tsx';
import type { EvaluationView } from '../../modules/analytics/api/analytics.types.ts';
import { AnalyticsNotAvailable, AnalyticsScreen } from '../../modules/analytics/components/AnalyticsScreen.tsx';
import { EvaluationFormView } from '../../modules/analytics/components/EvaluationFormView.tsx';
import { EvaluationResult } from '../../modules/analytics/components/EvaluationResult.tsx';
import { useCohorts } from '../../modules/analytics/hooks/use-analytics.ts';

/** Before/after evaluation of a saved cohort that received an intervention, against a matched comparison group. */
export function EvaluationPage() {
  useDocumentTitle('Evaluate an intervention');
  return (
    <AnalyticsScreen>
      <Evaluation />
    </AnalyticsScreen>
  );
}

function Evaluation() {
  const cohorts = useCohorts();
  const [result, setResult] = useState<EvaluationView | undefined>();
  if (cohorts.status === 'error' && isForbidden(cohorts.error)) return <AnalyticsNotAvailable detail={problemDetail(cohorts.error)} />;
  return (
    <>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <span className="nhsuk-caption-l">Population health</span>
          <h1 className="nhsuk-heading-xl">Evaluate an intervention</h1>
          <p className="nhsuk-body-l">
            Did A&amp;E attendances, emergency admissions, bed days and social care costs change for the people who received an
            intervention, compared with similar people who did not?
          </p>
          <p className="nhsuk-body">
            Each person in the cohort is matched to someone of the same sex, age band and month with a similar risk and use of services
            before. The difference-in-differences compares how each group changed.
          </p>
          {cohorts.status === 'loading' && <Loading what="the saved cohorts" />}
          {cohorts.status === 'error' && (
            <>
              <ErrorSummary title="The saved cohorts could not be loaded" messages={[problemDetail(cohorts.error)]} />
              <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={cohorts.reload}>Try again</button>
            </>
          )}
          {cohorts.status === 'ok' && cohorts.data.items.length === 0 && (
            <InsetText><p data-testid="no-cohorts">There are no saved cohorts to evaluate. <Link to="/analytics/cohorts">Build and save a cohort</Link> of the people who received the intervention first.</p></InsetText>
          )}
          {cohorts.status === 'ok' && cohorts.data.items.length > 0 && <EvaluationFormView cohorts={cohorts.data.items} onResult={setResult} />}
        </div>
      </div>
      {result && <EvaluationResult view={result} />}
    </>
  );
}
