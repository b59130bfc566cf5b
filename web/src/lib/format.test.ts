import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCount, formatDate, formatDateTime, formatPence, formatPercent, nextDay, pluralise, todayInUk } from './format.ts';

test('dates read the NHS way, short in tables', () => {
  assert.equal(formatDate('1984-03-15'), '15 March 1984');
  assert.equal(formatDate('1984-03-05', { short: true }), '5 Mar 1984');
  assert.equal(formatDate('2026-05-10T08:30:00.000Z'), '10 May 2026');
  assert.equal(formatDate('not a date'), 'not a date');
  assert.equal(formatDate('2026-13-01'), '2026-13-01');
});

test('numbers, money and shares', () => {
  assert.equal(formatCount(1234567), '1,234,567');
  assert.equal(formatPence(512_000), '£5,120.00');
  assert.equal(formatPence(732_050, { whole: true }), '£7,321');
  assert.equal(formatPercent(1, 3), '33.3%');
  assert.equal(formatPercent(1, 0), '–');
  assert.equal(pluralise(1, 'person', 'people'), '1 person');
  assert.equal(pluralise(2500, 'record'), '2,500 records');
});

test('the day after a date crosses months and years', () => {
  assert.equal(nextDay('2024-02-28'), '2024-02-29');
  assert.equal(nextDay('2025-12-31'), '2026-01-01');
  assert.equal(nextDay('2025-03-30T23:59:00Z'), '2025-03-31');
});

test('instants read as UK wall-clock time, in summer and winter', () => {
  assert.equal(formatDateTime('2026-05-10T08:30:00.000Z'), '10 May 2026 at 09:30');
  assert.equal(formatDateTime('2026-01-10T08:30:00.000Z', { short: true }), '10 Jan 2026, 08:30');
  assert.equal(formatDateTime('2026-03-31T23:30:00.000Z'), '1 April 2026 at 00:30');
  assert.equal(formatDateTime('soon'), 'soon');
  assert.equal(todayInUk(new Date('2026-06-30T23:30:00Z')), '2026-07-01');
});
