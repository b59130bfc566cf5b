import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { autocommit, type Database } from '../../../kernel/db/database.ts';
import { registerHardening, type HardeningOptions } from '../../../kernel/http/hardening.ts';
import { createHttpServer } from '../../../kernel/http/server.ts';
import type { Logger } from '../../../kernel/log.ts';
import { authPlugin, requireActor, type AuthEvent } from '../auth/auth.plugin.ts';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from '../auth/auth.settings.ts';
import { createUserAccount } from '../auth/sign-in.service.ts';
import { authRoutes } from '../routes/auth.routes.ts';
import { insertOrganisations, insertStaff, insertTeams } from '../store/governance.repository.ts';

/**
 * The HTTP shell with hardening, the auth plugin and routes, and one protected route of each kind,
 * wired as the app wires them; a clock tests can move; and a few staff with accounts.
 */
export const PASSWORD = 'correct horse battery staple';

export class TestClock {
  ms = Date.parse('2026-11-23T09:00:00.000Z');
  now = () => new Date(this.ms);
  advance(minutes: number) {
    this.ms += minutes * 60_000;
  }
}

export async function seedStaffWithAccounts(db: Database): Promise<void> {
  const tx = autocommit(db);
  await insertOrganisations(tx, [
    { code: 'LA1', name: 'Northgate Council', type: 'council' },
    { code: 'ICB1', name: 'Northgate ICB', type: 'icb' },
    { code: 'RY6', name: 'Northgate Community Trust', type: 'community_trust' },
  ]);
  await insertTeams(tx, [
    { code: 'T-SPA', name: 'Single point of access', hostOrgCode: 'RY6', service: 'spa' },
    { code: 'T-INT', name: 'Integrated neighbourhood team', hostOrgCode: 'RY6', service: 'int' },
  ]);
  await insertStaff(tx, [
    { id: 'S1', givenName: 'Sam', familyName: 'Carer', employerOrgCode: 'LA1', role: 'care_coordinator', teamCodes: ['T-INT', 'T-SPA'] },
    { id: 'S2', givenName: 'Ana', familyName: 'Lyst', employerOrgCode: 'ICB1', role: 'analyst', teamCodes: [] },
    { id: 'S3', givenName: 'Ida', familyName: 'Lead', employerOrgCode: 'ICB1', role: 'ig_lead', teamCodes: [] },
  ]);
  await createUserAccount(db, { staffId: 'S1', username: 'sam.carer', password: PASSWORD });
  await createUserAccount(db, { staffId: 'S2', username: 'Ana.Lyst@example.org', password: PASSWORD });
  await createUserAccount(db, { staffId: 'S3', username: 'ida.lead', password: PASSWORD });
}

export interface TestAppOptions {
  clock?: TestClock;
  settings?: Partial<AuthSettings>;
  hardening?: Partial<HardeningOptions>;
  logger?: Logger;
  events?: AuthEvent[];
}

export async function buildAuthTestApp(db: Database, options: TestAppOptions = {}): Promise<FastifyInstance> {
  const hardening: HardeningOptions = { rateLimitPerMinute: 10_000, https: false, ...options.hardening };
  // The server applies the hardening itself once wired (createHttpServer's `hardening` option); before that, here.
  const app = await createHttpServer({ logger: options.logger ?? false, version: 'test', hardening } as Parameters<typeof createHttpServer>[0]);
  if (!app.hasReplyDecorator('helmet')) await registerHardening(app, hardening);
  await app.register(authPlugin, {
    db,
    settings: { ...DEFAULT_AUTH_SETTINGS, ...options.settings },
    now: options.clock?.now,
    onAuthEvent: (event) => { options.events?.push(event); },
  });
  await app.register(authRoutes, { prefix: '/api/governance' });
  await app.register(async (api) => {
    api.get('/things', { preHandler: requireActor, schema: { response: { 200: { type: 'object', properties: { who: { type: 'string' } } } } } },
      async (request) => ({ who: request.actor!.id }));
    api.post('/things', {
      preHandler: requireActor,
      schema: {
        body: { type: 'object', properties: { note: { type: 'string' }, password: { type: 'string' } }, additionalProperties: false },
        response: { 200: { type: 'object', properties: { saved: { type: 'boolean' } } } },
      },
    }, async (request) => {
      // Careless on purpose: the hardened request logger must still keep secrets out.
      request.log.debug({ body: request.body, headers: request.headers }, 'saving');
      return { saved: true };
    });
  }, { prefix: '/api/test' });
  await app.ready();
  return app;
}

/** The value of a Set-Cookie of that name, or undefined. */
export function cookieFrom(res: LightMyRequestResponse, name: string) {
  return res.cookies.find((c) => c.name === name);
}

export async function signIn(app: FastifyInstance, username: string, password: string, cookie?: string) {
  return app.inject({
    method: 'POST', url: '/api/governance/session', payload: { username, password },
    ...(cookie ? { headers: { cookie } } : {}),
  });
}

/** Signs in and returns the cookie header to send and the CSRF token. */
export async function signedIn(app: FastifyInstance, username = 'sam.carer', cookieName = 'seamless_session') {
  const res = await signIn(app, username, PASSWORD);
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const token = cookieFrom(res, cookieName)!.value;
  return { cookie: `${cookieName}=${token}`, token, csrfToken: res.json().csrfToken as string, body: res.json() };
}
