import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../../kernel/db/database.ts';

export interface PopulationRouteOptions { db: Database }

/** /api/population: person search, the linked record and timeline, place summary, data quality. */
export const populationRoutes: FastifyPluginAsync<PopulationRouteOptions> = async (app, { db }) => {
  void db;
  app.get('/ping', { schema: { hide: true } }, async () => ({ ok: true }));
};
