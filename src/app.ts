import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from './kernel/access/actor.ts';
import type { Database } from './kernel/db/database.ts';
import { createHttpServer } from './kernel/http/server.ts';
import type { Logger } from './kernel/log.ts';
import { populationRoutes } from './modules/population/index.ts';
import { analyticsRoutes } from './modules/analytics/index.ts';
import { authPlugin, authRoutes, createAuditWriter, createScope, igRoutes, type AuthEvent } from './modules/governance/index.ts';
import type { AuditSink, Scope } from './kernel/access/scope.ts';
import './kernel/http/request-scope.ts';

export const VERSION = '0.1.0';

export interface AppOptions {
  db: Database;
  logger?: Logger | false;
  /** Folder of the built web app; served at / when present. */
  webDist?: string | undefined;
  /**
   * Tests only: who is asking, instead of the signed-in session. Code has to pass it; no setting or
   * request can turn it on.
   */
  actorFor?: ((request: FastifyRequest) => Actor | undefined) | undefined;
  /**
   * Benchmarks only: the scope every request gets, replacing sign-in, the access filter and the
   * audit log, to measure what enforcement costs. Code has to pass it; nothing else can.
   */
  scopeForBenchmark?: ((db: Database) => Scope) | undefined;
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

  // Every route that touches personal data works in a Scope: the actor, their access filter and the audit log.
  const audit = createAuditWriter(options.db);
  app.addHook('onClose', async () => audit.close());
  await app.register(authPlugin, { db: options.db, onAuthEvent: (event) => auditAuthEvent(audit, event) });
  app.decorateRequest('scope', undefined);
  const actorOf = options.actorFor ?? ((request: FastifyRequest) => request.actor);
  const fixedScope = options.scopeForBenchmark?.(options.db);
  app.addHook('preHandler', async (request) => {
    if (fixedScope) { request.scope = fixedScope; return; }
    const actor = actorOf(request);
    if (actor) {
      request.actor = actor;
      request.scope = await createScope(options.db, actor, audit);
    }
  });
  await app.register(authRoutes, { prefix: '/api/governance' });
  await app.register(igRoutes, { prefix: '/api/governance', db: options.db, audit });

  await app.register(populationRoutes, { prefix: '/api/population', db: options.db });
  await app.register(analyticsRoutes, { prefix: '/api/analytics' });
  await app.ready();
  return app;
}

/** Sign-ins, refusals and sign-outs go to the audit log like every other access. */
async function auditAuthEvent(audit: AuditSink, event: AuthEvent): Promise<void> {
  if (event.kind === 'sign_in_refused') {
    const who: Actor = { id: event.staffId ?? 'unknown', displayName: event.staffId ?? 'unknown', orgCode: '-', role: '-', teamCodes: [], purpose: 'administration', channel: 'session' };
    await audit.record(who, [{ action: 'sign_in', resource: 'governance.session', outcome: 'denied', detail: `${event.method}: ${event.reason}` }]);
    return;
  }
  await audit.record(event.actor, [{ action: event.kind, resource: 'governance.session', outcome: 'allowed', detail: event.kind === 'sign_in' ? event.method : undefined }]);
}

export const WEB_DIST = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../web/dist');
