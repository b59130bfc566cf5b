import { useState } from 'react';
import type { Actor } from '../api/session.api.ts';
import { roleLabel } from '../roles.ts';

const USER_ICON = 'M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 0 0-5 16.5V18a4 4 0 0 1 4-4h2a4 4 0 0 1 4 4v1.5A9 9 0 0 0 12 3Zm0 3a3.5 3.5 0 1 1-3.5 3.5A3.4 3.4 0 0 1 12 6Z';

/**
 * The NHS header's account area: who is signed in, their role and employing organisation (so
 * everyone can see whose access the audit log will record), and sign-out.
 */
export function HeaderAccount({ actor, organisationName, onSignOut }: { actor: Actor; organisationName?: string | undefined; onSignOut: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    try {
      await onSignOut();
    } finally {
      setBusy(false);
    }
  };
  return (
    <nav className="nhsuk-header__account" aria-label="Account" data-testid="header-account">
      <ul className="nhsuk-header__account-list">
        <li className="nhsuk-header__account-item">
          <svg className="nhsuk-icon nhsuk-icon--user" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">
            <path d={USER_ICON} />
          </svg>
          <span className="nhsuk-u-visually-hidden">Signed in as </span>
          <span data-testid="header-user">{actor.displayName}</span>
        </li>
        <li className="nhsuk-header__account-item" data-testid="header-role">
          {roleLabel(actor.role)}, {organisationName ? `${organisationName} (${actor.orgCode})` : actor.orgCode}
        </li>
        <li className="nhsuk-header__account-item">
          <form className="nhsuk-header__account-form" onSubmit={(e) => { e.preventDefault(); void signOut(); }} noValidate>
            <button className="nhsuk-header__account-button" type="submit" disabled={busy}>Sign out</button>
          </form>
        </li>
      </ul>
    </nav>
  );
}
