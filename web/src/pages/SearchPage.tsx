import { problemDetail } from '../lib/http.ts';
import { useLocation } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-async.ts';
import { ErrorSummary, Loading } from '../ui/ErrorSummary.tsx';
import { PersonSearchForm, validateSearch } from '../modules/population/components/PersonSearchForm.tsx';
import { PersonSearchResults } from '../modules/population/components/PersonSearchResults.tsx';
import { usePersonSearch } from '../modules/population/hooks/use-population.ts';

export function SearchPage() {
  const q = (useLocation().search.get('q') ?? '').trim();
  useDocumentTitle(q ? `Search results for ‘${q}’` : 'Find a person');
  return (
    <>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <PersonSearchForm initialValue={q} labelAsHeading label="Find a person" />
        </div>
      </div>
      {q && <Results q={q} />}
    </>
  );
}

function Results({ q }: { q: string }) {
  const invalid = validateSearch(q);
  const search = usePersonSearch(invalid ? '' : q);
  if (invalid) return <ErrorSummary messages={[invalid]} links={['#person-search']} />;
  if (search.status === 'loading') return <Loading what="search results" />;
  if (search.status === 'error') return <ErrorSummary title="The search could not be completed" messages={[problemDetail(search.error)]} />;
  return <PersonSearchResults q={q} result={search.data} />;
}
