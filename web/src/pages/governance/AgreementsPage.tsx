import { formatDate, pluralise } from '../../lib/format.ts';
import { isForbidden, problemDetail } from '../../lib/http.ts';
import { Link, useLocation } from '../../lib/router.tsx';
import { useAsync, useDocumentTitle } from '../../lib/use-async.ts';
import { BackLink } from '../../ui/BackLink.tsx';
import { ErrorSummary, InsetText, Loading } from '../../ui/ErrorSummary.tsx';
import { NotificationBanner } from '../../ui/NotificationBanner.tsx';
import { WarningCallout } from '../../ui/WarningCallout.tsx';
import { listAgreements } from '../../modules/governance/api/governance.api.ts';
import { AgreementsTable, describeEnd } from '../../modules/governance/components/AgreementsTable.tsx';
import { IgScreen, NotAvailableForRole } from '../../modules/governance/components/RoleGate.tsx';

/** The data sharing agreements register, with the agreements about to expire called out first. */
export function AgreementsPage() {
  useDocumentTitle('Data sharing agreements');
  return (
    <IgScreen>
      <AgreementsRegister />
    </IgScreen>
  );
}

function AgreementsRegister() {
  const saved = useLocation().search.get('saved');
  const register = useAsync((signal) => listAgreements(signal), []);
  if (register.status === 'error' && isForbidden(register.error)) return <NotAvailableForRole detail={problemDetail(register.error)} />;
  return (
    <>
      <BackLink to="/governance">Information governance</BackLink>
      {saved && register.status === 'ok' && (
        <NotificationBanner success testId="agreement-saved">
          <p className="nhsuk-notification-banner__heading">Agreement saved: {register.data.items.find((a) => String(a.id) === saved)?.title ?? `agreement ${saved}`}.</p>
        </NotificationBanner>
      )}
      <h1 className="nhsuk-heading-xl">Data sharing agreements</h1>
      <p className="nhsuk-body">
        Partners see each other's records only under an agreement in force that names both organisations and
        covers the category of record and the purpose. An agreement that expires stops sharing on its end date.
      </p>
      <Link className="nhsuk-button" to="/governance/agreements/new">Add an agreement</Link>
      {register.status === 'loading' && <Loading what="the agreements register" />}
      {register.status === 'error' && (
        <>
          <ErrorSummary title="The register could not be loaded" messages={[problemDetail(register.error)]} />
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={register.reload}>Try again</button>
        </>
      )}
      {register.status === 'ok' && (
        <>
          {register.data.expiring.length > 0 && (
            <WarningCallout heading={`${pluralise(register.data.expiring.length, 'agreement')} ending within ${register.data.warningDays} days`} testId="expiring-agreements">
              <p className="nhsuk-card__description">Renew or replace them before they end, or the partners will stop seeing each other's records.</p>
              <ul className="nhsuk-list nhsuk-list--bullet">
                {register.data.expiring.map((e) => (
                  <li key={e.id}>
                    <Link to={`/governance/agreements/${e.id}`}>{e.title}</Link>: {e.daysToEnd === 0 ? 'ends today' : `last day ${formatDate(e.endDate)}, ${describeEnd(e.daysToEnd).replace('Ends ', '')}`}
                  </li>
                ))}
              </ul>
            </WarningCallout>
          )}
          {register.data.items.length === 0
            ? <InsetText><p>There are no data sharing agreements yet. Without one, partners see only their own records.</p></InsetText>
            : <AgreementsTable agreements={sortByEnd(register.data.items)} mayEdit />}
        </>
      )}
    </>
  );
}

/** Active agreements by end date (soonest first), then the others. */
function sortByEnd<T extends { status: string; endDate: string; id: number }>(items: readonly T[]): T[] {
  const rank = (s: string) => (s === 'active' ? 0 : s === 'draft' ? 1 : s === 'suspended' ? 2 : 3);
  return [...items].sort((a, b) => rank(a.status) - rank(b.status) || a.endDate.localeCompare(b.endDate) || a.id - b.id);
}
