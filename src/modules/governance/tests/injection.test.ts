import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../kernel/access/actor.ts';
import { buildApp } from '../../../app.ts';
import type { Database } from '../../../kernel/db/database.ts';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { verifyAuditChain } from '../audit/index.ts';
import { ORGS, seedIgPlace, STAFF } from './registers-fixtures.ts';

/**
 * SQL and script injection in every free-text field a user can type into, through the real routes on
 * both engines. Each payload must be refused by validation (4xx) or stored and returned verbatim as
 * data — never executed, never a server error — and afterwards every table is intact and the audit
 * chain verifies. (docs/security.md, threat "Injection".)
 */
const PAYLOADS = [
  "'; DROP TABLE person; --",
  "' OR '1'='1",
  "Robert'); DELETE FROM audit_log; --",
  '%\' OR 1=1 --',
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  '"; SELECT pg_sleep(5); --',
  '\\x00 \\\\ $1 ${1} {{7*7}}',
  'null\u0000byte',
];

async function tableCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['person', 'person_identifier', 'staff', 'organisation', 'data_sharing_agreement', 'user_account']) {
    counts[table] = Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  }
  return counts;
}

for (const store of storeNames()) {
  test(`injection in every free-text field is data, never code (${store})`, async (t) => {
    await withStore(store, async (db) => {
      const place = await seedIgPlace(db);
      await place.writer.close();
      const app = await buildApp({ db, actorFor: (request: FastifyRequest) => (STAFF as Record<string, Actor>)[String(request.headers['x-test-actor'])] });
      t.after(() => app.close());
      const call = (who: keyof typeof STAFF, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
        app.inject({ method, url, headers: { 'x-test-actor': who }, ...(payload ? { payload } : {}) });
      const before = await tableCounts(db);
      const q = encodeURIComponent;

      for (const [index, text] of PAYLOADS.entries()) {
        await t.test(`payload ${index + 1}: ${JSON.stringify(text)}`, async () => {
          const responses = [
            await call('gp', 'GET', `/api/population/persons?q=${q(text)}`),
            await call('gp', 'GET', `/api/population/persons/${place.ada}/timeline?settings=${q(text)}`),
            await call('gp', 'GET', `/api/population/persons/${place.ada}/timeline?before=${q(text)}`),
            await call('igLead', 'GET', `/api/governance/audit?actor=${q(text)}&action=${q(text)}`),
            await call('igLead', 'GET', `/api/governance/agreements?org=${q(text)}&status=${q(text)}`),
            await call('analyst', 'GET', `/api/population/pseudonymised-persons?localityCode=${q(text)}`),
            await app.inject({ method: 'POST', url: '/api/governance/session', payload: { username: text, password: text } }),
          ];
          const consent = await call('gp', 'POST', `/api/governance/persons/${place.ada}/consents`, { kind: 'consent_to_share', category: 'mental_health', orgCode: ORGS.acute, note: text });
          const breakGlass = await call('nurse', 'POST', `/api/governance/persons/${place.bert}/break-glass`, { reason: `Unconscious in A&E, history needed ${text}` });
          const agreement = await call('igLead', 'POST', '/api/governance/agreements', {
            title: `Agreement ${index} ${text}`, legalBasis: text, purposes: ['direct_care'], dataCategories: ['acute'],
            startDate: '2026-01-01', endDate: '2027-01-01', parties: [ORGS.acute, ORGS.council],
          });
          responses.push(consent, breakGlass, agreement);
          for (const res of responses) assert.ok(res.statusCode < 500, `${res.statusCode} ${res.body}`);

          // What was accepted comes back exactly as typed: stored as data.
          const stored = [[consent, 'note', text], [agreement, 'legalBasis', text]] as const;
          for (const [res, field, expected] of stored) {
            if (res.statusCode === 201) assert.equal(res.json()[field], expected);
            else assert.equal(res.statusCode, 400, `refused only by validation: ${res.body}`);
          }
          if (breakGlass.statusCode === 201) {
            assert.equal(breakGlass.json().reason, `Unconscious in A&E, history needed ${text}`);
            const review = await call('igLead2', 'POST', `/api/governance/break-glass/${breakGlass.json().id}/review`, { decision: 'appropriate', note: text });
            assert.ok(review.statusCode < 500, review.body);
            if (review.statusCode === 200) assert.equal(review.json().reviewNote, text.trim());
          }
          if (consent.statusCode === 201) await call('gp', 'POST', `/api/governance/consents/${consent.json().id}/withdraw`);
          // Searches treat the text as a value: nobody is called "' OR '1'='1".
          const search = responses[0]!;
          if (search.statusCode === 200) assert.equal(search.json().total, 0);
        });
      }

      await t.test('every table is intact and the audit chain verifies', async () => {
        const after = await tableCounts(db);
        assert.equal(after.person, before.person);
        assert.equal(after.staff, before.staff);
        assert.equal(after.user_account, before.user_account);
        assert.ok(after.data_sharing_agreement! >= before.data_sharing_agreement!);
        const report = await verifyAuditChain(db);
        assert.equal(report.ok, true, JSON.stringify(report));
        assert.ok(report.entries > 0);
      });
    });
  });
}
