import { problemDetail } from '../lib/http.ts';
import { useDocumentTitle } from '../lib/use-async.ts';
import { ErrorSummary, InsetText } from '../ui/ErrorSummary.tsx';
import { SignInForm } from '../modules/governance/components/SignInForm.tsx';
import { useSession } from '../modules/governance/session/session-context.tsx';

/**
 * Sign in; the app then goes back to the screen the person asked for (returnTo), or the overview.
 * Single sign-on (/api/governance/oidc/login) gets a link here once the server says whether it is
 * set up (it has no route for that yet).
 */
export function SignInPage() {
  useDocumentTitle('Sign in');
  const { state, signIn } = useSession();

  const reason = state.status === 'signed-out' ? state.reason : undefined;
  const startupError = state.status === 'signed-out' ? state.error : undefined;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {startupError !== undefined && <ErrorSummary title="Seamless could not check whether you are signed in" messages={[problemDetail(startupError)]} />}
        <SignInForm onSignIn={signIn}>
          <h1 className="nhsuk-heading-l">Sign in to Seamless</h1>
          {reason === 'ended' && <InsetText><p>Your session has ended. Sign in again to carry on where you were.</p></InsetText>}
          {reason === 'signed-out' && <InsetText><p data-testid="signed-out">You have signed out.</p></InsetText>}
          <p className="nhsuk-body">Sign in with the username and password your organisation gave you.</p>
        </SignInForm>
        <p className="nhsuk-body-s app-muted">
          Seamless records every time you look at or change a person's record, with who you are, your
          organisation and your role. Use it only for the care of the people you work with, or for the
          purpose your role allows.
        </p>
      </div>
    </div>
  );
}
