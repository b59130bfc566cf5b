import type { ReactNode } from 'react';
import { Link } from '../../../lib/router.tsx';
import { useDocumentTitle } from '../../../lib/use-async.ts';
import { mayUseIgScreens, roleLabel } from '../roles.ts';
import { useActor } from '../session/session-context.tsx';

/** The IG screens are for IG leads and administrators; everyone else gets a page that says so. */
export function IgScreen({ children }: { children: ReactNode }) {
  const actor = useActor();
  if (!mayUseIgScreens(actor.role)) return <NotAvailableForRole />;
  return <>{children}</>;
}

/** What a role that may not use a screen sees (also after a 403 from the API). */
export function NotAvailableForRole({ detail }: { detail?: string | undefined }) {
  useDocumentTitle('Not available for your role');
  const actor = useActor();
  return (
    <div className="nhsuk-grid-row" data-testid="not-available">
      <div className="nhsuk-grid-column-two-thirds">
        <h1 className="nhsuk-heading-l">This page is not available for your role</h1>
        <p className="nhsuk-body">
          The information governance screens are for information governance leads and administrators. You are
          signed in with the role <strong>{roleLabel(actor.role)}</strong>.
        </p>
        {detail && <p className="nhsuk-body">{detail}</p>}
        <p className="nhsuk-body">If you need to use this page, ask your organisation's information governance lead.</p>
        <p className="nhsuk-body"><Link to="/">Go to the overview of the place</Link></p>
      </div>
    </div>
  );
}
