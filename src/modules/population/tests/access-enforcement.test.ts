import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../kernel/access/actor.ts';
import { buildApp } from '../../../app.ts';
import { autocommit } from '../../../kernel/db/database.ts';
import { recordCareRelationships, verifyAuditChain } from '../../governance/index.ts';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { actor, shareAmong } from './support/access.ts';
import { seedSmallPlace, SMALL_PLACE_TODAY } from './support/small-place.ts';

/**
 * Access is decided inside the queries: these tests sign in as different actors (through the test
 * hook, one actor per request header) and check what each can find, count and read.
 */
const ACTORS: Record<string, Actor> = {
  gp: actor('gp', 'B82001'),                                  // Ada's and Bert's practice
  otherGp: actor('gp', 'B82099'),                             // no relationship with anyone
  linkWorker: actor('link_worker', 'VCS1', ['T-LINK']),       // cannot look anyone up; Ada is on the team's caseload
  socialWorker: actor('social_worker', 'LA1', ['T-SW']),      // Cora is on the team's caseload
  analyst: actor('analyst', 'ICB1'),
  igLead: actor('ig_lead', 'ICB1'),
};

for (const store of storeNames()) {
  test(`access enforcement on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      const ids = await seedSmallPlace(db);
      await recordCareRelationships(autocommit(db), [
        { personId: ids.ada, teamCode: 'T-LINK', kind: 'referral', openedOn: '2026-01-01' },
        { personId: ids.cora, teamCode: 'T-SW', kind: 'case', openedOn: '2025-06-01' },
        { personId: ids.bert, teamCode: 'T-LINK', kind: 'case', openedOn: '2024-01-01', closedOn: '2025-01-01' },
      ]);
      const app = await buildApp({ db, actorFor: (request: FastifyRequest) => ACTORS[String(request.headers['x-test-actor'])] });
      t.after(() => app.close());
      const get = (who: string, url: string) => app.inject({ url, headers: { 'x-test-actor': who } });
      const timelineOf = async (who: string, id: number) => (await get(who, `/api/population/persons/${id}/timeline`)).json();

      await t.test('no actor: 401 problem', async () => {
        const res = await app.inject({ url: '/api/population/persons?q=lov' });
        assert.equal(res.statusCode, 401);
        assert.equal(res.json().code, 'SEAMLESS_ERR_GOVERNANCE_NOT_SIGNED_IN');
      });

      await t.test('without an agreement, another organisation\'s records stay hidden even from the registered GP', async () => {
        const body = await timelineOf('gp', ids.ada);
        assert.deepEqual(new Set(body.items.map((e: { sourceOrg: string }) => e.sourceOrg)), new Set(['B82001']));
        assert.equal(body.accessNote, null);
      });

      await shareAmong(db, ['B82001', 'B82099', 'RR8', 'RY6', 'RX8', 'RXG', 'LA1', 'VCS1']);

      await t.test('the registered GP sees every shared source', async () => {
        assert.equal((await timelineOf('gp', ids.ada)).items.length, 8);
      });

      await t.test('a GP with no relationship finds the person but sees no records, and is told why', async () => {
        const found = (await get('otherGp', '/api/population/persons?q=lovelace')).json();
        assert.equal(found.total, 1);
        const body = await timelineOf('otherGp', ids.ada);
        assert.equal(body.items.length, 0);
        assert.match(body.accessNote, /break-glass/);
        const record = (await get('otherGp', `/api/population/persons/${ids.ada}`)).json();
        assert.equal(Object.values(record.counts as Record<string, number>).reduce((a, b) => a + b, 0), 0);
      });

      await t.test('break-glass opens the records until it expires', async () => {
        await db.kysely.insertInto('break_glass').values({ person_id: ids.ada, staff_id: ACTORS.otherGp!.id, org_code: 'B82099', reason: 'Unconscious in clinic, needs history', opened_at: '2026-01-01T00:00:00.000Z', expires_at: '2099-01-01T00:00:00.000Z' }).execute();
        assert.equal((await timelineOf('otherGp', ids.ada)).items.length, 8);
        await db.kysely.updateTable('break_glass').set({ expires_at: '2020-01-01T00:00:00.000Z' }).execute();
        assert.equal((await timelineOf('otherGp', ids.ada)).items.length, 0);
      });

      await t.test('a role that cannot look people up finds only its caseload; search totals never leak', async () => {
        const found = (await get('linkWorker', '/api/population/persons?q=lov')).json();
        assert.deepEqual(found.items.map((p: { id: number }) => p.id), [ids.ada]); // Bert's case closed
        assert.equal(found.total, 1);
        assert.equal((await get('linkWorker', `/api/population/persons/${ids.bert}`)).statusCode, 404);
        assert.equal((await get('linkWorker', `/api/population/persons/${ids.cora}`)).statusCode, 404);
        assert.equal((await get('linkWorker', '/api/population/persons/999999')).statusCode, 404);
      });

      await t.test('a role reads only its categories: the link worker sees community and social care, not hospital or GP', async () => {
        const settings = new Set((await timelineOf('linkWorker', ids.ada)).items.map((e: { setting: string }) => e.setting));
        assert.deepEqual(settings, new Set(['Community', 'Social care']));
      });

      await t.test('mental health records are restricted to named roles', async () => {
        assert.equal((await timelineOf('socialWorker', ids.cora)).items.length, 0); // Cora's only record is a mental health contact
        await db.kysely.insertInto('break_glass').values({ person_id: ids.cora, staff_id: ACTORS.gp!.id, org_code: 'B82001', reason: 'Crisis call, needs the care plan', opened_at: '2026-01-01T00:00:00.000Z', expires_at: '2099-01-01T00:00:00.000Z' }).execute();
        assert.equal((await timelineOf('gp', ids.cora)).items[0].setting, 'Mental health');
      });

      await t.test('an objection to sharing keeps records with the organisation that made them', async () => {
        await db.kysely.insertInto('person_consent').values({ person_id: ids.ada, kind: 'objection_to_sharing', recorded_at: '2026-02-01T00:00:00.000Z', recorded_by: 'test' }).execute();
        const sources = new Set((await timelineOf('gp', ids.ada)).items.map((e: { sourceOrg: string }) => e.sourceOrg));
        assert.deepEqual(sources, new Set(['B82001']));
      });

      await t.test('an expired agreement shares nothing', async () => {
        await db.kysely.updateTable('data_sharing_agreement').set({ end_date: '2025-12-31' }).execute();
        const { forgetSharingGrants } = await import('../../governance/index.ts');
        forgetSharingGrants(db);
        const sources = new Set((await timelineOf('gp', ids.bert)).items.map((e: { sourceOrg: string }) => e.sourceOrg));
        assert.ok(!sources.has('RR8'));
      });

      await t.test('planning and administration roles cannot open person records; planning aggregates leave out opt-outs and suppress small counts', async () => {
        assert.equal((await get('analyst', '/api/population/persons?q=lov')).statusCode, 403);
        assert.equal((await get('igLead', `/api/population/persons/${ids.ada}`)).statusCode, 403);
        await db.kysely.insertInto('person_consent').values({ person_id: ids.bert, kind: 'national_data_opt_out', recorded_at: '2026-02-01T00:00:00.000Z', recorded_by: 'test' }).execute();
        const summary = (await get('analyst', `/api/population/summary?asOf=${SMALL_PLACE_TODAY}`)).json();
        assert.equal(summary.suppressed, true);
        assert.equal(summary.people, 2); // Bert opted out
        assert.deepEqual(summary.localities.map((l: { people: unknown }) => l.people), ['<8', 0]);
        const direct = (await get('gp', `/api/population/summary?asOf=${SMALL_PLACE_TODAY}`)).json();
        assert.equal(direct.people, 3);
        assert.equal(direct.suppressed, false);
      });

      await t.test('analysts get pseudonymised keys and age bands, never identities, and no opted-out person', async () => {
        const res = await get('analyst', '/api/population/pseudonymised-persons?limit=10');
        assert.equal(res.statusCode, 200);
        const body = res.json();
        assert.equal(body.items.length, 2, 'Bert opted out above');
        const text = res.body;
        for (const identity of ['Lovelace', 'Ada', String(ids.ada), String(ids.cora), '9434765919']) assert.ok(!text.includes(`"${identity}"`) && !text.includes(`:${identity},`), `no ${identity} in the extract`);
        for (const item of body.items) {
          assert.match(item.personKey, /^[A-Za-z0-9_-]{22}$/);
          assert.deepEqual(Object.keys(item).sort(), ['ageBand', 'dead', 'gpPracticeCode', 'localityCode', 'personKey', 'sex']);
          assert.match(item.ageBand, /^(\d+-\d+|90\+)$/);
        }
        const again = (await get('analyst', '/api/population/pseudonymised-persons?limit=10')).json();
        assert.deepEqual(again.items.map((i: { personKey: string }) => i.personKey), body.items.map((i: { personKey: string }) => i.personKey), 'keys are stable');
        assert.equal(new Set(body.items.map((i: { personKey: string }) => i.personKey)).size, 2, 'and distinct');
        assert.equal((await get('gp', '/api/population/pseudonymised-persons')).statusCode, 403, 'direct care uses the record, not extracts');
        const audited = await db.kysely.selectFrom('audit_log').select('person_id').where('resource', '=', 'population.pseudonymised_person').execute();
        assert.ok(audited.length >= 4 && audited.every((r) => r.person_id !== null && Number(r.person_id) !== ids.bert));
      });

      await t.test('every search result, read and refusal is in the hash-chained audit log', async () => {
        await get('linkWorker', '/api/population/persons?q=lov');
        await get('linkWorker', `/api/population/persons/${ids.cora}`);
        const rows = await db.kysely.selectFrom('audit_log').selectAll().where('actor_id', '=', ACTORS.linkWorker!.id).orderBy('seq').execute();
        const last = rows.slice(-2);
        assert.deepEqual(last.map((r) => [r.action, r.resource, r.person_id === null ? null : Number(r.person_id), r.outcome]), [
          ['search', 'population.person', ids.ada, 'allowed'],
          ['read', 'population.person', null, 'denied'],
        ]);
        const report = await verifyAuditChain(db);
        assert.equal(report.ok, true);
      });
    });
  });
}
