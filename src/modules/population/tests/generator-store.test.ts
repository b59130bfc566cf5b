import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../../../kernel/db/database.ts';
import { isSeamlessError } from '../../../kernel/errors.ts';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { summarisePartners } from '../../governance/index.ts';
import { ACTIVITY_KINDS, generatePlaceRecords, generatePlaceReference, generateSyntheticPlace } from '../index.ts';

const PEOPLE = 300;
const SEED = 4242;
const TODAY = '2026-11-01';

async function count(db: Database, table: string, where = ''): Promise<number> {
  const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} ${sql.raw(where)}`.execute(db.kysely);
  return Number(result.rows[0]!.n);
}

for (const store of storeNames()) {
  test(`generating a place into the store on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      const summary = await generateSyntheticPlace(db, { people: PEOPLE, seed: SEED, today: TODAY, progress: 'silent' });
      const expected = [...generatePlaceRecords({ people: PEOPLE, seed: SEED, today: TODAY })];
      const reference = generatePlaceReference({ people: PEOPLE, seed: SEED });

      await t.test('people, identifiers and every activity table hold what the generator produced', async () => {
        assert.equal(summary.people, PEOPLE);
        assert.equal(await count(db, 'person'), PEOPLE);
        const nhs = expected.filter((r) => r.person.nhsNumber).length;
        const local = expected.filter((r) => r.person.localId).length;
        assert.equal(await count(db, 'person_identifier', "where system = 'nhs-number' and match_method = 'nhs_number'"), nhs);
        assert.equal(await count(db, 'person_identifier', "where system = 'local' and match_method = 'local_id'"), local);
        assert.equal(await count(db, 'person', 'where date_of_death is not null'), summary.deaths);
        let total = 0;
        for (const kind of ACTIVITY_KINDS) {
          const want = expected.flatMap((r) => r.activities).filter((a) => a.kind === kind).length;
          assert.equal(await count(db, kind), want, `${kind} rows`);
          assert.equal(summary.eventsByKind[kind], want);
          total += want;
        }
        assert.equal(summary.events, total);
        assert.ok(total / PEOPLE > 15, `${total / PEOPLE} activity records a person`);
        const diagnoses = expected.flatMap((r) => r.activities).reduce((n, a) => n + (a.kind === 'apc_spell' ? a.diagnoses.length : 0), 0);
        assert.equal(await count(db, 'apc_diagnosis'), diagnoses);
      });

      await t.test('the stored person is the generated person under the id the store gave', async () => {
        const rows = await db.kysely.selectFrom('person').selectAll().orderBy('id').execute();
        const byNhs = new Map(expected.filter((r) => r.person.nhsNumber).map((r) => [r.person.nhsNumber, r.person]));
        for (const row of rows) {
          if (!row.nhs_number) continue;
          const person = byNhs.get(row.nhs_number)!;
          assert.equal(row.family_name, person.familyName);
          assert.equal(row.date_of_birth, person.dateOfBirth);
          assert.equal(row.gp_practice_code ?? undefined, person.gpPracticeCode);
        }
        const link = await sql<{ n: number }>`select count(*) as n from person p join person_identifier i on i.person_id = p.id and i.system = 'nhs-number' and i.value = p.nhs_number`.execute(db.kysely);
        assert.equal(Number(link.rows[0]!.n), expected.filter((r) => r.person.nhsNumber).length);
      });

      await t.test('partners, localities and care relationships are stored', async () => {
        const partners = await summarisePartners(db);
        assert.equal(partners.organisations, reference.organisations.length);
        assert.equal(partners.teams, reference.teams.length);
        assert.equal(partners.staff, reference.staff.length);
        assert.equal(await count(db, 'team_member'), reference.staff.reduce((n, s) => n + s.teamCodes.length, 0));
        assert.equal(await count(db, 'locality'), reference.localities.length);
        const relationships = expected.flatMap((r) => r.careRelationships);
        assert.equal(await count(db, 'care_relationship'), relationships.length);
        assert.equal(summary.careRelationships, relationships.length);
        assert.equal(partners.openCareRelationships, relationships.filter((r) => !r.closedOn).length);
        const orphans = await sql<{ n: number }>`select count(*) as n from care_relationship c left join person p on p.id = c.person_id where p.id is null`.execute(db.kysely);
        assert.equal(Number(orphans.rows[0]!.n), 0);
      });

      await t.test('a store that already holds people is refused unless asked to append', async () => {
        await assert.rejects(
          generateSyntheticPlace(db, { people: 10, seed: 1, today: TODAY, progress: 'silent' }),
          (error: unknown) => isSeamlessError(error) && error.code === 'SEAMLESS_ERR_POPULATION_STORE_NOT_EMPTY' && /already holds 300 people/.test(error.message),
        );
        assert.equal(await count(db, 'person'), PEOPLE);
        const appended = await generateSyntheticPlace(db, { people: 50, seed: 1, today: TODAY, progress: 'silent', append: true });
        assert.equal(appended.people, 50);
        assert.equal(await count(db, 'person'), PEOPLE + 50);
        const distinct = await sql<{ n: number }>`select count(distinct nhs_number) as n from person where nhs_number is not null`.execute(db.kysely);
        assert.equal(Number(distinct.rows[0]!.n), await count(db, 'person', 'where nhs_number is not null'), 'appended people get NHS numbers of their own');
      });
    });
  });
}
