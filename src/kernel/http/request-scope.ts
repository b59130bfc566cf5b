import type { FastifyRequest } from 'fastify';
import type { Scope } from '../access/scope.ts';
import { SeamlessError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the app for a signed-in actor before any module route runs. */
    scope: Scope | undefined;
  }
}

/** The request's scope; routes that touch personal data call this first, so none can run unauthenticated. */
export function requireScope(request: FastifyRequest): Scope {
  if (!request.scope) throw new SeamlessError('SEAMLESS_ERR_GOVERNANCE_NOT_SIGNED_IN', 401, 'Sign in to see this.');
  return request.scope;
}
