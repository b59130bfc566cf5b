import { useEffect } from 'react';
import { matchPath, navigate, useLocation } from './lib/router.tsx';
import { Layout, type NavItem } from './ui/Layout.tsx';
import { Loading } from './ui/ErrorSummary.tsx';
import { mayUseAnalytics } from './modules/analytics/analytics-access.ts';
import { HeaderAccount } from './modules/governance/components/HeaderAccount.tsx';
import { mayUseIgScreens } from './modules/governance/roles.ts';
import { safeReturnTo, signInHref, SessionProvider, useSession } from './modules/governance/session/session-context.tsx';
import { CaseFindingPage } from './pages/analytics/CaseFindingPage.tsx';
import { CohortsPage } from './pages/analytics/CohortsPage.tsx';
import { DashboardPage } from './pages/analytics/DashboardPage.tsx';
import { EvaluationPage } from './pages/analytics/EvaluationPage.tsx';
import { AgreementEditPage } from './pages/governance/AgreementEditPage.tsx';
import { AgreementsPage } from './pages/governance/AgreementsPage.tsx';
import { AuditSearchPage } from './pages/governance/AuditSearchPage.tsx';
import { BreakGlassReviewPage } from './pages/governance/BreakGlassReviewPage.tsx';
import { GovernancePage } from './pages/governance/GovernancePage.tsx';
import { PersonGovernancePage } from './pages/governance/PersonGovernancePage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PersonPage } from './pages/PersonPage.tsx';
import { SearchPage } from './pages/SearchPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';

const NAV: NavItem[] = [
  { to: '/', label: 'Overview' },
  { to: '/search', label: 'Find a person' },
];
const ANALYTICS_NAV: NavItem = { to: '/analytics', label: 'Population health' };
const IG_NAV: NavItem = { to: '/governance', label: 'Information governance' };

/** The screens and the URLs they live at (all behind sign-in). */
function Screen({ pathname }: { pathname: string }) {
  if (pathname === '/') return <HomePage />;
  if (pathname === '/search') return <SearchPage />;
  const person = matchPath('/people/:id', pathname);
  if (person) return <PersonPage key={person.id} id={person.id!} />;
  if (pathname === '/analytics') return <DashboardPage />;
  if (pathname === '/analytics/case-finding') return <CaseFindingPage />;
  if (pathname === '/analytics/cohorts') return <CohortsPage />;
  if (pathname === '/analytics/evaluation') return <EvaluationPage />;
  if (pathname === '/governance') return <GovernancePage />;
  if (pathname === '/governance/agreements') return <AgreementsPage />;
  if (pathname === '/governance/agreements/new') return <AgreementEditPage />;
  const agreement = matchPath('/governance/agreements/:id', pathname);
  if (agreement) return <AgreementEditPage key={agreement.id} id={agreement.id!} />;
  if (pathname === '/governance/break-glass') return <BreakGlassReviewPage />;
  if (pathname === '/governance/audit') return <AuditSearchPage />;
  const igPerson = matchPath('/governance/people/:id', pathname);
  if (igPerson) return <PersonGovernancePage key={igPerson.id} id={igPerson.id!} />;
  return <NotFoundPage />;
}

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

/**
 * Everything but the sign-in page needs someone signed in. Nobody signed in: to the sign-in page,
 * remembering the screen asked for (not after signing out: the next person starts afresh). Signed
 * in on the sign-in page: on to that screen.
 */
function Shell() {
  const { state, signOut } = useSession();
  const location = useLocation();
  const { pathname } = location;
  const onSignInPage = pathname === '/sign-in';

  useEffect(() => {
    if (state.status === 'signed-out' && !onSignInPage) {
      navigate(state.reason === 'signed-out' ? '/sign-in' : signInHref(location.href), { replace: true });
    } else if (state.status === 'signed-in' && onSignInPage) {
      navigate(safeReturnTo(location.search.get('returnTo')), { replace: true });
    }
  }, [state, onSignInPage, location]);

  if (state.status !== 'signed-in') {
    return (
      <Layout serviceName="Seamless" nav={[]}>
        {state.status === 'checking' || !onSignInPage ? <Loading what="Seamless" /> : <SignInPage />}
      </Layout>
    );
  }

  const actor = state.session.actor;
  const nav = [...NAV, ...(mayUseAnalytics(actor) ? [ANALYTICS_NAV] : []), ...(mayUseIgScreens(actor.role) ? [IG_NAV] : [])];
  const searchInHeader = pathname !== '/' && pathname !== '/search';
  return (
    <Layout
      serviceName="Seamless"
      nav={nav}
      headerSearch={searchInHeader ? { action: '/search', label: 'Find a person by NHS number, date of birth or name', placeholder: 'Find a person' } : undefined}
      account={<HeaderAccount actor={actor} onSignOut={signOut} />}
    >
      {onSignInPage ? <Loading what="your screen" /> : <Screen pathname={pathname} />}
    </Layout>
  );
}
