import assert from 'node:assert/strict';
import { test } from 'node:test';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { importFiles } from '../import/index.ts';
import { IMPORT_TODAY, makeTempDir, NHS, selectRows, writeFile } from './fixtures/import-support.ts';

const opts = { today: IMPORT_TODAY };

const PERSONS = [
  'nhs_number,local_person_id,given_name,family_name,date_of_birth,sex,postcode',
  `${NHS[0]},,Ada,Lovelace,1936-12-10,2,LS1 4AP`,
  ',LA-1,Charles,Babbage,1941-12-26,1,LS6 2AB',
  ',,Mary,Somerville,1930-12-26,2,LS8 1DX',
  ',LA-2,John,Smith,1950-05-05,1,LS2 9JT',
].join('\n');

/** Each row's record id says how it should be linked. */
const EVENTS = [
  'nhs_number,local_person_id,given_name,family_name,date_of_birth,sex,postcode,record_id,event_date,snomed_code',
  `${NHS[0]},,,,,,,by-nhs,2024-01-01,44054006`,
  ',LA-1,,,,,,by-local-id,2024-01-02,44054006',
  `${NHS[1]},,Mary,Somerville,1930-12-26,2,ls8 1dx,exact-demographics,2024-01-03,44054006`,
  `${NHS[2]},,Charls,Babbage,1941-12-26,1,LS6 2AB,probabilistic,2024-01-04,44054006`,
  ',,Jane,Smith,1950-05-05,2,LS9 0AA,borderline,2024-01-05,44054006',
  `${NHS[3]},,Ada,Lovelace,1936-12-10,2,LS1 4AP,other-nhs-number,2024-01-06,44054006`,
  ',,Mary,Somerville,1930-12-26,2,LS8 1DX,demographics-only,2024-01-07,44054006',
  ',,Ivy,Twin,1960-02-02,2,LS3 1AA,twin-1,2024-01-08,44054006',
  ',,Ivy,Twin,1960-02-02,2,LS3 1AA,twin-2,2024-01-09,44054006',
].join('\n');

interface IdentifierRow { system: string; value: string; person_id: number; match_method: string; match_score: number | null }

for (const store of storeNames()) {
  test(`person matching when importing, on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      const dir = makeTempDir(t);
      writeFile(dir, 'persons.csv', PERSONS);
      writeFile(dir, 'events.csv', EVENTS);
      const summary = await importFiles(db, [dir], opts);
      assert.equal(summary.quarantined, 0);
      const persons = await selectRows<{ id: number; given_name: string; family_name: string; nhs_number: string | null; local_id: string | null }>(db,
        'select id, given_name, family_name, nhs_number, local_id from person order by id');
      const id = (given: string, family: string, nth = 0) => persons.filter((p) => p.given_name === given && p.family_name === family)[nth]!.id;
      const [ada, charles, mary, john] = [id('Ada', 'Lovelace'), id('Charles', 'Babbage'), id('Mary', 'Somerville'), id('John', 'Smith')];
      const ownerOf = async (key: string) => Number((await selectRows<{ person_id: number }>(db, `select person_id from gp_event where record_key = '${key}'`))[0]!.person_id);
      const identifiers = await selectRows<IdentifierRow>(db, 'select system, value, person_id, match_method, match_score from person_identifier');
      const identifier = (system: string, value: string) => identifiers.find((i) => i.system === system && i.value === value);

      await t.test('a known NHS number or council id links directly', async () => {
        assert.equal(await ownerOf('by-nhs'), ada);
        assert.equal(await ownerOf('by-local-id'), charles);
      });

      await t.test('exact demographics link a new NHS number to the person, recorded as demographic_exact', async () => {
        assert.equal(await ownerOf('exact-demographics'), mary);
        const link = identifier('nhs-number', NHS[1])!;
        assert.deepEqual([link.person_id, link.match_method, link.match_score], [mary, 'demographic_exact', 16]);
        assert.equal(persons.find((p) => p.id === mary)!.nhs_number, NHS[1], 'the gap is filled');
        assert.equal(await ownerOf('demographics-only'), mary, 'a row with demographics only finds the same person');
      });

      await t.test('a close but not exact match links probabilistically with its score', async () => {
        assert.equal(await ownerOf('probabilistic'), charles);
        const link = identifier('nhs-number', NHS[2])!;
        assert.deepEqual([link.person_id, link.match_method, link.match_score], [charles, 'probabilistic', 14]);
      });

      await t.test('a borderline score creates a new person and lists the pair for review', async () => {
        const jane = await ownerOf('borderline');
        assert.ok(![ada, charles, mary, john].includes(jane));
        const pairs = await selectRows<{ person_id: number; candidate_person_id: number; score: number; reasons: string; status: string }>(db,
          `select person_id, candidate_person_id, score, reasons, status from possible_duplicate where person_id = ${jane}`);
        assert.equal(pairs.length, 1);
        assert.deepEqual([Number(pairs[0]!.candidate_person_id), pairs[0]!.score, pairs[0]!.status], [john, 8, 'open']);
        assert.deepEqual(JSON.parse(pairs[0]!.reasons), ['family name agrees (+4)', 'given name similar (+1)', 'date of birth agrees (+5)', 'sex differs (-2)']);
        const janeLocal = identifiers.find((i) => i.person_id === jane && i.system === 'local')!;
        assert.match(janeLocal.value, /^L\d{9}$/);
      });

      await t.test('never merged silently: a different NHS number is a different person', async () => {
        const other = await ownerOf('other-nhs-number');
        assert.notEqual(other, ada);
        assert.equal(persons.find((p) => p.id === other)!.nhs_number, NHS[3]);
        assert.equal(persons.find((p) => p.id === ada)!.nhs_number, NHS[0]);
      });

      await t.test('two rows in one batch about the same unknown person make one person', async () => {
        assert.equal(await ownerOf('twin-1'), await ownerOf('twin-2'));
      });

      await t.test('the person index holds exactly who it should', async () => {
        assert.equal(persons.length, 4 + 3); // Jane, the other Ada, Ivy
        assert.equal(summary.personsCreated, 7);
        const pairs = await selectRows<{ n: number }>(db, 'select count(*) as n from possible_duplicate');
        assert.equal(Number(pairs[0]!.n), 1);
      });
    });
  });
}
