import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import { SeamlessError } from '../errors.ts';

/**
 * HTTP hardening the server applies before any route: security headers (helmet, with a Content
 * Security Policy that fits the same-origin web app and the Swagger UI at /api/docs), a per-address
 * rate limit on /api and /fhir, no caching of API answers, and request logs that can carry no
 * secret (no query strings; cookies, CSRF tokens, passwords and tokens redacted). The 1 MiB body
 * limit stays in createHttpServer.
 */
export interface HardeningOptions {
  /** Requests per minute per client address on /api and /fhir; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Served over HTTPS (directly or behind a proxy): browsers are also told to upgrade insecure requests. */
  https: boolean;
}

/** Generous for people (a page makes a handful of calls); `npm run bench` sets SEAMLESS_RATE_LIMIT=0 or higher. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 3000;

/** SEAMLESS_RATE_LIMIT (requests per minute per address, 0 = off) and SEAMLESS_HTTPS (true|false). */
export function readHardeningOptions(env: NodeJS.ProcessEnv = process.env): HardeningOptions {
  const raw = env.SEAMLESS_RATE_LIMIT;
  let rateLimitPerMinute = DEFAULT_RATE_LIMIT_PER_MINUTE;
  if (raw !== undefined && raw !== '') {
    rateLimitPerMinute = Number(raw);
    if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 0) throw new Error(`SEAMLESS_RATE_LIMIT must be a whole number (0 turns it off), got '${raw}'`);
  }
  return { rateLimitPerMinute, https: (env.SEAMLESS_HTTPS ?? '').toLowerCase() === 'true' };
}

/** Only the web app's own origin; NHS.UK fonts come from assets.nhs.uk; nothing may frame the app. */
export function contentSecurityPolicy(https: boolean): Record<string, string[] | null> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'connect-src': ["'self'"],
    'font-src': ["'self'", 'https://assets.nhs.uk', 'data:'],
    'img-src': ["'self'", 'data:', 'https://assets.nhs.uk'],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    // Over plain HTTP (a laptop, a LAN) upgrading would break every request, so only with HTTPS.
    'upgrade-insecure-requests': https ? [] : null,
  };
}

/** Paths whose answers are data: rate limited and never cached. */
function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/fhir/') || url === '/fhir';
}

function isDocsPath(url: string): boolean {
  return url === '/api/docs' || url.startsWith('/api/docs/') || url.startsWith('/api/docs?');
}

function policyHeader(directives: Record<string, string[] | null>): string {
  return Object.entries(directives).filter(([, values]) => values !== null).map(([name, values]) => [name, ...values!].join(' ')).join(';');
}

/** Keys whose values are secrets wherever they appear in a log line (one level deep). */
export const LOG_REDACT_PATHS = [
  'req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]',
  '*["x-csrf-token"]', '*["set-cookie"]', '*.authorization',
  '*.password', '*.passwordHash', '*.password_hash', '*.token', '*.csrfToken', '*.csrf_token', '*.sessionToken',
  '*.access_token', '*.id_token', '*.refresh_token', '*.code_verifier', '*.client_secret', '*.cookie', '*.cookies',
  '*.nhsNumber', '*.nhs_number', '*.name',
];

/** A request in a log line: method, path and address; the query string (codes, states, search terms) is cut. */
function requestForLog(request: FastifyRequest) {
  const url = request.url ?? '';
  const query = url.indexOf('?');
  return { method: request.method, url: query < 0 ? url : `${url.slice(0, query)}?…`, remoteAddress: request.ip };
}

function isPino(logger: FastifyBaseLogger): boolean {
  return typeof (logger as unknown as { levels?: unknown }).levels === 'object';
}

/**
 * Call first thing in createHttpServer, before any other plugin or route, so every route gets the
 * headers, the limit and the safer request logger.
 */
export async function registerHardening(app: FastifyInstance, options: HardeningOptions = readHardeningOptions()): Promise<void> {
  if (isPino(app.log)) {
    // One configured parent, made once; each request's logger is a cheap child of it.
    const safeParent = app.log.child({}, { serializers: { req: requestForLog as never }, redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } });
    app.setChildLoggerFactory((_logger, bindings, childOptions) => safeParent.child(bindings, childOptions));
  }

  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(options.https) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });

  if (options.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      global: true,
      max: options.rateLimitPerMinute,
      timeWindow: 60_000,
      allowList: (request) => !isApiPath(request.url),
      errorResponseBuilder: (_request, context) => new SeamlessError(
        'SEAMLESS_ERR_RATE_LIMITED', 429, `Too many requests from this address. Try again in ${context.after}.`,
      ),
    });
  }

  // NUL is never text a person meant to type, PostgreSQL cannot store it in a text column, and C
  // libraries stop reading at it: refused at the door, whatever the route, with a message.
  app.addHook('preValidation', async function refuseNulCharacters(request) {
    const where = findNul(request.query, 'query') ?? findNul(request.params, 'path') ?? findNul(request.body, 'body');
    if (where) throw new SeamlessError('SEAMLESS_ERR_HTTP_NUL_CHARACTER', 400, `The ${where} contains a NUL character (\\u0000), which is not allowed in text. Remove it and try again.`);
  });

  const docsPolicy = policyHeader({ ...contentSecurityPolicy(options.https), 'style-src': ["'self'", "'unsafe-inline'"] });
  app.addHook('onSend', async function apiAndDocsHeaders(request, reply) {
    if (isDocsPath(request.url)) {
      // The Swagger UI sets one inline style; its page holds no personal data, and scripts stay 'self' only.
      reply.header('content-security-policy', docsPolicy);
    } else if (isApiPath(request.url) && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });
}

/** The first place a NUL character appears in a parsed request part (strings, arrays, objects), if any. */
function findNul(value: unknown, where: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? where : undefined;
  if (value === null || typeof value !== 'object' || depth > 20) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return where;
    const found = findNul(item, Array.isArray(value) ? where : `${where} field '${key}'`, depth + 1);
    if (found) return found;
  }
  return undefined;
}
