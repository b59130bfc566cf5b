/**
 * Talking to the Seamless API. Every error from the server is an RFC 9457 problem
 * ({ title, status, detail, code }); anything else (network down, HTML from a proxy) becomes one too,
 * so screens have one shape to show.
 */
export interface Problem {
  title: string;
  status: number;
  detail: string;
  code: string;
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
}

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

/** GETs JSON; rejects with an ApiProblem whose detail can be shown to the person using the screen. */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: signal ?? null });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiProblem({
      title: 'Service unavailable', status: 0, code: 'SEAMLESS_ERR_NETWORK',
      detail: 'Seamless could not be reached. Check your connection and try again.',
    });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    throw new ApiProblem(isProblem(body) ? body : {
      title: response.statusText || 'Error', status: response.status, code: 'SEAMLESS_ERR_HTTP',
      detail: `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}. Please try again.`,
    });
  }
  if (body === undefined) {
    throw new ApiProblem({ title: 'Bad response', status: response.status, code: 'SEAMLESS_ERR_BAD_RESPONSE', detail: 'The server sent an answer Seamless could not read. Please try again.' });
  }
  return body as T;
}

/** The message to show for any error: the problem's detail, or a plain fallback. */
export function problemDetail(error: unknown): string {
  if (error instanceof ApiProblem) return error.problem.detail;
  return 'Something went wrong. Please try again.';
}
