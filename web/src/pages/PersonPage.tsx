import { useState } from 'react';
import { ApiProblem, problemDetail } from '../lib/http.ts';
import { navigate, useLocation } from '../lib/router.tsx';
import { useDocumentTitle } from '../lib/use-async.ts';
import { BackLink } from '../ui/BackLink.tsx';
import { ErrorSummary, Loading } from '../ui/ErrorSummary.tsx';
import { ActivityCounts, PersonBanner, PersonDemographics, PersonIdentifiers } from '../modules/population/components/PersonRecordView.tsx';
import { PersonTimeline } from '../modules/population/components/PersonTimeline.tsx';
import { usePerson } from '../modules/population/hooks/use-population.ts';
import { personName } from '../modules/population/person-display.ts';
import { parseSettingsParam, SETTINGS, type Setting } from '../modules/population/settings.ts';
import { AccessNotice } from '../modules/governance/components/AccessNotice.tsx';
import { ConsentPanel } from '../modules/governance/components/ConsentPanel.tsx';
import { PersonAccessLog } from '../modules/governance/components/PersonAccessLog.tsx';
import { mayManageConsents, mayOpenBreakGlass, mayReadAccessLog } from '../modules/governance/roles.ts';
import { useActor } from '../modules/governance/session/session-context.tsx';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

export function PersonPage({ id }: { id: string }) {
  const personId = /^\d+$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(personId) || personId < 1) return <NotFoundPage />;
  return <PersonRecordPage personId={personId} />;
}

function PersonRecordPage({ personId }: { personId: number }) {
  const location = useLocation();
  const actor = useActor();
  // Bumped when access changes on this page: break-glass reloads the whole record, a consent the
  // timeline and the access log.
  const [recordVersion, setRecordVersion] = useState(0);
  const [accessVersion, setAccessVersion] = useState(0);
  const [breakGlassOpened, setBreakGlassOpened] = useState(false);
  const accessChanged = () => setAccessVersion((n) => n + 1);
  const breakGlass = () => {
    setBreakGlassOpened(true);
    setRecordVersion((n) => n + 1);
    accessChanged();
  };
  const record = usePerson(personId, recordVersion);
  useDocumentTitle(record.status === 'ok' ? personName(record.data.person) : 'Person record');
  const selected = parseSettingsParam(location.search.get('settings'));

  const setSelected = (settings: Setting[]) => {
    const params = new URLSearchParams(location.search);
    if (settings.length === SETTINGS.length) params.delete('settings');
    else params.set('settings', settings.join(','));
    const query = params.toString();
    navigate(`${location.pathname}${query ? `?${query}` : ''}`, { replace: true });
  };

  if (record.status === 'loading') return <Loading what="person record" />;
  if (record.status === 'error') {
    if (record.error instanceof ApiProblem && record.error.status === 404) {
      return <NotFoundPage title="Person not found" detail={problemDetail(record.error)} />;
    }
    return (
      <>
        <h1 className="nhsuk-heading-l">Person record</h1>
        <ErrorSummary title="The record could not be loaded" messages={[problemDetail(record.error)]} />
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={record.reload}>Try again</button>
      </>
    );
  }
  const data = record.data;
  return (
    <>
      <BackLink to="/search" useHistory>Back</BackLink>
      {breakGlassOpened && (
        <NotificationBanner success testId="break-glass-opened">
          <p className="nhsuk-notification-banner__heading">You opened this record with break-glass access.</p>
          <p className="nhsuk-body">Your reason has been recorded and will be reviewed by information governance. Access ends after a few hours.</p>
        </NotificationBanner>
      )}
      <PersonBanner record={data} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <PersonDemographics record={data} />
          <PersonIdentifiers record={data} />
        </div>
        <div className="nhsuk-grid-column-one-third">
          <ActivityCounts record={data} />
        </div>
      </div>
      <PersonTimeline
        key={accessVersion} personId={data.person.id} selected={selected} onSelectedChange={setSelected}
        renderAccessNote={(note) => <AccessNotice personId={data.person.id} note={note} mayBreakGlass={mayOpenBreakGlass(actor.role)} onOpened={breakGlass} />}
      />
      <ConsentPanel personId={data.person.id} mayManage={mayManageConsents(actor.role)} onChanged={accessChanged} />
      {mayReadAccessLog(actor.role) && <PersonAccessLog personId={data.person.id} version={accessVersion} />}
    </>
  );
}
