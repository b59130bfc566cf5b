import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp } from '../../../app.ts';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { seedSmallPlace, SMALL_PLACE_TODAY } from './support/small-place.ts';
import { actor, shareAmong } from './support/access.ts';

for (const store of storeNames()) {
  test(`population routes on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      const ids = await seedSmallPlace(db);
      await shareAmong(db, ['B82001', 'B82002', 'RR8', 'RY6', 'RX8', 'RXG', 'LA1']);
      // A GP at Ada's and Bert's practice: registered patients are a care relationship.
      const app = await buildApp({ db, actorFor: () => actor('gp', 'B82001') });
      t.after(() => app.close());

      await t.test('summary counts the place as at a date', async () => {
        const res = await app.inject({ url: `/api/population/summary?asOf=${SMALL_PLACE_TODAY}` });
        assert.equal(res.statusCode, 200);
        const body = res.json();
        assert.equal(body.people, 3);
        assert.equal(body.living, 2);
        assert.equal(body.aged65Plus, 2); // Ada (89) and Bert (76); Cora is dead
        assert.equal(body.aged85Plus, 1);
        assert.equal(body.gpPractices, 2);
        assert.deepEqual(body.localities, [{ code: 'L01', name: 'Northgate', people: 2 }, { code: 'L02', name: 'Southfield', people: 0 }]);
        assert.equal(body.activityLast12Months.emergencyAdmissions, 1);
        assert.equal(body.activityLast12Months.electiveAdmissions, 0);
        assert.equal(body.activityLast12Months.communityContacts, 2);
        assert.equal(body.socialCare.peopleWithLongTermSupport, 1);
        assert.equal(body.socialCare.weeklyCostPence, 35_000);
        assert.equal(body.hospitalCostLast12MonthsPence, 512_000 + 24_000 + 16_000);
      });

      await t.test('search by name prefix, both word orders, NHS number with spaces and date of birth', async () => {
        const byFamily = (await app.inject({ url: '/api/population/persons?q=LOV' })).json();
        assert.deepEqual(byFamily.items.map((p: { givenName: string }) => p.givenName), ['Ada', 'Bert']);
        assert.equal(byFamily.total, 2);
        const byBoth = (await app.inject({ url: '/api/population/persons?q=ada%20lov' })).json();
        assert.deepEqual(byBoth.items.map((p: { id: number }) => p.id), [ids.ada]);
        const byNhs = (await app.inject({ url: '/api/population/persons?q=943%20476%205870' })).json();
        assert.deepEqual(byNhs.items.map((p: { id: number }) => p.id), [ids.bert]);
        const byDob = (await app.inject({ url: '/api/population/persons?q=1990-07-21' })).json();
        assert.equal(byDob.items[0].familyName, 'Smith');
        assert.equal(byDob.items[0].dateOfDeath, '2026-01-05');
      });

      await t.test('search refuses a one-character query with a problem document', async () => {
        const res = await app.inject({ url: '/api/population/persons?q=a' });
        assert.equal(res.statusCode, 400);
        assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.match(res.json().detail, /at least 2 characters/);
      });

      await t.test('person record has identifiers and counts; unknown id is 404', async () => {
        const body = (await app.inject({ url: `/api/population/persons/${ids.ada}` })).json();
        assert.equal(body.person.localityName, 'Northgate');
        assert.deepEqual(body.identifiers, [{ system: 'nhs-number', value: '9434765919', matchMethod: 'nhs_number', matchScore: null }]);
        assert.equal(body.counts.social_care_event, 2);
        assert.equal(body.counts.apc_spell, 1);
        const missing = await app.inject({ url: '/api/population/persons/999999' });
        assert.equal(missing.statusCode, 404);
        assert.equal(missing.json().code, 'SEAMLESS_ERR_POPULATION_PERSON_NOT_FOUND');
        const bad = await app.inject({ url: '/api/population/persons/abc' });
        assert.equal(bad.statusCode, 400);
      });

      await t.test('timeline is newest first across settings and filters by setting', async () => {
        const all = (await app.inject({ url: `/api/population/persons/${ids.ada}/timeline` })).json();
        assert.equal(all.items.length, 8);
        const dates = all.items.map((e: { date: string }) => e.date);
        assert.deepEqual(dates, [...dates].sort().reverse());
        const spell = all.items.find((e: { kind: string }) => e.kind === 'apc_spell');
        assert.equal(spell.title, 'Emergency admission (S720)');
        assert.deepEqual(spell.codes, [{ system: 'ICD-10', code: 'S720' }, { system: 'ICD-10', code: 'W19' }, { system: 'OPCS-4', code: 'W371' }]);
        assert.ok(spell.details.some((d: string) => d.startsWith('Discharged 2026-05-16 after 6 days')));
        const filtered = (await app.inject({ url: `/api/population/persons/${ids.ada}/timeline?settings=Hospital,Social%20care` })).json();
        assert.deepEqual(new Set(filtered.items.map((e: { setting: string }) => e.setting)), new Set(['Hospital', 'Social care']));
        const limited = (await app.inject({ url: `/api/population/persons/${ids.ada}/timeline?limit=3` })).json();
        assert.equal(limited.items.length, 3);
        assert.equal(limited.hasMore, true);
        const unknown = await app.inject({ url: `/api/population/persons/${ids.ada}/timeline?settings=Dentist` });
        assert.equal(unknown.statusCode, 400);
        assert.match(unknown.json().detail, /Unknown setting 'Dentist'/);
      });

      await t.test('quality report measures completeness and linkage', async () => {
        const res = await app.inject({ url: `/api/population/quality?asOf=${SMALL_PLACE_TODAY}` });
        assert.equal(res.statusCode, 200);
        const report = res.json();
        assert.equal(report.persons, 3);
        const nhs = report.completeness.find((m: { label: string }) => m.label === 'NHS number');
        assert.deepEqual(nhs, { label: 'NHS number', numerator: 2, denominator: 3, percent: 66.7 });
        assert.deepEqual(report.linkage.identifiersByMethod, { local_id: 1, nhs_number: 2 });
        const across = report.linkage.personsSeenAcross.find((m: { label: string }) => m.label.startsWith('linked across'));
        assert.equal(across.numerator, 1); // only Ada has GP, hospital and social care activity
        const mh = report.linkage.activityLinkedByNhsNumber.find((m: { label: string }) => m.label === 'community_contact');
        assert.deepEqual([mh.numerator, mh.denominator], [1, 2]); // Cora has no NHS number
      });

      await t.test('OpenAPI document lists the routes and /healthz answers', async () => {
        const doc = (await app.inject({ url: '/api/docs/json' })).json();
        assert.ok(doc.paths['/api/population/persons/{id}/timeline']);
        assert.equal((await app.inject({ url: '/healthz' })).json().status, 'ok');
        const nothing = await app.inject({ url: '/api/nothing-here' });
        assert.equal(nothing.statusCode, 404);
        assert.equal(nothing.json().code, 'SEAMLESS_ERR_NOT_FOUND');
      });
    });
  });
}
