import { isForbidden, problemDetail } from '../../lib/http.ts';
import { navigate, useLocation } from '../../lib/router.tsx';
import { useDocumentTitle } from '../../lib/use-async.ts';
import { ErrorSummary, Loading } from '../../ui/ErrorSummary.tsx';
import { areaOptions, areaParam, parseArea } from '../../modules/analytics/area.ts';
import { AnalyticsNotAvailable, AnalyticsScreen } from '../../modules/analytics/components/AnalyticsScreen.tsx';
import { AreaChooser } from '../../modules/analytics/components/AreaChooser.tsx';
import { PopulationDashboard } from '../../modules/analytics/components/PopulationDashboard.tsx';
import { useCriteriaFields, useDashboard } from '../../modules/analytics/hooks/use-analytics.ts';
import { usePlaceSummary } from '../../modules/population/hooks/use-population.ts';

/** The population dashboard for the place, a locality or a practice (?area=locality:E1). */
export function DashboardPage() {
  useDocumentTitle('Population dashboard');
  return (
    <AnalyticsScreen>
      <Dashboard />
    </AnalyticsScreen>
  );
}

function Dashboard() {
  const area = parseArea(useLocation().search.get('area'));
  const param = areaParam(area);
  const dashboard = useDashboard(param);
  // The areas to choose from: localities from the place's figures, practices from the cohort fields' values when the server lists them.
  const summary = usePlaceSummary();
  const fields = useCriteriaFields();
  const localities = summary.status === 'ok' ? summary.data.localities : [];
  const practices = fields.status === 'ok' ? (fields.data.items.find((f) => f.field === 'gpPracticeCode')?.values ?? []).map((code) => ({ code })) : [];
  const options = areaOptions(localities, practices, area);
  if (dashboard.status === 'error' && isForbidden(dashboard.error)) return <AnalyticsNotAvailable detail={problemDetail(dashboard.error)} />;
  return (
    <>
      <span className="nhsuk-caption-l">Population health</span>
      <h1 className="nhsuk-heading-xl">Population dashboard</h1>
      <AreaChooser
        value={param} place={options.place} localities={options.localities} practices={options.practices}
        onChoose={(value) => navigate(value === 'place' ? '/analytics' : `/analytics?area=${encodeURIComponent(value)}`)}
      />
      {dashboard.status === 'loading' && <Loading what="the dashboard" />}
      {dashboard.status === 'error' && (
        <>
          <ErrorSummary title="The dashboard could not be loaded" messages={[problemDetail(dashboard.error)]} />
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={dashboard.reload}>Try again</button>
        </>
      )}
      {dashboard.status === 'ok' && <PopulationDashboard view={dashboard.data} />}
    </>
  );
}
