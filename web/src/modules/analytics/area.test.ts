import assert from 'node:assert/strict';
import { test } from 'node:test';
import { areaOptions, areaParam, parseArea, PLACE } from './area.ts';

test('areas are read from the URL and written back the same way', () => {
  assert.deepEqual(parseArea('locality:e1'), { type: 'locality', code: 'E1' });
  assert.deepEqual(parseArea('practice:B82001'), { type: 'practice', code: 'B82001' });
  assert.deepEqual(parseArea('place'), PLACE);
  assert.deepEqual(parseArea(null), PLACE);
  assert.deepEqual(parseArea('ward:X1'), PLACE);
  assert.deepEqual(parseArea('locality:'), PLACE);
  assert.deepEqual(parseArea('locality:E1;drop table'), PLACE);
  assert.equal(areaParam({ type: 'locality', code: 'E1' }), 'locality:E1');
  assert.equal(areaParam(PLACE), 'place');
  assert.equal(areaParam({ type: 'practice', code: null }), 'place');
});

test('the chooser offers the place, localities and practices by name, and always the area shown', () => {
  const options = areaOptions(
    [{ code: 'W1', name: 'Westvale' }, { code: 'E1', name: 'Eastbrook' }],
    [{ code: 'B82002', name: 'Hillside Surgery' }, { code: 'B82001' }],
    { type: 'practice', code: 'B82009' },
  );
  assert.deepEqual(options.place, { value: 'place', label: 'The whole place' });
  assert.deepEqual(options.localities, [{ value: 'locality:E1', label: 'Eastbrook (E1)' }, { value: 'locality:W1', label: 'Westvale (W1)' }]);
  assert.deepEqual(options.practices.map((o) => o.label), ['B82009', 'B82001', 'Hillside Surgery (B82002)']);
});
