/** JSON schemas of the audit routes (access log, audit search); response schemas stop extra fields leaking. */
const problem = { $ref: 'Problem#' } as const;
const nullableString = { type: ['string', 'null'] } as const;

export const auditEntrySchema = {
  type: 'object',
  properties: {
    seq: { type: 'integer' }, at: { type: 'string' }, actorId: { type: 'string' }, actorName: nullableString, actorOrg: { type: 'string' },
    actorOrgName: nullableString, actorRole: { type: 'string' }, purpose: { type: 'string' }, channel: { type: 'string' }, action: { type: 'string' },
    resource: { type: 'string' }, personId: { type: ['integer', 'null'] }, outcome: { type: 'string' }, detail: nullableString,
  },
  required: ['seq', 'at', 'actorId', 'actorName', 'actorOrg', 'actorOrgName', 'actorRole', 'purpose', 'channel', 'action', 'resource', 'personId', 'outcome', 'detail'],
  additionalProperties: false,
} as const;

const auditPageSchema = {
  type: 'object',
  properties: {
    items: { type: 'array', items: auditEntrySchema },
    nextCursor: { type: ['integer', 'null'], description: 'Pass as cursor for the next (older) page; null on the last page.' },
  },
  required: ['items', 'nextCursor'],
  additionalProperties: false,
} as const;

const instant = { type: 'string', maxLength: 40, description: 'A date (YYYY-MM-DD) or an ISO date-time' } as const;
const paging = {
  limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
  cursor: { type: 'integer', minimum: 1 },
} as const;

export const personAccessLogSchema = {
  tags: ['governance'],
  summary: "Who has accessed a person's record: the subject access request log, newest first",
  params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'], additionalProperties: false },
  querystring: { type: 'object', properties: { from: instant, to: instant, ...paging }, additionalProperties: false },
  response: { 200: auditPageSchema, 400: problem, 401: problem, 403: problem, 404: problem },
} as const;

export const auditSearchSchema = {
  tags: ['governance'],
  summary: 'Search the audit log, newest first',
  querystring: {
    type: 'object',
    properties: {
      actor: { type: 'string', minLength: 1, maxLength: 100 },
      person: { type: 'integer', minimum: 1 },
      action: { type: 'string', enum: ['read', 'search', 'write', 'export', 'break_glass', 'sign_in', 'sign_out', 'admin'] },
      outcome: { type: 'string', enum: ['allowed', 'denied'] },
      from: instant,
      to: instant,
      ...paging,
    },
    additionalProperties: false,
  },
  response: { 200: auditPageSchema, 400: problem, 401: problem, 403: problem },
} as const;
