import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generatePlaceRecords, generatePlaceReference, type GeneratedPerson } from '../index.ts';

const TODAY = '2026-11-01';

function place(people: number, seed: number, today = TODAY): GeneratedPerson[] {
  return [...generatePlaceRecords({ people, seed, today })];
}

test('the same seed, size and date give the same place, record for record', () => {
  const first = place(400, 20261101);
  const second = place(400, 20261101);
  assert.equal(first.length, 400);
  assert.deepEqual(second, first);
  assert.deepEqual(generatePlaceReference({ people: 400, seed: 20261101 }), generatePlaceReference({ people: 400, seed: 20261101 }));
});

test('a different seed gives a different place', () => {
  const a = place(200, 1);
  const b = place(200, 2);
  const differentNames = a.filter((p, i) => p.person.familyName !== b[i]!.person.familyName || p.person.dateOfBirth !== b[i]!.person.dateOfBirth).length;
  assert.ok(differentNames > 150, `only ${differentNames} of 200 people differ between seeds 1 and 2`);
  assert.notDeepEqual(a.map((p) => p.activities.length), b.map((p) => p.activities.length));
});

test('a person does not depend on how many people come before or after them', () => {
  const small = place(50, 9);
  const large = place(500, 9);
  // Practices and homes scale with the place, so compare what belongs to the person alone.
  const strip = (p: GeneratedPerson) => ({ nhs: p.person.nhsNumber, name: p.person.familyName, dob: p.person.dateOfBirth, sex: p.person.sex });
  assert.deepEqual(small.map(strip), large.slice(0, 50).map(strip));
});

test('the generation date moves the whole activity window with it', () => {
  const now = place(100, 5, '2026-11-01');
  const earlier = place(100, 5, '2024-11-01');
  const lastDate = (people: GeneratedPerson[]) => people.flatMap((p) => p.activities)
    .map((a) => (a.kind === 'gp_event' ? a.eventDate : a.kind === 'op_appointment' ? a.appointmentDate : ''))
    .reduce((max, d) => (d > max ? d : max), '');
  assert.ok(lastDate(now) <= '2026-11-01' && lastDate(now) > '2026-06-01', `latest activity ${lastDate(now)}`);
  assert.ok(lastDate(earlier) <= '2024-11-01' && lastDate(earlier) > '2024-06-01', `latest activity ${lastDate(earlier)}`);
});

test('options are checked before anything is generated', () => {
  assert.throws(() => place(0, 1), /number of people/);
  assert.throws(() => place(10, -1), /seed/);
  assert.throws(() => place(10, 1, '2026-02-30'), /date/);
});
