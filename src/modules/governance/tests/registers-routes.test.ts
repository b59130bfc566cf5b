import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../kernel/access/actor.ts';
import type { Database } from '../../../kernel/db/database.ts';
import { createHttpServer } from '../../../kernel/http/server.ts';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { igRoutes } from '../routes/ig.routes.ts';
import { searchAuditLog, verifyAuditChain, type AuditWriter } from '../audit/index.ts';
import { ORGS, seedIgPlace, STAFF } from './registers-fixtures.ts';

/** The routes as the lead mounts them, with a stand-in for the auth plugin: the actor named in a test header. */
async function buildIgApp(db: Database, writer: AuditWriter): Promise<FastifyInstance> {
  const app = await createHttpServer({ version: 'test', logger: false });
  app.addHook('onRequest', async (request) => {
    const who = request.headers['x-test-actor'];
    const actor = typeof who === 'string' ? (STAFF as Record<string, Actor>)[who] : undefined;
    if (actor) (request as unknown as { actor: Actor }).actor = actor;
  });
  await app.register(igRoutes, { prefix: '/api/governance', db, audit: writer, now: () => new Date('2026-06-15T10:00:00Z') });
  await app.ready();
  return app;
}

const agreement = {
  title: 'Discharge to assess', legalBasis: 'UK GDPR Art. 6(1)(e) and 9(2)(h)', purposes: ['direct_care'], dataCategories: ['acute', 'social_care'],
  startDate: '2026-01-01', endDate: '2026-07-01', parties: [ORGS.acute, ORGS.council],
};

for (const store of storeNames()) {
  test(`IG routes on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      const place = await seedIgPlace(db);
      const app = await buildIgApp(db, place.writer);
      t.after(() => app.close());
      const as = (who: keyof typeof STAFF | undefined, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
        app.inject({ method, url: `/api/governance${url}`, headers: who ? { 'x-test-actor': who } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });

      await t.test('nobody signed in: 401 problem on every route', async () => {
        const calls: [string, string, unknown?][] = [
          ['GET', '/agreements'], ['GET', '/agreements/1'], ['POST', '/agreements', agreement], ['PUT', '/agreements/1', agreement],
          ['GET', `/persons/${place.ada}/consents`], ['POST', `/persons/${place.ada}/consents`, { kind: 'national_data_opt_out' }],
          ['POST', '/consents/1/withdraw'], ['POST', `/persons/${place.ada}/break-glass`, { reason: 'Collapsed at home, unknown history' }],
          ['GET', '/break-glass'], ['POST', '/break-glass/1/review', { decision: 'appropriate' }], ['GET', '/audit'], ['GET', `/persons/${place.ada}/access-log`],
        ];
        for (const [method, url, body] of calls) {
          const res = await as(undefined, method as 'GET', url, body);
          assert.equal(res.statusCode, 401, `${method} ${url}`);
          assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
          assert.equal(res.json().code, 'SEAMLESS_ERR_GOVERNANCE_NOT_SIGNED_IN');
        }
      });

      await t.test('agreements: IG lead creates and updates; anyone signed in reads; others get 403, audited', async () => {
        const refused = await as('nurse', 'POST', '/agreements', agreement);
        assert.equal(refused.statusCode, 403);
        assert.equal(refused.json().code, 'SEAMLESS_ERR_GOVERNANCE_FORBIDDEN');
        const denied = await searchAuditLog(db, { actor: STAFF.nurse.id, outcome: 'denied' });
        assert.deepEqual(denied.items.map((e) => [e.action, e.resource]), [['admin', 'governance.agreement']]);

        const created = await as('igLead', 'POST', '/agreements', agreement);
        assert.equal(created.statusCode, 201);
        const body = created.json();
        assert.deepEqual([body.inForce, body.expiring, body.daysToEnd], [true, true, 16]);

        const bad = await as('igLead', 'POST', '/agreements', { ...agreement, endDate: '2025-12-31' });
        assert.equal(bad.statusCode, 400);
        assert.equal(bad.json().code, 'SEAMLESS_ERR_GOVERNANCE_AGREEMENT_DATES');
        const unknown = await as('igLead', 'POST', '/agreements', { ...agreement, parties: [ORGS.acute, 'NOPE1'] });
        assert.equal(unknown.json().code, 'SEAMLESS_ERR_GOVERNANCE_UNKNOWN_ORGANISATION');
        const extra = await as('igLead', 'POST', '/agreements', { ...agreement, sneaky: true });
        assert.equal(extra.statusCode, 400);

        const list = await as('analyst', 'GET', '/agreements');
        assert.equal(list.statusCode, 200);
        assert.deepEqual(list.json().expiring, [{ id: body.id, title: agreement.title, endDate: '2026-07-01', daysToEnd: 16 }]);
        assert.equal(list.json().warningDays, 30);
        assert.equal((await as('gp', 'GET', `/agreements/${body.id}`)).json().title, agreement.title);
        assert.equal((await as('gp', 'GET', '/agreements/9999')).statusCode, 404);

        assert.equal((await as('gp', 'PUT', `/agreements/${body.id}`, agreement)).statusCode, 403);
        const updated = await as('igLead', 'PUT', `/agreements/${body.id}`, { ...agreement, endDate: '2027-03-31' });
        assert.equal(updated.statusCode, 200);
        assert.equal(updated.json().expiring, false);
      });

      await t.test('consents: care roles record, list and withdraw; the analyst may not', async () => {
        const refused = await as('analyst', 'POST', `/persons/${place.ada}/consents`, { kind: 'objection_to_sharing' });
        assert.equal(refused.statusCode, 403);
        assert.equal((await searchAuditLog(db, { actor: STAFF.analyst.id, person: place.ada, outcome: 'denied' })).items.length, 1);

        const recorded = await as('nurse', 'POST', `/persons/${place.ada}/consents`, { kind: 'objection_to_sharing', orgCode: ORGS.council, note: 'Said at visit' });
        assert.equal(recorded.statusCode, 201);
        const consent = recorded.json();
        assert.equal(consent.kind, 'objection_to_sharing');
        assert.equal((await as('nurse', 'POST', `/persons/${place.ada}/consents`, { kind: 'objection_to_sharing', orgCode: ORGS.council })).statusCode, 409);
        assert.equal((await as('nurse', 'POST', `/persons/${place.ada}/consents`, { kind: 'restrict_category' })).json().code, 'SEAMLESS_ERR_GOVERNANCE_CONSENT_INVALID');
        assert.equal((await as('nurse', 'POST', '/persons/99999/consents', { kind: 'national_data_opt_out' })).statusCode, 404);

        const listed = await as('igLead', 'GET', `/persons/${place.ada}/consents`);
        assert.deepEqual(listed.json().items.map((c: { id: number }) => c.id), [consent.id]);
        assert.equal((await as('analyst', 'GET', `/persons/${place.ada}/consents`)).statusCode, 403);
        assert.equal((await as('analyst', 'POST', `/consents/${consent.id}/withdraw`)).statusCode, 403);
        assert.equal((await searchAuditLog(db, { actor: STAFF.analyst.id, person: place.ada, outcome: 'denied' })).items.length, 3);

        const withdrawn = await as('gp', 'POST', `/consents/${consent.id}/withdraw`);
        assert.equal(withdrawn.statusCode, 200);
        assert.deepEqual([withdrawn.json().active, withdrawn.json().withdrawnBy], [false, STAFF.gp.id]);
        assert.equal((await as('gp', 'POST', `/consents/${consent.id}/withdraw`)).statusCode, 409);
      });

      await t.test('break-glass: care roles open with a reason; IG reviews; nobody else', async () => {
        assert.equal((await as('analyst', 'POST', `/persons/${place.bert}/break-glass`, { reason: 'I would like to look at it' })).statusCode, 403);
        assert.equal((await as('igLead', 'POST', `/persons/${place.bert}/break-glass`, { reason: 'Checking something for audit' })).statusCode, 403);
        const short = await as('gp', 'POST', `/persons/${place.bert}/break-glass`, { reason: 'urgent' });
        assert.equal(short.statusCode, 400);
        assert.equal(short.json().code, 'SEAMLESS_ERR_GOVERNANCE_BREAK_GLASS_REASON');
        const opened = await as('gp', 'POST', `/persons/${place.bert}/break-glass`, { reason: 'Found collapsed; need allergy history now' });
        assert.equal(opened.statusCode, 201);
        assert.equal(opened.json().expiresAt, '2026-06-15T14:00:00.000Z');

        assert.equal((await as('gp', 'GET', '/break-glass')).statusCode, 403);
        const queue = await as('igLead', 'GET', '/break-glass?status=open');
        assert.equal(queue.statusCode, 200);
        assert.deepEqual(queue.json().items.map((b: { personId: number; staffName: string }) => [b.personId, b.staffName]), [[place.bert, 'Gail Practitioner']]);

        const id = opened.json().id;
        assert.equal((await as('nurse', 'POST', `/break-glass/${id}/review`, { decision: 'appropriate' })).statusCode, 403);
        assert.equal((await as('igLead', 'POST', `/break-glass/${id}/review`, { decision: 'maybe' })).statusCode, 400);
        const reviewed = await as('igLead', 'POST', `/break-glass/${id}/review`, { decision: 'inappropriate', note: 'No emergency recorded' });
        assert.equal(reviewed.statusCode, 200);
        assert.equal(reviewed.json().reviewStatus, 'inappropriate');
        assert.deepEqual((await as('igLead', 'GET', '/break-glass')).json().items, []);
        assert.equal((await as('igLead', 'GET', '/break-glass?status=all')).json().items.length, 1);
      });

      await t.test("audit search and a person's access log: IG only, audited, newest first", async () => {
        assert.equal((await as('gp', 'GET', '/audit')).statusCode, 403);
        assert.equal((await as('nurse', 'GET', `/persons/${place.bert}/access-log`)).statusCode, 403);
        const log = await as('igLead', 'GET', `/persons/${place.bert}/access-log?limit=50`);
        assert.equal(log.statusCode, 200);
        const items = log.json().items as { actorId: string; action: string; resource: string; outcome: string }[];
        assert.ok(items.some((e) => e.actorId === STAFF.gp.id && e.action === 'break_glass' && e.outcome === 'allowed'));
        assert.ok(items.some((e) => e.actorId === STAFF.analyst.id && e.outcome === 'denied'));
        assert.equal((await as('igLead', 'GET', '/persons/99999/access-log')).statusCode, 404);

        const search = await as('igLead2', 'GET', `/audit?actor=${STAFF.gp.id}&action=break_glass&limit=10`);
        assert.equal(search.statusCode, 200);
        assert.equal(search.json().items.length, 1);
        assert.equal((await as('igLead', 'GET', '/audit?action=peek')).statusCode, 400);
        assert.equal((await as('igLead', 'GET', '/audit?from=yesterday')).json().code, 'SEAMLESS_ERR_GOVERNANCE_AUDIT_DATE');
        const own = await searchAuditLog(db, { actor: STAFF.igLead2.id });
        assert.deepEqual(own.items.map((e) => [e.action, e.resource, e.personId]), [['search', 'governance.audit', place.bert]]);
        await place.writer.flush();
        assert.equal((await verifyAuditChain(db)).ok, true);
      });
    });
  });
}
