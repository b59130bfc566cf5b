import { useEffect, useState, type FormEvent } from 'react';
import { isForbidden, problemDetail } from '../../lib/http.ts';
import { navigate, useLocation } from '../../lib/router.tsx';
import { useDocumentTitle } from '../../lib/use-async.ts';
import { ErrorSummary, Loading } from '../../ui/ErrorSummary.tsx';
import { chooseTeam, mayUseCaseFinding, seesIdentities } from '../../modules/analytics/analytics-access.ts';
import { AnalyticsNotAvailable, AnalyticsScreen } from '../../modules/analytics/components/AnalyticsScreen.tsx';
import { CaseFindingList } from '../../modules/analytics/components/CaseFindingList.tsx';
import { RunStatus } from '../../modules/analytics/components/RunStatus.tsx';
import { useCaseFinding } from '../../modules/analytics/hooks/use-analytics.ts';
import { useActor } from '../../modules/governance/session/session-context.tsx';

/** A team's case-finding list (?team=<code>, one of the signed-in user's teams); planning users see the place on keys. */
export function CaseFindingPage() {
  useDocumentTitle('Case finding');
  const actor = useActor();
  return (
    <AnalyticsScreen allowed={mayUseCaseFinding(actor)}>
      <CaseFinding />
    </AnalyticsScreen>
  );
}

function CaseFinding() {
  const actor = useActor();
  const team = chooseTeam(actor, useLocation().search.get('team'));
  const list = useCaseFinding(team);
  if (list.status === 'error' && isForbidden(list.error)) return <AnalyticsNotAvailable detail={problemDetail(list.error)} />;
  const teamName = list.status === 'ok' && list.data.team ? list.data.team.name : undefined;
  return (
    <>
      <span className="nhsuk-caption-l">Population health</span>
      <h1 className="nhsuk-heading-xl">Case finding</h1>
      <p className="nhsuk-body-l">
        People who met at least one case-finding rule in the latest stratification, such as two or more unplanned admissions in a
        year, with their predicted risk of an emergency admission in the next 12 months and why.
      </p>
      {seesIdentities(actor)
        ? actor.teamCodes.length > 1 && <TeamChooser teams={actor.teamCodes} value={team ?? ''} />
        : <p className="nhsuk-body" data-testid="keys-note">You are signed in for planning, so people are shown by pseudonymised key, not by name.</p>}
      {team && <h2 className="nhsuk-heading-l" data-testid="case-finding-team">{teamName ? `${teamName} (${team})` : team}</h2>}
      {list.status === 'loading' && <Loading what="the case-finding list" />}
      {list.status === 'error' && (
        <>
          <ErrorSummary title="The case-finding list could not be loaded" messages={[problemDetail(list.error)]} />
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={list.reload}>Try again</button>
        </>
      )}
      {list.status === 'ok' && (
        <>
          <RunStatus run={list.data.run} />
          {list.data.run && <CaseFindingList view={list.data} />}
        </>
      )}
    </>
  );
}

function TeamChooser({ teams, value }: { teams: readonly string[]; value: string }) {
  const [choice, setChoice] = useState(value);
  useEffect(() => setChoice(value), [value]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/analytics/case-finding?team=${encodeURIComponent(choice)}`);
  };
  return (
    <form className="app-area-chooser" onSubmit={submit} noValidate data-testid="team-chooser">
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="team">Team</label>
        <select className="nhsuk-select" id="team" name="team" value={choice} onChange={(e) => setChoice(e.target.value)}>
          {teams.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
      </div>
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">Show this team</button>
    </form>
  );
}
