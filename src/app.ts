import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Database } from './kernel/db/database.ts';
import { createHttpServer } from './kernel/http/server.ts';
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
  const dist = options.webDist;
  const serveWeb = dist !== undefined && fs.existsSync(path.join(dist, 'index.html'));
  const app = await createHttpServer({
    logger: options.logger ?? false,
    version: VERSION,
    // The web app routes on the client: other GETs outside /api get its index.html.
    pageFallback: serveWeb ? (_request, reply) => reply.type('text/html').sendFile('index.html') : undefined,
  });
  if (serveWeb) await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false });
  await app.register(populationRoutes, { prefix: '/api/population', db: options.db });
  await app.ready();
  return app;
}

export const WEB_DIST = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../web/dist');
