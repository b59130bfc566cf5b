import { useState } from 'react';
import { pluralise } from '../../lib/format.ts';
import { isForbidden, problemDetail } from '../../lib/http.ts';
import { Link, useLocation } from '../../lib/router.tsx';
import { useAsync, useDocumentTitle } from '../../lib/use-async.ts';
import { BackLink } from '../../ui/BackLink.tsx';
import { ErrorSummary, InsetText, Loading } from '../../ui/ErrorSummary.tsx';
import { NotificationBanner } from '../../ui/NotificationBanner.tsx';
import { listBreakGlass } from '../../modules/governance/api/governance.api.ts';
import type { BreakGlass, BreakGlassStatusFilter } from '../../modules/governance/api/governance.types.ts';
import { BreakGlassReviewItem } from '../../modules/governance/components/BreakGlassReviewItem.tsx';
import { IgScreen, NotAvailableForRole } from '../../modules/governance/components/RoleGate.tsx';

const FILTERS: { value: BreakGlassStatusFilter; label: string }[] = [
  { value: 'open', label: 'Waiting for review' },
  { value: 'appropriate', label: 'Appropriate' },
  { value: 'inappropriate', label: 'Inappropriate' },
  { value: 'all', label: 'All' },
];

/** The break-glass review queue: every emergency access waits here until an IG lead reviews it. */
export function BreakGlassReviewPage() {
  useDocumentTitle('Break-glass review');
  const raw = useLocation().search.get('status');
  const status = FILTERS.find((f) => f.value === raw)?.value ?? 'open';
  return (
    <IgScreen>
      <BackLink to="/governance">Information governance</BackLink>
      <h1 className="nhsuk-heading-xl">Break-glass review</h1>
      <p className="nhsuk-body">
        Staff can open the record of someone they have no care relationship with in an emergency, giving a reason.
        Check each one: was there a real need, and was the reason enough? Nobody can review their own access.
      </p>
      <nav className="app-filter-tabs" aria-label="Filter by review">
        <ul className="app-filter-tabs__list">
          {FILTERS.map((f) => (
            <li key={f.value} className="app-filter-tabs__item">
              {f.value === status
                ? <strong aria-current="page">{f.label}</strong>
                : <Link to={f.value === 'open' ? '/governance/break-glass' : `/governance/break-glass?status=${f.value}`}>{f.label}</Link>}
            </li>
          ))}
        </ul>
      </nav>
      <Queue key={status} status={status} />
    </IgScreen>
  );
}

function Queue({ status }: { status: BreakGlassStatusFilter }) {
  const [reviewed, setReviewed] = useState<BreakGlass[]>([]);
  const queue = useAsync((signal) => listBreakGlass(status, undefined, signal), [status]);
  if (queue.status === 'loading') return <Loading what="break-glass accesses" />;
  if (queue.status === 'error') {
    if (isForbidden(queue.error)) return <NotAvailableForRole detail={problemDetail(queue.error)} />;
    return (
      <>
        <ErrorSummary title="The review queue could not be loaded" messages={[problemDetail(queue.error)]} />
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={queue.reload}>Try again</button>
      </>
    );
  }
  const done = new Map(reviewed.map((r) => [r.id, r]));
  // Reviewed in this visit: shown as reviewed in place (they leave the open queue on the next visit).
  const items = queue.data.items.map((item) => done.get(item.id) ?? item);
  const last = reviewed[reviewed.length - 1];
  const waiting = items.filter((i) => i.reviewStatus === 'open').length;
  return (
    <>
      {last && (
        <NotificationBanner success testId="break-glass-reviewed">
          <p className="nhsuk-notification-banner__heading">
            Break-glass access to person {last.personId} reviewed as {last.reviewStatus}.
          </p>
        </NotificationBanner>
      )}
      {items.length === 0
        ? <InsetText><p>{status === 'open' ? 'There is no break-glass access waiting for review.' : 'There is no break-glass access with this review.'}</p></InsetText>
        : (
          <>
            <p className="nhsuk-body" role="status" data-testid="break-glass-count">
              {status === 'open' ? `${pluralise(waiting, 'access', 'accesses')} waiting for review` : pluralise(items.length, 'access', 'accesses')}
              {queue.data.nextCursor !== null ? ' (the newest are shown first; review these to see more)' : ''}
            </p>
            {items.map((item) => (
              <BreakGlassReviewItem key={item.id} item={item} onReviewed={(r) => setReviewed((list) => [...list.filter((x) => x.id !== r.id), r])} />
            ))}
          </>
        )}
    </>
  );
}
