import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../../kernel/db/database.ts';
import { badRequest } from '../../../kernel/errors.ts';
import { requireScope } from '../../../kernel/http/request-scope.ts';
import { summarisePartners } from '../../governance/index.ts';
import { SETTINGS, type Setting } from '../domain/timeline.ts';
import { findPersons, getPersonRecord, getPersonTimeline } from '../services/person-record.service.ts';
import { summarisePlace } from '../services/place-summary.service.ts';
import { getQualityReport } from '../services/quality.service.ts';
import { listDuplicatesForReview, reviewDuplicate, type DuplicateDecision } from '../services/duplicate-review.service.ts';
import {
  getPersonSchema, getTimelineSchema, listDuplicatesSchema, pseudonymisedPersonsSchema, qualitySchema, reviewDuplicateSchema, searchPersonsSchema, summarySchema,
} from './population.schemas.ts';
import { listPseudonymisedPersons, type PseudonymisedPersonsQuery } from '../services/pseudonymised-persons.service.ts';

export interface PopulationRouteOptions { db: Database }

function parseSettings(raw: string | undefined): Setting[] | undefined {
  if (!raw) return undefined;
  const wanted = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = wanted.filter((s) => !(SETTINGS as readonly string[]).includes(s));
  if (unknown.length) throw badRequest('SEAMLESS_ERR_POPULATION_UNKNOWN_SETTING', `Unknown setting ${unknown.map((u) => `'${u}'`).join(', ')}; use any of ${SETTINGS.join(', ')}.`);
  return wanted as Setting[];
}

/** /api/population: place summary, person search, the linked record and its timeline. */
export const populationRoutes: FastifyPluginAsync<PopulationRouteOptions> = async (app, { db }) => {
  app.get<{ Querystring: { asOf?: string } }>('/summary', { schema: summarySchema }, async function summaryHandler(request) {
    const scope = requireScope(request);
    const [place, partners] = await Promise.all([summarisePlace(scope, request.query.asOf), summarisePartners(db)]);
    return { ...place, partners };
  });

  app.get<{ Querystring: { q: string; limit: number } }>('/persons', { schema: searchPersonsSchema }, async function searchPersonsHandler(request) {
    return findPersons(requireScope(request), request.query.q, request.query.limit);
  });

  app.get<{ Params: { id: number } }>('/persons/:id', { schema: getPersonSchema }, async function getPersonHandler(request) {
    return getPersonRecord(requireScope(request), request.params.id);
  });

  app.get<{ Params: { id: number }; Querystring: { settings?: string; before?: string; limit: number } }>(
    '/persons/:id/timeline', { schema: getTimelineSchema },
    async function getTimelineHandler(request) {
      return getPersonTimeline(requireScope(request), request.params.id, { settings: parseSettings(request.query.settings), before: request.query.before, limit: request.query.limit });
    },
  );

  app.get<{ Querystring: PseudonymisedPersonsQuery }>('/pseudonymised-persons', { schema: pseudonymisedPersonsSchema }, async function listPseudonymisedPersonsHandler(request) {
    return listPseudonymisedPersons(requireScope(request), request.query);
  });

  app.get<{ Querystring: { asOf?: string } }>('/quality', { schema: qualitySchema }, async function qualityHandler(request) {
    return getQualityReport(requireScope(request), request.query.asOf);
  });

  app.get<{ Querystring: { status: string; limit: number } }>('/duplicates', { schema: listDuplicatesSchema }, async function listDuplicatesHandler(request) {
    return listDuplicatesForReview(requireScope(request), request.query.status, request.query.limit);
  });

  app.post<{ Params: { id: number }; Body: { decision: DuplicateDecision; reviewer: string } }>(
    '/duplicates/:id/review', { schema: reviewDuplicateSchema },
    async function reviewDuplicateHandler(request) {
      return reviewDuplicate(requireScope(request), request.params.id, request.body.decision);
    },
  );
};
