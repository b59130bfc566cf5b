import { ACTIVITY_KINDS } from '../domain/activity.ts';
import { SETTINGS } from '../domain/timeline.ts';

/** JSON schemas of the population routes; response schemas also stop accidental disclosure of extra fields. */
const nullableString = { type: ['string', 'null'] } as const;
const countsByKind = { type: 'object', properties: Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, { type: 'integer' }])), required: [...ACTIVITY_KINDS] } as const;

export const personSummarySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, nhsNumber: nullableString, localId: nullableString, givenName: nullableString, familyName: nullableString,
    dateOfBirth: nullableString, age: { type: ['integer', 'null'] }, sex: { type: 'string', enum: ['1', '2', '9', 'X'] }, sexLabel: { type: 'string' },
    postcode: nullableString, gpPracticeCode: nullableString, dateOfDeath: nullableString,
  },
  required: ['id', 'nhsNumber', 'localId', 'givenName', 'familyName', 'dateOfBirth', 'age', 'sex', 'sexLabel', 'postcode', 'gpPracticeCode', 'dateOfDeath'],
} as const;

const problem = { $ref: 'Problem#' } as const;

export const searchPersonsSchema = {
  tags: ['population'],
  summary: 'Find persons by NHS number, date of birth or name',
  querystring: {
    type: 'object',
    properties: { q: { type: 'string', minLength: 1, maxLength: 100 }, limit: { type: 'integer', minimum: 1, maximum: 200, default: 20 } },
    required: ['q'],
    additionalProperties: false,
  },
  response: { 200: { type: 'object', properties: { items: { type: 'array', items: personSummarySchema }, total: { type: 'integer' } }, required: ['items', 'total'] }, 400: problem },
} as const;

const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } as const;

export const getPersonSchema = {
  tags: ['population'],
  summary: "A person's index entry, identifiers and activity counts",
  params: idParams,
  response: {
    200: {
      type: 'object',
      properties: {
        person: {
          type: 'object',
          properties: { ...personSummarySchema.properties, lsoaCode: nullableString, localityCode: nullableString, localityName: nullableString },
          required: [...personSummarySchema.required, 'lsoaCode', 'localityCode', 'localityName'],
        },
        identifiers: {
          type: 'array',
          items: { type: 'object', properties: { system: { type: 'string' }, value: { type: 'string' }, matchMethod: { type: 'string' }, matchScore: { type: ['number', 'null'] } }, required: ['system', 'value', 'matchMethod', 'matchScore'] },
        },
        counts: countsByKind,
      },
      required: ['person', 'identifiers', 'counts'],
    },
    404: problem,
  },
} as const;

export const getTimelineSchema = {
  tags: ['population'],
  summary: "A person's linked timeline across GP, hospital, community and social care, newest first",
  params: idParams,
  querystring: {
    type: 'object',
    properties: {
      settings: { type: 'string', description: `Comma-separated settings: ${SETTINGS.join(', ')}` },
      before: { type: 'string', format: 'date' },
      limit: { type: 'integer', minimum: 1, maximum: 2000, default: 200 },
    },
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              kind: { type: 'string' }, kindLabel: { type: 'string' }, setting: { type: 'string', enum: [...SETTINGS] }, date: { type: 'string' },
              recordKey: { type: 'string' }, sourceOrg: nullableString, title: { type: 'string' }, details: { type: 'array', items: { type: 'string' } },
              codes: { type: 'array', items: { type: 'object', properties: { system: { type: 'string' }, code: { type: 'string' } }, required: ['system', 'code'] } },
              costPence: { type: ['integer', 'null'] },
            },
            required: ['kind', 'kindLabel', 'setting', 'date', 'recordKey', 'sourceOrg', 'title', 'details', 'codes', 'costPence'],
          },
        },
        hasMore: { type: 'boolean' },
        accessNote: { type: ['string', 'null'], description: 'Why records may be missing (no care relationship: break-glass is the way in)' },
      },
      required: ['items', 'hasMore', 'accessNote'],
    },
    400: problem,
    404: problem,
  },
} as const;

const int = { type: 'integer' } as const;
export const summarySchema = {
  tags: ['population'],
  summary: "The place's headline figures",
  querystring: { type: 'object', properties: { asOf: { type: 'string', format: 'date' } }, additionalProperties: false },
  response: {
    200: {
      type: 'object',
      properties: {
        asOf: { type: 'string' }, people: int, living: int, aged65Plus: int, aged85Plus: int, gpPractices: int,
        localities: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' }, people: { type: ['integer', 'string'] } }, required: ['code', 'name', 'people'] } },
        suppressed: { type: 'boolean', description: 'true when small counts are shown as <8 and opted-out persons are left out (planning roles)' },
        activityLast12Months: {
          type: 'object',
          properties: { gpEvents: int, emergencyAdmissions: int, electiveAdmissions: int, aeAttendances: int, outpatientAppointments: int, communityContacts: int, urgentCareContacts: int, socialCareRequests: int },
          required: ['gpEvents', 'emergencyAdmissions', 'electiveAdmissions', 'aeAttendances', 'outpatientAppointments', 'communityContacts', 'urgentCareContacts', 'socialCareRequests'],
        },
        socialCare: { type: 'object', properties: { peopleWithLongTermSupport: int, weeklyCostPence: int }, required: ['peopleWithLongTermSupport', 'weeklyCostPence'] },
        hospitalCostLast12MonthsPence: int,
        partners: { type: 'object', properties: { organisations: int, teams: int, staff: int, openCareRelationships: int }, required: ['organisations', 'teams', 'staff', 'openCareRelationships'] },
      },
      required: ['asOf', 'people', 'living', 'aged65Plus', 'aged85Plus', 'gpPractices', 'localities', 'activityLast12Months', 'socialCare', 'hospitalCostLast12MonthsPence', 'partners', 'suppressed'],
    },
  },
} as const;

const measure = { type: 'object', properties: { label: { type: 'string' }, numerator: int, denominator: int, percent: { type: ['number', 'null'] } }, required: ['label', 'numerator', 'denominator', 'percent'] } as const;
export const qualitySchema = {
  tags: ['population'],
  summary: 'Data quality: completeness, validity, duplicates and linkage',
  querystring: { type: 'object', properties: { asOf: { type: 'string', format: 'date' } }, additionalProperties: false },
  response: {
    200: {
      type: 'object',
      properties: {
        asOf: { type: 'string' }, persons: int,
        completeness: { type: 'array', items: measure }, validity: { type: 'array', items: measure },
        duplicates: { type: 'object', properties: { openForReview: int, reviewed: int, sameNameAndDateOfBirthGroups: int }, required: ['openForReview', 'reviewed', 'sameNameAndDateOfBirthGroups'] },
        linkage: {
          type: 'object',
          properties: {
            identifiersByMethod: { type: 'object', additionalProperties: int },
            activityLinkedByNhsNumber: { type: 'array', items: measure },
            personsSeenAcross: { type: 'array', items: measure },
          },
          required: ['identifiersByMethod', 'activityLinkedByNhsNumber', 'personsSeenAcross'],
        },
        imports: {
          type: 'object',
          properties: {
            runs: int, loaded: int, duplicates: int, quarantined: int, skipped: int, interrupted: int,
            topQuarantineReasons: { type: 'array', items: { type: 'object', properties: { reason: { type: 'string' }, rows: int }, required: ['reason', 'rows'] } },
          },
          required: ['runs', 'loaded', 'duplicates', 'quarantined', 'skipped', 'interrupted', 'topQuarantineReasons'],
        },
      },
      required: ['asOf', 'persons', 'completeness', 'validity', 'duplicates', 'linkage', 'imports'],
    },
  },
} as const;

const reviewItem = {
  type: 'object',
  properties: {
    id: int, score: { type: 'number' }, reasons: { type: 'array', items: { type: 'string' } }, status: { type: 'string' }, createdAt: { type: 'string' },
    reviewedAt: nullableString, reviewedBy: nullableString,
    person: { anyOf: [personSummarySchema, { type: 'null' }] }, candidate: { anyOf: [personSummarySchema, { type: 'null' }] },
  },
  required: ['id', 'score', 'reasons', 'status', 'createdAt', 'reviewedAt', 'reviewedBy', 'person', 'candidate'],
} as const;

export const listDuplicatesSchema = {
  tags: ['population'],
  summary: 'Possible duplicate persons for review (never merged silently)',
  querystring: {
    type: 'object',
    properties: { status: { type: 'string', enum: ['open', 'not_duplicate', 'merged', 'superseded'], default: 'open' }, limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
    additionalProperties: false,
  },
  response: { 200: { type: 'object', properties: { items: { type: 'array', items: reviewItem }, total: int }, required: ['items', 'total'] } },
} as const;

export const reviewDuplicateSchema = {
  tags: ['population'],
  summary: 'Record a review decision: not the same person, or the same person (merge)',
  params: idParams,
  body: {
    type: 'object',
    properties: { decision: { type: 'string', enum: ['not_duplicate', 'same_person'] } },
    required: ['decision'],
    additionalProperties: false,
  },
  response: { 200: { type: 'object', properties: { status: { type: 'string' }, movedRecords: int }, required: ['status', 'movedRecords'] }, 404: problem, 409: problem },
} as const;

export const pseudonymisedPersonsSchema = {
  tags: ['population'],
  summary: 'Planning: the person index with pseudonymised keys, age bands and no identifiers (opted-out persons left out)',
  querystring: {
    type: 'object',
    properties: {
      localityCode: { type: 'string', pattern: '^[A-Za-z0-9]{1,12}$' },
      gpPracticeCode: { type: 'string', pattern: '^[A-Za-z0-9]{1,12}$' },
      limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
      offset: { type: 'integer', minimum: 0, maximum: 10_000_000, default: 0 },
    },
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              personKey: { type: 'string' }, ageBand: nullableString, sex: { type: 'string', enum: ['1', '2', '9', 'X'] },
              localityCode: nullableString, gpPracticeCode: nullableString, dead: { type: 'boolean' },
            },
            required: ['personKey', 'ageBand', 'sex', 'localityCode', 'gpPracticeCode', 'dead'],
            additionalProperties: false,
          },
        },
        offset: { type: 'integer' },
        hasMore: { type: 'boolean' },
      },
      required: ['items', 'offset', 'hasMore'],
    },
    400: problem, 401: problem, 403: problem,
  },
} as const;
