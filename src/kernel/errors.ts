/**
 * Errors with a stable code, an HTTP status and a message written for the person who has to act on it.
 * Every module throws SeamlessError; the HTTP layer turns it into application/problem+json and the CLI
 * prints the message. Codes look like SEAMLESS_ERR_<MODULE>_<WHAT>.
 */
export class SeamlessError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, status: number, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'SeamlessError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const badRequest = (code: string, message: string, details?: Record<string, unknown>) =>
  new SeamlessError(code, 400, message, details);

export const notFound = (code: string, message: string, details?: Record<string, unknown>) =>
  new SeamlessError(code, 404, message, details);

export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new SeamlessError(code, 409, message, details);

export function isSeamlessError(error: unknown): error is SeamlessError {
  return error instanceof SeamlessError;
}
