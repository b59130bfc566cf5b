import { DATA_CATEGORIES } from '../../../kernel/access/actor.ts';
import { AGREEMENT_PURPOSES, AGREEMENT_STATUSES } from './agreement.ts';
import { BREAK_GLASS_REVIEW_STATUSES, MAX_BREAK_GLASS_REASON } from './break-glass.ts';
import { CONSENT_KINDS } from './consent.ts';

/**
 * JSON schemas of the register routes. Request schemas bound every field's type and length; the
 * domain checks values (purposes, categories, dates, kinds) so that each mistake gets its own error
 * code and message. Response schemas list every field, so nothing else can leak.
 */
const problem = { $ref: 'Problem#' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const idParams = (name: string) => ({ type: 'object', properties: { [name]: { type: 'integer', minimum: 1 } }, required: [name], additionalProperties: false }) as const;
const shortText = (max: number) => ({ type: 'string', maxLength: max }) as const;

export const agreementSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, title: { type: 'string' }, legalBasis: { type: 'string' },
    purposes: { type: 'array', items: { type: 'string' } }, dataCategories: { type: 'array', items: { type: 'string' } },
    startDate: { type: 'string' }, endDate: { type: 'string' }, status: { type: 'string' }, parties: { type: 'array', items: { type: 'string' } },
    createdBy: { type: 'string' }, createdAt: { type: 'string' }, updatedBy: nullableString, updatedAt: nullableString,
    inForce: { type: 'boolean' }, daysToEnd: { type: 'integer' }, expiring: { type: 'boolean' },
  },
  required: ['id', 'title', 'legalBasis', 'purposes', 'dataCategories', 'startDate', 'endDate', 'status', 'parties', 'createdBy', 'createdAt', 'updatedBy', 'updatedAt', 'inForce', 'daysToEnd', 'expiring'],
  additionalProperties: false,
} as const;

const agreementBody = {
  type: 'object',
  properties: {
    title: shortText(200),
    legalBasis: shortText(1000),
    purposes: { type: 'array', maxItems: 10, items: shortText(40), description: `Any of ${AGREEMENT_PURPOSES.join(', ')}` },
    dataCategories: { type: 'array', maxItems: 20, items: shortText(40), description: `Any of ${DATA_CATEGORIES.join(', ')}` },
    startDate: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD, first day in force' },
    endDate: { type: 'string', maxLength: 10, description: 'YYYY-MM-DD, last day in force' },
    status: { type: 'string', maxLength: 20, description: `One of ${AGREEMENT_STATUSES.join(', ')} (default active)` },
    parties: { type: 'array', maxItems: 100, items: shortText(20), description: 'Codes of the partner organisations (two or more)' },
  },
  required: ['title', 'legalBasis', 'purposes', 'dataCategories', 'startDate', 'endDate', 'parties'],
  additionalProperties: false,
} as const;

const expiringSchema = {
  type: 'array',
  description: 'Active agreements ending within the warning window, soonest first',
  items: {
    type: 'object',
    properties: { id: { type: 'integer' }, title: { type: 'string' }, endDate: { type: 'string' }, daysToEnd: { type: 'integer' } },
    required: ['id', 'title', 'endDate', 'daysToEnd'],
    additionalProperties: false,
  },
} as const;

export const listAgreementsSchema = {
  tags: ['governance'],
  summary: 'The data sharing agreements register, with expiry warnings',
  querystring: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: [...AGREEMENT_STATUSES] },
      org: { type: 'string', maxLength: 20 },
      inForceOn: { type: 'string', maxLength: 10, description: 'Only agreements in force on this day (YYYY-MM-DD)' },
      expiring: { type: 'boolean', description: 'Only agreements ending within the warning window' },
    },
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: { items: { type: 'array', items: agreementSchema }, expiring: expiringSchema, warningDays: { type: 'integer' } },
      required: ['items', 'expiring', 'warningDays'],
      additionalProperties: false,
    },
    400: problem, 401: problem,
  },
} as const;

export const getAgreementSchema = {
  tags: ['governance'],
  summary: 'One data sharing agreement',
  params: idParams('id'),
  response: { 200: agreementSchema, 401: problem, 404: problem },
} as const;

export const createAgreementSchema = {
  tags: ['governance'],
  summary: 'Add a data sharing agreement (IG lead, administrator)',
  body: agreementBody,
  response: { 201: agreementSchema, 400: problem, 401: problem, 403: problem },
} as const;

export const updateAgreementSchema = {
  tags: ['governance'],
  summary: "Replace a data sharing agreement's terms and parties (IG lead, administrator)",
  params: idParams('id'),
  body: agreementBody,
  response: { 200: agreementSchema, 400: problem, 401: problem, 403: problem, 404: problem },
} as const;

export const consentSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, personId: { type: 'integer' }, kind: { type: 'string' }, category: nullableString, orgCode: nullableString,
    note: nullableString, recordedAt: { type: 'string' }, recordedBy: { type: 'string' }, withdrawnAt: nullableString, withdrawnBy: nullableString,
    active: { type: 'boolean' },
  },
  required: ['id', 'personId', 'kind', 'category', 'orgCode', 'note', 'recordedAt', 'recordedBy', 'withdrawnAt', 'withdrawnBy', 'active'],
  additionalProperties: false,
} as const;

export const listConsentsSchema = {
  tags: ['governance'],
  summary: "A person's consents and objections, newest first",
  params: idParams('id'),
  querystring: { type: 'object', properties: { includeWithdrawn: { type: 'boolean', default: true } }, additionalProperties: false },
  response: {
    200: { type: 'object', properties: { items: { type: 'array', items: consentSchema } }, required: ['items'], additionalProperties: false },
    401: problem, 403: problem, 404: problem,
  },
} as const;

export const recordConsentSchema = {
  tags: ['governance'],
  summary: 'Record a consent, an objection, a category restriction or a national data opt-out for a person',
  params: idParams('id'),
  body: {
    type: 'object',
    properties: {
      kind: { type: 'string', maxLength: 40, description: `One of ${CONSENT_KINDS.join(', ')}` },
      category: { type: ['string', 'null'], maxLength: 40, description: `For restrict_category (required) and consent_to_share: one of ${DATA_CATEGORIES.join(', ')}` },
      orgCode: { type: ['string', 'null'], maxLength: 20, description: 'For objection_to_sharing and consent_to_share: the one organisation it concerns' },
      note: { type: ['string', 'null'], maxLength: 1000 },
    },
    required: ['kind'],
    additionalProperties: false,
  },
  response: { 201: consentSchema, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem },
} as const;

export const withdrawConsentSchema = {
  tags: ['governance'],
  summary: 'Withdraw a consent or objection (the record is kept)',
  params: idParams('consentId'),
  response: { 200: consentSchema, 401: problem, 403: problem, 404: problem, 409: problem },
} as const;

export const breakGlassSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, personId: { type: 'integer' }, staffId: { type: 'string' }, staffName: nullableString, orgCode: { type: 'string' },
    reason: { type: 'string' }, openedAt: { type: 'string' }, expiresAt: { type: 'string' }, active: { type: 'boolean' },
    reviewStatus: { type: 'string' }, reviewedBy: nullableString, reviewedAt: nullableString, reviewNote: nullableString,
  },
  required: ['id', 'personId', 'staffId', 'orgCode', 'reason', 'openedAt', 'expiresAt', 'active', 'reviewStatus', 'reviewedBy', 'reviewedAt', 'reviewNote'],
  additionalProperties: false,
} as const;

export const openBreakGlassSchema = {
  tags: ['governance'],
  summary: "Break-glass: open a person's record in an emergency, with a reason (flagged for IG review)",
  params: idParams('id'),
  body: {
    type: 'object',
    properties: { reason: { type: 'string', maxLength: MAX_BREAK_GLASS_REASON } },
    required: ['reason'],
    additionalProperties: false,
  },
  response: { 201: breakGlassSchema, 400: problem, 401: problem, 403: problem, 404: problem },
} as const;

export const listBreakGlassSchema = {
  tags: ['governance'],
  summary: 'The break-glass review queue, newest first',
  querystring: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: [...BREAK_GLASS_REVIEW_STATUSES, 'all'], default: 'open' },
      limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
      cursor: { type: 'integer', minimum: 1 },
    },
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: { items: { type: 'array', items: breakGlassSchema }, nextCursor: { type: ['integer', 'null'] } },
      required: ['items', 'nextCursor'],
      additionalProperties: false,
    },
    401: problem, 403: problem,
  },
} as const;

export const reviewBreakGlassSchema = {
  tags: ['governance'],
  summary: 'Review a break-glass access as appropriate or inappropriate (IG lead, administrator)',
  params: idParams('id'),
  body: {
    type: 'object',
    properties: { decision: { type: 'string', enum: ['appropriate', 'inappropriate'] }, note: { type: ['string', 'null'], maxLength: 2000 } },
    required: ['decision'],
    additionalProperties: false,
  },
  response: { 200: breakGlassSchema, 400: problem, 401: problem, 403: problem, 404: problem, 409: problem },
} as const;
