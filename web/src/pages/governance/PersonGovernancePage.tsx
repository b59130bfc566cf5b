import { useDocumentTitle } from '../../lib/use-async.ts';
import { BackLink } from '../../ui/BackLink.tsx';
import { ConsentPanel } from '../../modules/governance/components/ConsentPanel.tsx';
import { PersonAccessLog } from '../../modules/governance/components/PersonAccessLog.tsx';
import { IgScreen } from '../../modules/governance/components/RoleGate.tsx';
import { NotFoundPage } from '../NotFoundPage.tsx';

/**
 * One person for information governance: their consents and objections, and who has looked at their
 * record (a subject access request). IG roles read no identifiable records, so the person is shown by
 * their Seamless ID only.
 */
export function PersonGovernancePage({ id }: { id: string }) {
  const personId = /^\d{1,12}$/.test(id) ? Number(id) : NaN;
  useDocumentTitle(`Person ${id}: consents and access log`);
  if (!Number.isSafeInteger(personId) || personId < 1) return <NotFoundPage />;
  return (
    <IgScreen>
      <BackLink to="/governance" useHistory>Back</BackLink>
      <span className="nhsuk-caption-l">Information governance</span>
      <h1 className="nhsuk-heading-xl">Person {personId}</h1>
      <ConsentPanel personId={personId} mayManage />
      <PersonAccessLog personId={personId} />
    </IgScreen>
  );
}
