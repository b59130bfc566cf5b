import type { ReactNode } from 'react';
import { Link, useLocation } from '../../../lib/router.tsx';
import { useDocumentTitle } from '../../../lib/use-async.ts';
import { roleLabel } from '../../governance/roles.ts';
import { useActor } from '../../governance/session/session-context.tsx';
import { analyticsSections, mayUseAnalytics } from '../analytics-access.ts';
import '../analytics.css';

/**
 * The frame of every population health screen: the section's pages (NHS contents list) for the
 * signed-in user's role, then the screen. Roles that may not use analytics get a page saying so.
 */
export function AnalyticsScreen({ children, allowed = true }: { children: ReactNode; allowed?: boolean }) {
  const actor = useActor();
  const { pathname } = useLocation();
  if (!mayUseAnalytics(actor) || !allowed) return <AnalyticsNotAvailable />;
  const sections = analyticsSections(actor);
  return (
    <>
      <nav className="nhsuk-contents-list app-analytics-sections" role="navigation" aria-label="Population health">
        <h2 className="nhsuk-u-visually-hidden">Population health</h2>
        <ol className="nhsuk-contents-list__list">
          {sections.map((s) => {
            const current = pathname === s.to;
            return (
              <li className="nhsuk-contents-list__item" key={s.to} aria-current={current ? 'page' : undefined}>
                {current ? <span className="nhsuk-contents-list__current">{s.label}</span> : <Link className="nhsuk-contents-list__link" to={s.to}>{s.label}</Link>}
              </li>
            );
          })}
        </ol>
      </nav>
      {children}
    </>
  );
}

/** What a role that may not use a population health screen sees (also after a 403 from the API). */
export function AnalyticsNotAvailable({ detail }: { detail?: string | undefined }) {
  useDocumentTitle('Not available for your role');
  const actor = useActor();
  return (
    <div className="nhsuk-grid-row" data-testid="not-available">
      <div className="nhsuk-grid-column-two-thirds">
        <h1 className="nhsuk-heading-l">This page is not available for your role</h1>
        <p className="nhsuk-body">
          Population health screens are for staff planning services (analysts and commissioners) and for staff giving
          direct care; case finding is for direct care teams. You are signed in with the role <strong>{roleLabel(actor.role)}</strong>.
        </p>
        {detail && <p className="nhsuk-body">{detail}</p>}
        <p className="nhsuk-body"><Link to="/">Go to the overview of the place</Link></p>
      </div>
    </div>
  );
}
