import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { SearchIcon } from './SearchInput.tsx';

export interface NavItem {
  to: string;
  label: string;
}

/**
 * The page frame every screen shares: skip link, NHS header with the service name, optional header
 * search, navigation, the main landmark and the footer. On a change of screen, focus moves to the
 * new page's h1 so keyboard and screen reader users start at the top of the new content.
 */
export function Layout({ serviceName, nav, headerSearch, account, children }: {
  serviceName: string;
  nav: readonly NavItem[];
  /** Who is signed in, and the sign-out button (NHS header account items); none before sign-in. */
  account?: ReactNode;
  /** Where the header search sends its query (e.g. '/search'); hidden when undefined. */
  headerSearch?: { action: string; label: string; placeholder: string } | undefined;
  children: ReactNode;
}) {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // While a screen is still loading it has no h1 yet: the main landmark takes focus instead.
    const target = document.querySelector<HTMLElement>('main h1') ?? document.querySelector<HTMLElement>('main');
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
    }
  }, [pathname]);

  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">Skip to main content</a>
      <header className="nhsuk-header" role="banner">
        <div className="nhsuk-header__container nhsuk-width-container">
          <div className="nhsuk-header__service">
            <Link className="nhsuk-header__service-logo app-header__home" to="/" aria-label={`${serviceName} homepage`}>
              <span className="nhsuk-header__service-name">{serviceName}</span>
            </Link>
          </div>
          {headerSearch && <HeaderSearch {...headerSearch} />}
          {account}
        </div>
        {nav.length > 0 && (
          <nav className="nhsuk-header__navigation" aria-label="Menu">
            <div className="nhsuk-header__navigation-container nhsuk-width-container">
              <ul className="nhsuk-header__navigation-list">
                {nav.map((item) => {
                  const current = item.to === '/' ? pathname === '/' : pathname.startsWith(item.to);
                  return (
                    <li className={`nhsuk-header__navigation-item${current ? ' nhsuk-header__navigation-item--current' : ''}`} key={item.to}>
                      <Link className="nhsuk-header__navigation-link" to={item.to} aria-current={current ? 'page' : undefined}>{item.label}</Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          </nav>
        )}
      </header>
      <div className="app-page">
        <div className="nhsuk-width-container">
          <main className="nhsuk-main-wrapper nhsuk-main-wrapper--s" id="maincontent" role="main">
            {children}
          </main>
        </div>
      </div>
      <footer className="nhsuk-footer" role="contentinfo">
        <div className="nhsuk-width-container">
          <div className="nhsuk-footer__meta">
            <h2 className="nhsuk-u-visually-hidden">Support links</h2>
            <ul className="nhsuk-footer__list">
              <li className="nhsuk-footer__list-item"><a className="nhsuk-footer__list-item-link" href="/api/docs">API documentation</a></li>
            </ul>
            <p className="nhsuk-body-s">{serviceName}: integrated health and social care for a place. Open source, MIT licence.</p>
          </div>
        </div>
      </footer>
    </>
  );
}

function HeaderSearch({ action, label, placeholder }: { action: string; label: string; placeholder: string }) {
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = value.trim();
    if (q) navigate(`${action}?q=${encodeURIComponent(q)}`);
  };
  return (
    <search className="nhsuk-header__search">
      <form className="nhsuk-header__search-form" onSubmit={submit} noValidate>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-u-visually-hidden" htmlFor="header-search-field">{label}</label>
          <div className="nhsuk-input-wrapper">
            <input
              className="nhsuk-input" id="header-search-field" name="q" type="search" autoComplete="off" spellCheck={false}
              placeholder={placeholder} value={value} onChange={(e) => setValue(e.target.value)}
            />
            <button className="nhsuk-button nhsuk-button--icon nhsuk-button--small" type="submit" aria-label="Search">
              <SearchIcon />
            </button>
          </div>
        </div>
      </form>
    </search>
  );
}
