import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Database } from './kernel/db/database.ts';
import { createHttpServer } from './kernel/http/server.ts';
import { sendProblem } from './kernel/http/problem.ts';
import type { Logger } from './kernel/log.ts';
import { populationRoutes } from './modules/population/index.ts';

export const VERSION = '0.1.0';

export interface AppOptions {
  db: Database;
  logger?: Logger | false;
  /** Folder of the built web app; served at / when present. */
  webDist?: string | undefined;
}

/** The whole product as one Fastify instance: kernel plugins, then each module's routes under /api/<module>. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = await createHttpServer({ logger: options.logger ?? false, version: VERSION });
  await app.register(populationRoutes, { prefix: '/api/population', db: options.db });

  const dist = options.webDist;
  if (dist && fs.existsSync(path.join(dist, 'index.html'))) {
    await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false });
    // The web app routes on the client: any other GET outside /api gets index.html.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api') && !request.url.startsWith('/fhir')) {
        return reply.type('text/html').sendFile('index.html');
      }
      return sendProblem(reply, 404, 'SEAMLESS_ERR_NOT_FOUND', `There is nothing at ${request.method} ${request.url.split('?')[0]}.`);
    });
  }
  await app.ready();
  return app;
}

export const WEB_DIST = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../web/dist');
