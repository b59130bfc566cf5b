import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ImportItem } from '../import/import-item.ts';
import { decodeItems, encodeItems } from '../import/item-codec.ts';
import { SAMPLE_PERSONS } from './fixtures/sample-place.ts';

/** JSON drops undefined properties; compare on that footing. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

test('records survive the trip between threads unchanged, whatever their kind', () => {
  const items: ImportItem[] = [];
  let line = 1;
  for (const { person, activities } of SAMPLE_PERSONS) {
    const identity = { nhsNumber: person.nhsNumber, localId: person.localId, givenName: person.givenName, familyName: person.familyName, dateOfBirth: person.dateOfBirth, sex: person.sex };
    items.push({ t: 'record', line: line++, identity, activity: undefined });
    for (const activity of activities) items.push({ t: 'record', line: line++, identity: { nhsNumber: person.nhsNumber }, activity, encounterRefs: activity.kind === 'apc_spell' ? ['Encounter/e1', 'urn:uuid:1'] : undefined });
  }
  items.push({ t: 'quarantine', line: line++, raw: 'a,b\tc\nd', reason: 'row has 2 fields, header has 3' });
  items.push({ t: 'skip', line: line++, label: 'Claim' });
  items.push({ t: 'record', line: line++, identity: { nhsNumber: '9990001006' }, activity: { kind: 'gp_event', recordKey: 'tab', eventDate: '2024-01-01', code: { system: 'SNOMED CT', code: '44054006' }, term: 'has\ta tab' } });
  items.push({
    t: 'detail', line: line++, raw: '{}', identity: { sourceSystem: 'fhir', sourceId: 'p1' }, link: { ref: 'Encounter/e1', id: 'e1' }, resourceType: 'Condition',
    diagnosis: 'J189', procedure: undefined, otherwise: undefined,
  });
  const text = encodeItems(items);
  assert.equal(text.split('\n').length, items.length);
  assert.ok(text.split('\n').filter((l) => l.startsWith('R')).length >= 15, 'records use the compact form');
  assert.deepEqual(plain(decodeItems(text)), plain(items));
  assert.deepEqual(decodeItems(''), []);
});
