import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../../migrations.ts';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { lengthOfStayDays, type Activity } from '../domain/activity.ts';
import type { PersonHistory } from '../domain/person-history.ts';
import { generatePlaceRecords, generateSyntheticPlace, listPersonIds, streamPersonHistories } from '../index.ts';
import { seedSmallPlace } from './support/small-place.ts';

const PEOPLE = 150;
const SEED = 31;
const TODAY = '2026-11-01';

/** What the history of a generated person must hold: the generator's own records in the history's shape. */
function expectedHistory(generated: { person: { id: number; nhsNumber?: string | undefined; dateOfBirth?: string | undefined; sex: string; localityCode?: string | undefined; gpPracticeCode?: string | undefined; dateOfDeath?: string | undefined }; activities: Activity[] }): PersonHistory {
  const p = generated.person;
  const h: PersonHistory = {
    person: {
      id: p.id, nhsNumber: p.nhsNumber ?? null, dateOfBirth: p.dateOfBirth ?? null, sex: p.sex as PersonHistory['person']['sex'], localityCode: p.localityCode ?? null,
      gpPracticeCode: p.gpPracticeCode ?? null, dateOfDeath: p.dateOfDeath ?? null,
    },
    gpEvents: [], medications: [], spells: [], aeAttendances: [], outpatientAppointments: [], communityContacts: [], urgentCareContacts: [], socialCareEvents: [],
  };
  for (const a of generated.activities) {
    switch (a.kind) {
      case 'gp_event': h.gpEvents.push({ eventDate: a.eventDate, code: a.code }); break;
      case 'gp_medication': h.medications.push({ startDate: a.startDate, endDate: a.endDate, code: a.code }); break;
      case 'apc_spell': h.spells.push({
        recordKey: a.recordKey, admissionDate: a.admissionDate, dischargeDate: a.dischargeDate, admissionMethod: a.admissionMethod,
        dischargeMethod: a.dischargeMethod, dischargeDestination: a.dischargeDestination,
        lengthOfStay: a.lengthOfStay ?? lengthOfStayDays(a.admissionDate, a.dischargeDate) ?? null, diagnoses: a.diagnoses,
      }); break;
      case 'ae_attendance': h.aeAttendances.push({ arrivalAt: a.arrivalAt, chiefComplaintSnomed: a.chiefComplaintSnomed ?? null, diagnosisSnomed: a.diagnosisSnomed ?? null }); break;
      case 'op_appointment': h.outpatientAppointments.push({
        appointmentDate: a.appointmentDate,
        attended: a.attendedOrDna === '5' || a.attendedOrDna === '6' ? true : ['2', '3', '4', '7'].includes(a.attendedOrDna ?? '') ? false : null,
      }); break;
      case 'community_contact': h.communityContacts.push({ setting: a.setting, contactDate: a.contactDate }); break;
      case 'urgent_care_contact': h.urgentCareContacts.push({ service: a.service, contactAt: a.contactAt }); break;
      case 'social_care_event': h.socialCareEvents.push({
        eventType: a.eventType, startDate: a.eventStartDate, endDate: a.eventEndDate, weeklyCostPence: a.weeklyCostPence ?? null, clientType: a.clientType,
        primarySupportReason: a.primarySupportReason ?? null,
      }); break;
    }
  }
  return h;
}

/** A history with each list in a fixed order (the stream gives records in store order), as plain JSON. */
function canonical(h: PersonHistory): unknown {
  const sorted = <T>(list: T[]) => list.map((r) => JSON.stringify(r, (_k, v: unknown) => (v === undefined ? '(undefined)' : v))).sort();
  return {
    person: h.person, gpEvents: sorted(h.gpEvents), medications: sorted(h.medications), spells: sorted(h.spells), aeAttendances: sorted(h.aeAttendances),
    outpatientAppointments: sorted(h.outpatientAppointments), communityContacts: sorted(h.communityContacts),
    urgentCareContacts: sorted(h.urgentCareContacts), socialCareEvents: sorted(h.socialCareEvents),
  };
}

async function collect(iterable: AsyncIterable<PersonHistory[]>): Promise<{ histories: PersonHistory[]; batches: number }> {
  const histories: PersonHistory[] = [];
  let batches = 0;
  for await (const batch of iterable) {
    batches++;
    histories.push(...batch);
  }
  return { histories, batches };
}

for (const store of storeNames()) {
  test(`person histories on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      await generateSyntheticPlace(db, { people: PEOPLE, seed: SEED, today: TODAY, progress: 'silent' });
      const expected = new Map([...generatePlaceRecords({ people: PEOPLE, seed: SEED, today: TODAY })].map((r) => [r.person.id, expectedHistory(r)]));

      await t.test('every person, in id order, with exactly the records the generator made', async () => {
        const { histories, batches } = await collect(streamPersonHistories(db, { batchSize: 40 }));
        assert.equal(batches, Math.ceil(PEOPLE / 40));
        assert.deepEqual(histories.map((h) => h.person.id), [...expected.keys()].sort((a, b) => a - b));
        let records = 0;
        for (const h of histories) {
          assert.deepEqual(canonical(h), canonical(expected.get(h.person.id)!), `person ${h.person.id}`);
          records += h.gpEvents.length + h.spells.length + h.socialCareEvents.length;
        }
        assert.ok(records > PEOPLE * 5, `${records} records`);
        assert.ok(histories.some((h) => h.spells.some((s) => s.diagnoses.length > 1)), 'some spell has several diagnoses');
        assert.ok(histories.some((h) => h.medications.some((m) => m.endDate === undefined)), 'some medication is current');
      });

      await t.test('the batch size changes the batches, never the histories', async () => {
        const whole = await collect(streamPersonHistories(db));
        const small = await collect(streamPersonHistories(db, { batchSize: 1 }));
        assert.equal(whole.batches, 1);
        assert.equal(small.batches, PEOPLE);
        assert.deepEqual(small.histories.map(canonical), whole.histories.map(canonical));
      });

      await t.test('a list of ids gives those persons only, in id order, skipping ids not in the index', async () => {
        const ids = await listPersonIds(db);
        assert.equal(ids.length, PEOPLE);
        const wanted = [ids[7]!, ids[3]!, ids[120]!, 999_999, ids[3]!];
        const { histories } = await collect(streamPersonHistories(db, { personIds: wanted, batchSize: 2 }));
        assert.deepEqual(histories.map((h) => h.person.id), [ids[3]!, ids[7]!, ids[120]!]);
        for (const h of histories) assert.deepEqual(canonical(h), canonical(expected.get(h.person.id)!));
        assert.deepEqual((await collect(streamPersonHistories(db, { personIds: [] }))).histories, []);
      });

      await t.test('a GP code list keeps only the GP events with those codes, and every other record', async () => {
        const codes = ['59621000', '13645005', '161898004'];
        const { histories } = await collect(streamPersonHistories(db, { gpEventCodes: codes }));
        let kept = 0;
        for (const h of histories) {
          const want = expected.get(h.person.id)!;
          assert.deepEqual(canonical({ ...h, gpEvents: [] }), canonical({ ...want, gpEvents: [] }));
          assert.deepEqual(h.gpEvents.map((e) => JSON.stringify(e)).sort(), want.gpEvents.filter((e) => codes.includes(e.code.code)).map((e) => JSON.stringify(e)).sort());
          kept += h.gpEvents.length;
        }
        assert.ok(kept > 0);
      });
    });
  });

  test(`a hand-made history has every field as stored on ${store}`, async () => {
    await withStore(store, async (db) => {
      const { ada, bert, cora } = await seedSmallPlace(db);
      const { histories } = await collect(streamPersonHistories(db));
      const byId = new Map(histories.map((h) => [h.person.id, h]));
      const a = byId.get(ada)!;
      assert.deepEqual(a.person, { id: ada, nhsNumber: '9434765919', dateOfBirth: '1936-12-10', sex: '2', localityCode: 'L01', gpPracticeCode: 'B82001', dateOfDeath: null });
      assert.deepEqual(a.gpEvents, [{ eventDate: '2026-03-02', code: { system: 'SNOMED CT', code: '38341003' } }]);
      assert.deepEqual(a.medications, [{ startDate: '2025-06-01', endDate: undefined, code: { system: 'dm+d', code: '319283006' } }]);
      assert.deepEqual(a.spells, [{
        recordKey: 'spell-1', admissionDate: '2026-05-10', dischargeDate: '2026-05-16', admissionMethod: '21', dischargeMethod: undefined,
        dischargeDestination: '19', lengthOfStay: 6, diagnoses: ['S720', 'W19'],
      }]);
      assert.deepEqual(a.aeAttendances, [{ arrivalAt: '2026-05-10T08:30:00.000Z', chiefComplaintSnomed: null, diagnosisSnomed: null }]);
      assert.deepEqual(a.communityContacts, [{ setting: 'community', contactDate: '2026-05-20' }]);
      assert.deepEqual(a.urgentCareContacts, [{ service: 'ambulance', contactAt: '2026-05-10T07:55:00.000Z' }]);
      assert.deepEqual(a.socialCareEvents.map((e) => [e.eventType, e.startDate, e.endDate, e.weeklyCostPence, e.clientType]).sort(), [
        ['Request', '2026-05-15', '2026-05-15', null, 'Service user'],
        ['Service', '2026-06-01', undefined, 35_000, 'Service user'],
      ]);
      assert.deepEqual(byId.get(bert)!.outpatientAppointments, [{ appointmentDate: '2026-02-01', attended: true }]);
      assert.equal(byId.get(cora)!.person.dateOfDeath, '2026-01-05');
      assert.deepEqual(byId.get(cora)!.communityContacts, [{ setting: 'mental_health', contactDate: '2025-12-01' }]);
    });
  });
}

test('on a SQLite store file, the reading thread gives the same histories as reading on this thread', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-history-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const db = await openStore({ dataDir: dir });
  try {
    await generateSyntheticPlace(db, { people: PEOPLE, seed: SEED, today: TODAY, progress: 'silent' });
    const codes = ['59621000', '13645005', '161898004'];
    for (const options of [{ batchSize: 40 }, { batchSize: 40, gpEventCodes: codes }, { personIds: [5, 3, 140, 99_999], batchSize: 2 }]) {
      const here = await collect(streamPersonHistories(db, { ...options, readInWorker: 'never' }));
      const there = await collect(streamPersonHistories(db, { ...options, readInWorker: 'always' }));
      assert.equal(there.batches, here.batches);
      assert.ok(here.histories.length > 0);
      assert.deepEqual(there.histories.map(canonical), here.histories.map(canonical));
    }
    // A caller that stops early stops the thread too.
    for await (const batch of streamPersonHistories(db, { batchSize: 10, readInWorker: 'always' })) {
      assert.equal(batch.length, 10);
      break;
    }
  } finally {
    await db.close();
  }
});
