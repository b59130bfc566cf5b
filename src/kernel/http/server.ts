import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Logger } from '../log.ts';
import { errorHandler, problemSchema, sendProblem } from './problem.ts';
import { registerHardening, type HardeningOptions } from './hardening.ts';

export interface HttpServerOptions {
  logger?: Logger | false;
  version: string;
  /** Security headers, rate limits and safe request logs (defaults from the environment). */
  hardening?: HardeningOptions | undefined;
  /** Answers GETs outside /api and /fhir that no route matched (the web app's client-side routes). */
  pageFallback?: ((request: FastifyRequest, reply: FastifyReply) => unknown) | undefined;
}

/**
 * The HTTP shell every module's routes plug into: JSON-schema validation, OpenAPI at /api/docs,
 * problem+json errors and /healthz. Modules register encapsulated plugins under /api/<module>.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger || undefined,
    logger: options.logger ? undefined : false,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  } as never) as unknown as FastifyInstance;

  await registerHardening(app, options.hardening);
  app.addSchema(problemSchema);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Seamless API', version: options.version, description: 'Integrated health and social care for a place.' },
      servers: [],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.setErrorHandler(errorHandler);
  const fallback = options.pageFallback;
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    if (fallback && request.method === 'GET' && !path.startsWith('/api') && !path.startsWith('/fhir')) return fallback(request, reply);
    return sendProblem(reply, 404, 'SEAMLESS_ERR_NOT_FOUND', `There is nothing at ${request.method} ${path}.`);
  });

  app.get('/healthz', {
    schema: {
      hide: true,
      response: { 200: { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] } },
    },
  }, async () => ({ status: 'ok' }));

  return app;
}
