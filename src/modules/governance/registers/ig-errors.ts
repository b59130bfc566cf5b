import { SeamlessError } from '../../../kernel/errors.ts';

/**
 * The errors of the IG registers and routes, each with a stable code and a message for the person who
 * has to put it right.
 */
export const IG_ERRORS = {
  NOT_SIGNED_IN: { code: 'SEAMLESS_ERR_GOVERNANCE_NOT_SIGNED_IN', status: 401 },
  FORBIDDEN: { code: 'SEAMLESS_ERR_GOVERNANCE_FORBIDDEN', status: 403 },
  PERSON_NOT_FOUND: { code: 'SEAMLESS_ERR_GOVERNANCE_PERSON_NOT_FOUND', status: 404 },
  AGREEMENT_NOT_FOUND: { code: 'SEAMLESS_ERR_GOVERNANCE_AGREEMENT_NOT_FOUND', status: 404 },
  AGREEMENT_DATES: { code: 'SEAMLESS_ERR_GOVERNANCE_AGREEMENT_DATES', status: 400 },
  AGREEMENT_PARTIES: { code: 'SEAMLESS_ERR_GOVERNANCE_AGREEMENT_PARTIES', status: 400 },
  AGREEMENT_INVALID: { code: 'SEAMLESS_ERR_GOVERNANCE_AGREEMENT_INVALID', status: 400 },
  UNKNOWN_ORGANISATION: { code: 'SEAMLESS_ERR_GOVERNANCE_UNKNOWN_ORGANISATION', status: 400 },
  UNKNOWN_CATEGORY: { code: 'SEAMLESS_ERR_GOVERNANCE_UNKNOWN_CATEGORY', status: 400 },
  UNKNOWN_PURPOSE: { code: 'SEAMLESS_ERR_GOVERNANCE_UNKNOWN_PURPOSE', status: 400 },
  CONSENT_INVALID: { code: 'SEAMLESS_ERR_GOVERNANCE_CONSENT_INVALID', status: 400 },
  CONSENT_NOT_FOUND: { code: 'SEAMLESS_ERR_GOVERNANCE_CONSENT_NOT_FOUND', status: 404 },
  CONSENT_ALREADY_ACTIVE: { code: 'SEAMLESS_ERR_GOVERNANCE_CONSENT_ALREADY_ACTIVE', status: 409 },
  CONSENT_ALREADY_WITHDRAWN: { code: 'SEAMLESS_ERR_GOVERNANCE_CONSENT_ALREADY_WITHDRAWN', status: 409 },
  BREAK_GLASS_REASON: { code: 'SEAMLESS_ERR_GOVERNANCE_BREAK_GLASS_REASON', status: 400 },
  BREAK_GLASS_NOT_FOUND: { code: 'SEAMLESS_ERR_GOVERNANCE_BREAK_GLASS_NOT_FOUND', status: 404 },
  BREAK_GLASS_ALREADY_REVIEWED: { code: 'SEAMLESS_ERR_GOVERNANCE_BREAK_GLASS_ALREADY_REVIEWED', status: 409 },
  BREAK_GLASS_OWN_REVIEW: { code: 'SEAMLESS_ERR_GOVERNANCE_BREAK_GLASS_OWN_REVIEW', status: 403 },
} as const;

export type IgErrorName = keyof typeof IG_ERRORS;

export function igError(name: IgErrorName, message: string, details?: Record<string, unknown>): SeamlessError {
  const { code, status } = IG_ERRORS[name];
  return new SeamlessError(code, status, message, details);
}
