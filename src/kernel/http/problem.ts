import type { FastifyReply, FastifyError, FastifyRequest } from 'fastify';
import { isSeamlessError } from '../errors.ts';

/**
 * Errors leave the server as RFC 9457 problem details: a stable code for programs and a message for
 * people. 5xx messages are replaced with a generic one so internals never leak.
 */
export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
  required: ['title', 'status', 'detail', 'code'],
} as const;

const TITLES: Record<number, string> = {
  400: 'Bad request', 401: 'Not signed in', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict',
  413: 'Request too large', 415: 'Unsupported media type', 422: 'Unprocessable content', 429: 'Too many requests',
  500: 'Internal server error', 503: 'Service unavailable',
};

export function sendProblem(reply: FastifyReply, status: number, code: string, detail: string, extra: Record<string, unknown> = {}) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, code, ...extra });
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (isSeamlessError(error)) {
    return sendProblem(reply, error.status, error.code, error.message, error.details ? { details: error.details } : {});
  }
  if (error.validation) {
    const errors = error.validation.map((v) => ({ where: `${error.validationContext ?? 'request'}${v.instancePath}`, message: v.message }));
    const detail = errors.map((e) => `${e.where} ${e.message}`).join('; ');
    return sendProblem(reply, 400, 'SEAMLESS_ERR_VALIDATION', `The request is not valid: ${detail}`, { errors });
  }
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 500) {
    request.log.error({ err: { code: error.code, message: error.message, stack: error.stack } }, 'unhandled error');
    return sendProblem(reply, 500, 'SEAMLESS_ERR_INTERNAL', 'Something went wrong on the server. It has been logged; please try again.');
  }
  return sendProblem(reply, status, error.code ?? 'SEAMLESS_ERR_HTTP', error.message);
}
