import { CRITERIA_OPERATORS } from '../domain/criteria/criteria.types.ts';

/**
 * JSON schemas of the /api/analytics routes. Response schemas list every field a view may carry
 * (domain/views.ts), so nothing else can leave the server: a planning user's PersonRef has no
 * identity to serialise, and an extra field added by mistake is dropped, not disclosed.
 */
const problem = { $ref: 'Problem#' } as const;
/** A problem with its details (the cohort validator's `details.problems`). */
const problemWithDetails = {
  type: 'object',
  properties: {
    type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, code: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', additionalProperties: true } },
    details: { type: 'object', additionalProperties: true },
  },
  required: ['title', 'status', 'detail', 'code'],
} as const;
const errors = { 400: problemWithDetails, 401: problem, 403: problem, 404: problem, 409: problem } as const;

const int = { type: 'integer' } as const;
const num = { type: 'number' } as const;
const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const nullableNum = { type: ['number', 'null'] } as const;
const nullableInt = { type: ['integer', 'null'] } as const;
/** A count, or '<8' for planning users. */
const count = { type: ['integer', 'string'], description: "A count; for planning users 1–7 is shown as '<8'" } as const;
const nullable = <T extends object>(schema: T) => ({ anyOf: [schema, { type: 'null' }] }) as const;
const AREA_CODE = '[A-Za-z0-9][A-Za-z0-9-]{0,19}';

const runView = {
  type: 'object',
  properties: {
    id: int, asOf: str, startedAt: str, finishedAt: nullableStr, persons: int, events: int, status: str,
    versions: { type: 'object', additionalProperties: str },
  },
  required: ['id', 'asOf', 'startedAt', 'finishedAt', 'persons', 'events', 'status', 'versions'],
} as const;

const personRef = {
  type: 'object',
  description: 'Direct care: personId, name and NHS number. Planning: personKey (a keyed hash) only.',
  properties: {
    personId: int, personKey: str, name: str, nhsNumber: nullableStr, age: nullableInt, ageBand: nullableStr, sex: str, gpPracticeCode: nullableStr, localityCode: nullableStr,
  },
  required: ['age', 'sex', 'gpPracticeCode', 'localityCode'],
} as const;

const scoreFactor = {
  type: 'object',
  properties: { label: str, code: str, codeSystem: str, date: str, contribution: num },
  required: ['label', 'contribution'],
} as const;

const rateView = nullable({ type: 'object', properties: { rate: num, lower: num, upper: nullableNum }, required: ['rate', 'lower', 'upper'] });

const criteria = { type: 'object', description: 'Criteria JSON (see domain/criteria/criteria.types.ts)', additionalProperties: true } as const;

export const dashboardSchema = {
  tags: ['analytics'],
  summary: 'Population dashboard for the place, a locality or a GP practice: segments, score bands, needs rates with 95% CIs, projection',
  querystring: {
    type: 'object',
    properties: { area: { type: 'string', pattern: `^(place|locality:${AREA_CODE}|practice:${AREA_CODE})$`, default: 'place' } },
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        run: nullable(runView),
        area: { type: 'object', properties: { type: { type: 'string', enum: ['place', 'locality', 'practice'] }, code: nullableStr, name: str }, required: ['type', 'code', 'name'] },
        suppressed: { type: 'boolean' },
        population: count,
        segments: { type: 'array', items: { type: 'object', properties: { key: str, label: str, count }, required: ['key', 'label', 'count'] } },
        scoreDistributions: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: str, label: str, bands: { type: 'array', items: { type: 'object', properties: { band: str, count }, required: ['band', 'count'] } } },
            required: ['name', 'label', 'bands'],
          },
        },
        rates: {
          type: 'array',
          items: {
            type: 'object',
            properties: { key: str, label: str, events: count, population: num, crude: rateView, dsr: rateView, note: nullableStr },
            required: ['key', 'label', 'events', 'population', 'crude', 'dsr', 'note'],
          },
        },
        projection: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              yearsAhead: int,
              total: int,
              byBand: { type: 'array', items: { type: 'object', properties: { ageBand: str, population: count }, required: ['ageBand', 'population'] } },
            },
            required: ['yearsAhead', 'total', 'byBand'],
          },
        },
      },
      required: ['run', 'area', 'suppressed', 'population', 'segments', 'scoreDistributions', 'rates', 'projection'],
    },
    ...errors,
  },
} as const;

export const caseFindingSchema = {
  tags: ['analytics'],
  summary: "A team's case-finding list: people who met trigger rules, with the rules met and their risk factors",
  querystring: {
    type: 'object',
    properties: {
      team: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$', description: 'Team code: one of yours for direct care; optional for planning' },
      limit: { type: 'integer', minimum: 1, maximum: 1000, default: 200 },
    },
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        run: nullable(runView),
        team: nullable({ type: 'object', properties: { code: str, name: str }, required: ['code', 'name'] }),
        ruleSet: {
          type: 'object',
          properties: { version: str, label: str, rules: { type: 'array', items: { type: 'object', properties: { key: str, label: str }, required: ['key', 'label'] } } },
          required: ['version', 'label', 'rules'],
        },
        screened: count,
        entries: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              person: personRef,
              rulesMet: { type: 'array', items: { type: 'object', properties: { key: str, label: str, explanation: str }, required: ['key', 'label', 'explanation'] } },
              riskValue: nullableNum, riskPercentile: nullableNum, segment: nullableStr,
              riskFactors: { type: 'array', items: scoreFactor },
            },
            required: ['person', 'rulesMet', 'riskValue', 'riskPercentile', 'segment', 'riskFactors'],
          },
        },
      },
      required: ['run', 'team', 'ruleSet', 'screened', 'entries'],
    },
    ...errors,
  },
} as const;

export const personScoresSchema = {
  tags: ['analytics'],
  summary: "A person's latest scores with the factors behind them (care relationship needed; audited)",
  params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'], additionalProperties: false },
  response: {
    200: {
      type: 'object',
      properties: {
        personId: int, asOf: nullableStr,
        segment: nullable({ type: 'object', properties: { key: str, label: str }, required: ['key', 'label'] }),
        scores: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: str, value: num, band: nullableStr, version: str, computedAt: str, factors: { type: 'array', items: scoreFactor } },
            required: ['name', 'value', 'band', 'version', 'computedAt', 'factors'],
          },
        },
      },
      required: ['personId', 'asOf', 'segment', 'scores'],
    },
    ...errors,
  },
} as const;

export const criteriaFieldsSchema = {
  tags: ['analytics'],
  summary: 'The fields cohort criteria may name, with their operators and values',
  response: {
    200: {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              field: str, label: str, type: { type: 'string', enum: ['number', 'boolean', 'string', 'list'] },
              operators: { type: 'array', items: { type: 'string', enum: [...CRITERIA_OPERATORS] } },
              values: { type: 'array', items: str },
            },
            required: ['field', 'label', 'type', 'operators'],
          },
        },
      },
      required: ['items'],
    },
    ...errors,
  },
} as const;

const cohortView = {
  type: 'object',
  properties: { id: int, name: str, versionId: str, criteria, description: str, createdBy: str, createdAt: str, size: count },
  required: ['id', 'name', 'versionId', 'criteria', 'description', 'createdBy', 'createdAt', 'size'],
} as const;

export const listCohortsSchema = {
  tags: ['analytics'],
  summary: 'Saved cohorts, newest first, each with its size now',
  response: { 200: { type: 'object', properties: { items: { type: 'array', items: cohortView } }, required: ['items'] }, ...errors },
} as const;

export const createCohortSchema = {
  tags: ['analytics'],
  summary: 'Save a cohort (400 with details.problems when its criteria are not valid, or it has none)',
  body: {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      description: { type: 'string', maxLength: 2000 },
      criteria,
    },
    required: ['name', 'criteria'],
    additionalProperties: false,
  },
  response: { 201: cohortView, ...errors },
} as const;

const cohortSide = {
  anyOf: [
    { type: 'object', properties: { cohortId: { type: 'integer', minimum: 1 } }, required: ['cohortId'], additionalProperties: false },
    { type: 'object', properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, criteria }, required: ['name', 'criteria'], additionalProperties: false },
  ],
} as const;

const show = { type: 'string', enum: ['onlyA', 'both'] } as const;

export const compareCohortsSchema = {
  tags: ['analytics'],
  summary: 'Compare two cohorts (saved, inline criteria, or a preset): sizes, overlap, and the people in A and not B (or in both)',
  body: {
    type: 'object',
    properties: { a: cohortSide, b: cohortSide, preset: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,60}$' }, show, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        a: { type: 'object', properties: { name: str, size: count }, required: ['name', 'size'] },
        b: { type: 'object', properties: { name: str, size: count }, required: ['name', 'size'] },
        counts: { type: 'object', properties: { onlyA: count, onlyB: count, both: count }, required: ['onlyA', 'onlyB', 'both'] },
        people: { type: 'array', items: personRef },
        messages: { type: 'array', items: str },
      },
      required: ['a', 'b', 'counts', 'people', 'messages'],
    },
    ...errors,
  },
} as const;

const namedCriteria = { type: 'object', properties: { name: str, criteria }, required: ['name', 'criteria'] } as const;

export const comparisonPresetsSchema = {
  tags: ['analytics'],
  summary: 'Ready-made cohort comparisons: high risk and not known to social care; receiving social care and at rising risk',
  response: {
    200: {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: { type: 'object', properties: { key: str, label: str, a: namedCriteria, b: namedCriteria, show }, required: ['key', 'label', 'a', 'b', 'show'] },
        },
      },
      required: ['items'],
    },
    ...errors,
  },
} as const;

const interval = nullable({ type: 'object', properties: { lower: num, upper: num }, required: ['lower', 'upper'] });
const groupSummary = {
  type: 'object',
  properties: { people: int, totalBefore: num, totalAfter: num, meanBefore: num, meanAfter: num, meanChange: num },
  required: ['people', 'totalBefore', 'totalAfter', 'meanBefore', 'meanAfter', 'meanChange'],
} as const;
const balanceSide = { type: 'object', properties: { interventionMean: num, comparisonMean: num, smd: nullableNum }, required: ['interventionMean', 'comparisonMean', 'smd'] } as const;

export const evaluationSchema = {
  tags: ['analytics'],
  summary: 'Before/after evaluation of an intervention a saved cohort received, against a matched comparison group (planning)',
  body: {
    type: 'object',
    properties: {
      cohortId: { type: 'integer', minimum: 1 },
      interventionDate: { type: 'string', format: 'date' },
      beforeMonths: { type: 'integer', minimum: 1, maximum: 24, default: 6 },
      afterMonths: { type: 'integer', minimum: 1, maximum: 24, default: 6 },
    },
    required: ['cohortId', 'interventionDate'],
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        cohort: { type: 'object', properties: { id: int, name: str }, required: ['id', 'name'] },
        interventionDate: str,
        windows: { type: 'object', properties: { beforeMonths: int, afterMonths: int }, required: ['beforeMonths', 'afterMonths'] },
        notes: { type: 'array', items: str },
        matchedPairs: int, interventionPeople: int, comparisonPeople: int,
        unmatched: {
          type: 'array',
          description: 'Cases without a comparison person; personId is the case number within this evaluation, not a person identifier',
          items: { type: 'object', properties: { personId: int, indexDate: str, reason: str }, required: ['personId', 'indexDate', 'reason'] },
        },
        balance: {
          type: 'array',
          items: {
            type: 'object',
            properties: { covariate: str, label: str, pooledSd: num, beforeMatching: balanceSide, afterMatching: balanceSide },
            required: ['covariate', 'label', 'pooledSd', 'beforeMatching', 'afterMatching'],
          },
        },
        outcomes: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              outcome: str, label: str, intervention: groupSummary, comparison: groupSummary, difference: num, standardError: nullableNum,
              degreesOfFreedom: nullableNum, confidenceInterval: interval, bootstrapInterval: interval,
            },
            required: ['outcome', 'label', 'intervention', 'comparison', 'difference', 'standardError', 'degreesOfFreedom', 'confidenceInterval', 'bootstrapInterval'],
          },
        },
        warnings: {
          type: 'array',
          items: { type: 'object', properties: { code: str, message: str, details: { type: 'object', additionalProperties: true } }, required: ['code', 'message'] },
        },
        method: {
          type: 'object',
          properties: {
            matching: {
              type: 'object',
              properties: {
                controlsPerCase: int, covariates: { type: 'array', items: str }, riskCaliper: nullableNum, caliper: nullableNum, ageBandYears: nullableInt,
                indexPeriod: str,
              },
              required: ['controlsPerCase', 'covariates', 'riskCaliper', 'caliper', 'ageBandYears', 'indexPeriod'],
            },
            confidenceLevel: num,
            bootstrap: nullable({ type: 'object', properties: { resamples: int, seed: int }, required: ['resamples', 'seed'] }),
            candidateRows: int, excludedCandidateRows: int,
          },
          required: ['matching', 'confidenceLevel', 'bootstrap', 'candidateRows', 'excludedCandidateRows'],
        },
      },
      required: ['cohort', 'interventionDate', 'windows', 'notes', 'matchedPairs', 'interventionPeople', 'comparisonPeople', 'unmatched', 'balance', 'outcomes', 'warnings', 'method'],
    },
    ...errors,
  },
} as const;

export const latestRunSchema = {
  tags: ['analytics'],
  summary: 'The latest completed stratification run and the versions it used, or null',
  response: { 200: nullable(runView), ...errors },
} as const;
