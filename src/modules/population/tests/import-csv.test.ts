import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { importFiles, listQuarantine } from '../import/index.ts';
import { formatImportSummary } from '../import/import-summary.ts';
import { countAll, EXAMPLES_DIR, IMPORT_TODAY, makeTempDir, NHS, selectRows, writeFile } from './fixtures/import-support.ts';

const opts = { today: IMPORT_TODAY };

for (const store of storeNames()) {
  test(`CSV examples load, one file per layout, on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      const summary = await importFiles(db, [EXAMPLES_DIR], opts);
      const byFile = Object.fromEntries(summary.files.map((f) => [path.basename(f.file), f]));
      // Persons first, whatever the alphabet says.
      assert.equal(path.basename(summary.files[0]!.file), 'persons.csv');
      const expected: Record<string, [format: string, loaded: number]> = {
        'persons.csv': ['csv/persons', 5], 'gp_events.csv': ['csv/gp_events', 5], 'gp_medications.csv': ['csv/gp_medications', 3],
        'apc_spells.csv': ['csv/apc_spells', 3], 'ae_attendances.csv': ['csv/ae_attendances', 3], 'op_appointments.csv': ['csv/op_appointments', 3],
        'community_contacts.csv': ['csv/community_contacts', 3], 'urgent_care_contacts.csv': ['csv/urgent_care_contacts', 3],
        'social_care_events.csv': ['csv/social_care_events', 4],
      };
      assert.deepEqual(Object.keys(byFile).sort(), Object.keys(expected).sort());
      for (const [file, [format, loaded]] of Object.entries(expected)) {
        const f = byFile[file]!;
        assert.deepEqual([f.format, f.status, f.loaded, f.duplicates, f.quarantined, f.skipped], [format, 'imported', loaded, 0, 0, 0], file);
      }
      assert.equal(summary.personsCreated, 5);
      const counts = await countAll(db);
      assert.deepEqual(counts, {
        person: 5, person_identifier: 6, possible_duplicate: 0, gp_event: 5, gp_medication: 3, apc_spell: 3, apc_diagnosis: 6, apc_procedure: 3,
        ae_attendance: 3, op_appointment: 3, community_contact: 3, urgent_care_contact: 3, social_care_event: 4, import_quarantine: 0,
      });

      // The council id in the CLD file links to the person already known by NHS number.
      const links = await selectRows<{ system: string; value: string; person_id: number }>(db,
        "select system, value, person_id from person_identifier where person_id = (select person_id from person_identifier where system = 'nhs-number' and value = '9990001030') order by system");
      assert.deepEqual(links.map((l) => [l.system, l.value]), [['local', 'LA-000123'], ['nhs-number', '9990001030']]);
      const service = await selectRows<{ client_type: string; weekly_cost_pence: number; funder: string }>(db,
        "select client_type, weekly_cost_pence, funder from social_care_event where record_key = 'ASC-EV-3'");
      assert.deepEqual(service, [{ client_type: 'Service user', weekly_cost_pence: 24_500, funder: 'Local authority' }]);
      const spell = await selectRows<{ primary_diagnosis: string; length_of_stay: number; cost_pence: number }>(db,
        "select primary_diagnosis, length_of_stay, cost_pence from apc_spell where record_key = 'RR8-SP-12345'");
      assert.deepEqual(spell, [{ primary_diagnosis: 'J189', length_of_stay: 6, cost_pence: 352_100 }]);
      const council = await selectRows<{ local_id: string; nhs_number: string | null }>(db, "select local_id, nhs_number from person where family_name = 'Faraday'");
      assert.deepEqual(council, [{ local_id: 'LA-000456', nhs_number: null }]);

      await t.test('importing the same files again reports them and changes nothing', async () => {
        const again = await importFiles(db, [EXAMPLES_DIR], opts);
        assert.deepEqual(again.files.map((f) => f.status), again.files.map(() => 'already_imported'));
        assert.equal(again.loaded + again.records, 0);
        assert.deepEqual(await countAll(db), counts);
        assert.match(formatImportSummary(again), /persons\.csv: already imported \(run \d+\); nothing changed/);
      });
    });
  });

  test(`CSV bad input is quarantined with its reason and nothing stored is lost or doubled, on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      await importFiles(db, [EXAMPLES_DIR], opts);
      const before = await countAll(db);
      const dir = makeTempDir(t);

      await t.test('a file with good and bad rows loads the good ones and quarantines each bad one', async () => {
        const file = writeFile(dir, 'gp-mixed.csv', [
          'nhs_number,record_id,event_date,snomed_code,term',
          `${NHS[0]},MX-1,2024-06-01,44054006,Diabetes`,
          `${NHS[0]},MX-2,2024-06-02,E11.9,Diabetes in ICD-10`,
          `9434765918,MX-3,2024-06-03,44054006,Bad NHS number`,
          `${NHS[1]},MX-4,2031-01-01,38341003,From the future`,
          `${NHS[1]},MX-5,2024-06-05,38341003`,
          `${NHS[1]},MX-6,2024-06-06,38341003,Hypertension`,
          `${NHS[1]},MX-6,2024-06-06,38341003,Hypertension`,
          `${NHS[2]},MX-7,2024-06-07,"38341003,Unclosed`,
        ].join('\n'));
        const summary = await importFiles(db, [file], opts);
        const f = summary.files[0]!;
        assert.deepEqual([f.loaded, f.duplicates, f.quarantined], [2, 1, 5]);
        const quarantine = await listQuarantine(db, f.runId);
        assert.deepEqual(quarantine.map((q) => [q.line, q.reason]), [
          [3, "'E11.9' is not a valid SNOMED CT code in column snomed_code"],
          [4, "NHS number '9434765918' fails the Modulus 11 check digit"],
          [5, "event_date '2031-01-01' is in the future"],
          [6, 'row has 4 fields, header has 5'],
          [9, 'file ends inside a quoted field (a closing " is missing)'],
        ]);
        assert.equal(quarantine[1]!.raw, '9434765918,MX-3,2024-06-03,44054006,Bad NHS number');
        const stored = await selectRows<{ record_key: string }>(db, "select record_key from gp_event where record_key like 'MX-%' order by record_key");
        assert.deepEqual(stored.map((r) => r.record_key), ['MX-1', 'MX-6']);
        assert.match(formatImportSummary(summary), /line 5: event_date '2031-01-01' is in the future/);
      });

      await t.test('a file cut in half loads the complete rows and quarantines the cut one', async () => {
        const whole = [
          'nhs_number,record_id,setting,contact_date,service,duration_minutes',
          `${NHS[0]},CUT-1,community,2024-06-01,District nursing,30`,
          `${NHS[0]},CUT-2,community,2024-06-02,District nursing,30`,
          `${NHS[1]},CUT-3,mental_health,2024-06-03,Memory clinic,45`,
        ].join('\n');
        const file = writeFile(dir, 'community-cut.csv', whole.slice(0, whole.indexOf('mental_health') + 4));
        const f = (await importFiles(db, [file], opts)).files[0]!;
        assert.deepEqual([f.loaded, f.quarantined], [2, 1]);
        assert.deepEqual((await listQuarantine(db, f.runId)).map((q) => [q.line, q.reason]), [[4, 'row has 3 fields, header has 6']]);
      });

      await t.test('a header no layout matches quarantines line 1 and loads nothing', async () => {
        const file = writeFile(dir, 'unknown.csv', 'colour,size\nred,10\n');
        const f = (await importFiles(db, [file], opts)).files[0]!;
        assert.deepEqual([f.loaded, f.quarantined], [0, 1]);
        assert.match((await listQuarantine(db, f.runId))[0]!.reason, /^header is not one Seamless knows/);
      });

      await t.test('malformed quoting: the row is quarantined, its neighbours load', async () => {
        const file = writeFile(dir, 'urgent-quotes.csv', [
          'nhs_number,record_id,service,contact_at,outcome',
          `${NHS[0]},Q-1,ambulance,2024-06-01T10:00:00Z,"conveyed, to ED"`,
          `${NHS[0]},Q-2,ambulance,2024-06-02T10:00:00Z,"conveyed"late`,
          `${NHS[0]},Q-3,nhs111,2024-06-03T10:00:00Z,"advised ""self care"""`,
        ].join('\r\n'));
        const f = (await importFiles(db, [file], opts)).files[0]!;
        assert.deepEqual([f.loaded, f.quarantined], [2, 1]);
        assert.match((await listQuarantine(db, f.runId))[0]!.reason, /^a quoted field is followed by more text/);
        const outcomes = await selectRows<{ outcome: string }>(db, "select outcome from urgent_care_contact where record_key in ('Q-1', 'Q-3') order by record_key");
        assert.deepEqual(outcomes.map((o) => o.outcome), ['conveyed, to ED', 'advised "self care"']);
      });

      await t.test('what was stored before is all still there, once', async () => {
        const after = await countAll(db);
        assert.equal(after.person, before.person, 'no new persons: every row named a known NHS number');
        assert.equal(after.gp_event, before.gp_event + 2);
        assert.equal(after.community_contact, before.community_contact + 2);
        assert.equal(after.urgent_care_contact, before.urgent_care_contact + 2);
        assert.equal(after.import_quarantine, 5 + 1 + 1 + 1);
        for (const table of ['apc_spell', 'apc_diagnosis', 'social_care_event', 'gp_medication', 'person_identifier'] as const) assert.equal(after[table], before[table], table);
      });
    });
  });
}
