import type { FastifyPluginAsync } from 'fastify';
import { requireScope } from '../../../kernel/http/request-scope.ts';
import { getCaseFinding } from '../services/case-finding.service.ts';
import { compareCohortsFor, listCohorts, listComparisonPresets, saveCohort, type ComparisonRequest, type CohortInput } from '../services/cohort.service.ts';
import { listCriteriaFields } from '../services/criteria-fields.service.ts';
import { getDashboard } from '../services/dashboard.service.ts';
import { evaluateCohortIntervention, type EvaluationRequest } from '../services/evaluation.service.ts';
import { getPersonScoresView } from '../services/person-scores.service.ts';
import { getLatestRun } from '../services/runs.service.ts';
import {
  caseFindingSchema, compareCohortsSchema, comparisonPresetsSchema, createCohortSchema, criteriaFieldsSchema, dashboardSchema, evaluationSchema,
  latestRunSchema, listCohortsSchema, personScoresSchema,
} from './analytics.schemas.ts';

/**
 * /api/analytics: the population dashboard, case finding, a person's scores, the cohort builder and
 * comparison, evaluations and the latest run. Thin handlers over the services, which take the
 * request's Scope (access filter and audit) first; see services/analytics-access.ts for what each
 * role sees.
 */
export const analyticsRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { area?: string } }>('/dashboard', { schema: dashboardSchema }, async function dashboardHandler(request) {
    return getDashboard(requireScope(request), request.query.area);
  });

  app.get<{ Querystring: { team?: string; limit: number } }>('/case-finding', { schema: caseFindingSchema }, async function caseFindingHandler(request) {
    return getCaseFinding(requireScope(request), { team: request.query.team, limit: request.query.limit });
  });

  app.get<{ Params: { id: number } }>('/persons/:id/scores', { schema: personScoresSchema }, async function personScoresHandler(request) {
    return getPersonScoresView(requireScope(request), request.params.id);
  });

  app.get('/criteria-fields', { schema: criteriaFieldsSchema }, async function criteriaFieldsHandler(request) {
    return listCriteriaFields(requireScope(request));
  });

  app.get('/cohorts', { schema: listCohortsSchema }, async function listCohortsHandler(request) {
    return listCohorts(requireScope(request));
  });

  app.post<{ Body: CohortInput }>('/cohorts', { schema: createCohortSchema }, async function createCohortHandler(request, reply) {
    const cohort = await saveCohort(requireScope(request), request.body);
    return reply.code(201).send(cohort);
  });

  app.post<{ Body: ComparisonRequest }>('/cohorts/compare', { schema: compareCohortsSchema }, async function compareCohortsHandler(request) {
    return compareCohortsFor(requireScope(request), request.body);
  });

  app.get('/cohort-comparisons/presets', { schema: comparisonPresetsSchema }, async function comparisonPresetsHandler(request) {
    return listComparisonPresets(requireScope(request));
  });

  app.post<{ Body: EvaluationRequest }>('/evaluations', { schema: evaluationSchema }, async function evaluationHandler(request) {
    return evaluateCohortIntervention(requireScope(request), request.body);
  });

  app.get('/runs/latest', { schema: latestRunSchema }, async function latestRunHandler(request, reply) {
    return reply.send(await getLatestRun(requireScope(request)));
  });
};
