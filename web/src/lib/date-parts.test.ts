import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDateParts, toDateParts } from './date-parts.ts';

test('date boxes read as ISO dates, with the NHS messages for what is wrong', () => {
  assert.deepEqual(parseDateParts({ day: '5', month: '3', year: '2026' }, 'start date'), { ok: true, iso: '2026-03-05' });
  assert.deepEqual(parseDateParts({ day: ' 29 ', month: '02', year: '2028' }, 'end date'), { ok: true, iso: '2028-02-29' });
  assert.deepEqual(parseDateParts({ day: '29', month: '2', year: '2027' }, 'end date'), { ok: false, error: 'End date must be a real date' });
  assert.deepEqual(parseDateParts({ day: '', month: '', year: '' }, 'start date'), { ok: false, error: 'Enter the start date' });
  assert.deepEqual(parseDateParts({ day: '1', month: '', year: '' }, 'start date'), { ok: false, error: 'Start date must include a month and year' });
  assert.deepEqual(parseDateParts({ day: '1', month: '13', year: '2026' }, 'start date'), { ok: false, error: 'Start date must be a real date' });
  assert.deepEqual(parseDateParts({ day: '1', month: '1', year: '26' }, 'start date'), { ok: false, error: 'Start date must be a real date' });
  assert.deepEqual(toDateParts('2026-03-05'), { day: '5', month: '3', year: '2026' });
  assert.deepEqual(toDateParts(null), { day: '', month: '', year: '' });
});
