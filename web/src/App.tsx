import { matchPath, useLocation } from './lib/router.tsx';
import { Layout, type NavItem } from './ui/Layout.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PersonPage } from './pages/PersonPage.tsx';
import { SearchPage } from './pages/SearchPage.tsx';

const NAV: NavItem[] = [
  { to: '/', label: 'Overview' },
  { to: '/search', label: 'Find a person' },
];

/** The screens and the URLs they live at. */
function Screen({ pathname }: { pathname: string }) {
  if (pathname === '/') return <HomePage />;
  if (pathname === '/search') return <SearchPage />;
  const person = matchPath('/people/:id', pathname);
  if (person) return <PersonPage key={person.id} id={person.id!} />;
  return <NotFoundPage />;
}

export function App() {
  const { pathname } = useLocation();
  const searchInHeader = pathname !== '/' && pathname !== '/search';
  return (
    <Layout
      serviceName="Seamless"
      nav={NAV}
      headerSearch={searchInHeader ? { action: '/search', label: 'Find a person by NHS number, date of birth or name', placeholder: 'Find a person' } : undefined}
    >
      <Screen pathname={pathname} />
    </Layout>
  );
}
