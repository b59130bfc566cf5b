import { useState, type FormEvent, type ReactNode } from 'react';
import { problemDetail } from '../../../lib/http.ts';
import { ErrorSummary } from '../../../ui/ErrorSummary.tsx';
import { TextInput } from '../../../ui/FormFields.tsx';

interface FieldErrors { username?: string | undefined; password?: string | undefined }

/**
 * Username and password, with the NHS error pattern: missing fields are named in an error summary
 * that links to them and beside each field; a refusal from the server (wrong password, locked
 * account) is shown in the summary as the server worded it. The summary goes above the page heading
 * (children), as the NHS error summary pattern asks.
 */
export function SignInForm({ onSignIn, children }: { onSignIn: (username: string, password: string) => Promise<void>; children?: ReactNode }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const errors: FieldErrors = {
      username: username.trim() ? undefined : 'Enter your username',
      password: password ? undefined : 'Enter your password',
    };
    setFieldErrors(errors);
    setRefusal(undefined);
    if (errors.username || errors.password) return;
    setBusy(true);
    try {
      await onSignIn(username.trim(), password);
    } catch (error) {
      setPassword('');
      setRefusal(problemDetail(error));
      setBusy(false);
    }
  };

  const summary = [
    ...(fieldErrors.username ? [{ message: fieldErrors.username, link: '#username' }] : []),
    ...(fieldErrors.password ? [{ message: fieldErrors.password, link: '#password' }] : []),
    ...(refusal ? [{ message: refusal, link: '#username' }] : []),
  ];

  return (
    <form onSubmit={submit} noValidate data-testid="sign-in-form">
      {summary.length > 0 && <ErrorSummary messages={summary.map((s) => s.message)} links={summary.map((s) => s.link)} />}
      {children}
      <TextInput
        id="username" name="username" label="Username" autoComplete="username" spellCheck={false} autoCapitalize="none"
        value={username} onChange={setUsername} error={fieldErrors.username} width={20}
      />
      <TextInput
        id="password" name="password" label="Password" type="password" autoComplete="current-password"
        value={password} onChange={setPassword} error={fieldErrors.password} width={20}
      />
      <button className="nhsuk-button" type="submit" disabled={busy} aria-disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
    </form>
  );
}
