import { useDocumentTitle } from '../lib/use-async.ts';
import { Link } from '../lib/router.tsx';

export function NotFoundPage({ title = 'Page not found', detail }: { title?: string; detail?: string }) {
  useDocumentTitle(title);
  return (
    <>
      <h1 className="nhsuk-heading-l">{title}</h1>
      {detail && <p className="nhsuk-body">{detail}</p>}
      <p className="nhsuk-body">If you typed the web address, check it is correct. If you followed a link, the record may have been merged or removed.</p>
      <p className="nhsuk-body"><Link to="/search">Find a person</Link> or go to the <Link to="/">overview of the place</Link>.</p>
    </>
  );
}
