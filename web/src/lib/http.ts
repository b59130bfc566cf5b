/**
 * Talking to the Seamless API. Every error from the server is an RFC 9457 problem
 * ({ title, status, detail, code }); anything else (network down, HTML from a proxy) becomes one too,
 * so screens have one shape to show.
 *
 * The session lives in an HttpOnly cookie the browser sends by itself. Writes (POST, PUT, PATCH,
 * DELETE) also carry the session's CSRF token in the X-CSRF-Token header; the session context hands
 * the token over with setCsrfToken once it knows it. When the server says nobody is signed in (401
 * SEAMLESS_ERR_GOVERNANCE_NOT_SIGNED_IN), the listener set with onSignedOut is told, so the app can
 * send the person to the sign-in page.
 */
export interface Problem {
  title: string;
  status: number;
  detail: string;
  code: string;
  /** Extra facts some problems carry (e.g. the unknown organisations of an agreement). */
  [extra: string]: unknown;
}

export class ApiProblem extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiProblem';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}

export const NOT_SIGNED_IN = 'SEAMLESS_ERR_GOVERNANCE_NOT_SIGNED_IN';

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).detail === 'string' && typeof (value as Problem).status === 'number';
}

export type QueryValue = string | number | boolean | null | undefined | readonly string[];

/** '/api/x' plus the query parameters that have a value; arrays are joined with commas. */
export function apiUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

let csrfToken: string | undefined;
let signedOutListener: ((problem: Problem) => void) | undefined;

/** The CSRF token of the current session (undefined once signed out). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when any request finds the session gone; returns a function that stops listening. */
export function onSignedOut(listener: (problem: Problem) => void): () => void {
  signedOutListener = listener;
  return () => {
    if (signedOutListener === listener) signedOutListener = undefined;
  };
}

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  method?: 'GET' | WriteMethod;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** A 401 is this request's own answer (sign-in, who am I), not a session that ended. */
  expectUnauthorised?: boolean;
}

async function request<T>(url: string, options: RequestOptions): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, {
      method, headers, credentials: 'same-origin', signal: options.signal ?? null,
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiProblem({
      title: 'Service unavailable', status: 0, code: 'SEAMLESS_ERR_NETWORK',
      detail: 'Seamless could not be reached. Check your connection and try again.',
    });
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem: Problem = isProblem(body) ? body : {
      title: response.statusText || 'Error', status: response.status, code: 'SEAMLESS_ERR_HTTP',
      detail: `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}. Please try again.`,
    };
    if (response.status === 401 && !options.expectUnauthorised && problem.code === NOT_SIGNED_IN) signedOutListener?.(problem);
    throw new ApiProblem(problem);
  }
  if (body === undefined) {
    throw new ApiProblem({ title: 'Bad response', status: response.status, code: 'SEAMLESS_ERR_BAD_RESPONSE', detail: 'The server sent an answer Seamless could not read. Please try again.' });
  }
  return body as T;
}

/** GETs JSON; rejects with an ApiProblem whose detail can be shown to the person using the screen. */
export function getJson<T>(url: string, signal?: AbortSignal, options: { expectUnauthorised?: boolean } = {}): Promise<T> {
  return request<T>(url, { signal, ...options });
}

/** Sends a write with the session's CSRF token; a 204 answers undefined. */
export function sendJson<T>(method: WriteMethod, url: string, body?: unknown, options: { expectUnauthorised?: boolean; signal?: AbortSignal } = {}): Promise<T> {
  return request<T>(url, { method, body, ...options });
}

/** The message to show for any error: the problem's detail, or a plain fallback. */
export function problemDetail(error: unknown): string {
  if (error instanceof ApiProblem) return error.problem.detail;
  return 'Something went wrong. Please try again.';
}

/** True for a refusal because of the person's role or access (403). */
export function isForbidden(error: unknown): boolean {
  return error instanceof ApiProblem && error.status === 403;
}
