import { problemDetail } from '../lib/http.ts';
import { useDocumentTitle } from '../lib/use-async.ts';
import { ErrorSummary, Loading } from '../ui/ErrorSummary.tsx';
import { PersonSearchForm } from '../modules/population/components/PersonSearchForm.tsx';
import { PlaceSummaryView } from '../modules/population/components/PlaceSummaryView.tsx';
import { usePlaceSummary } from '../modules/population/hooks/use-population.ts';

export function HomePage() {
  useDocumentTitle('Overview of the place');
  const summary = usePlaceSummary();
  return (
    <>
      <h1 className="nhsuk-heading-xl">Overview of the place</h1>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <PersonSearchForm label="Find a person" />
        </div>
      </div>
      {summary.status === 'loading' && <Loading what="the place's figures" />}
      {summary.status === 'error' && (
        <>
          <ErrorSummary title="The place's figures could not be loaded" messages={[problemDetail(summary.error)]} />
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={summary.reload}>Try again</button>
        </>
      )}
      {summary.status === 'ok' && <PlaceSummaryView summary={summary.data} />}
    </>
  );
}
