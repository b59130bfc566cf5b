import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, ageOn, daysBetween, isIsoDate, toIsoDate, toIsoInstant } from '../dates.ts';
import { formatPence, poundsToPence } from '../money.ts';

test('ISO dates: real calendar dates only', () => {
  assert.equal(isIsoDate('2024-02-29'), true);
  assert.equal(isIsoDate('2023-02-29'), false);
  assert.equal(isIsoDate('2023-13-01'), false);
  assert.equal(isIsoDate('01/02/2023'), false);
  assert.equal(toIsoDate('2023-05-04T10:00:00+01:00'), '2023-05-04');
  assert.equal(toIsoDate('2023-05-04Tnonsense'), undefined);
  assert.equal(toIsoInstant('2023-05-04T10:00:00+01:00'), '2023-05-04T09:00:00.000Z');
});

test('ages in completed years, birthdays and leap days', () => {
  assert.equal(ageOn('1950-03-01', '2026-02-28'), 75);
  assert.equal(ageOn('1950-03-01', '2026-03-01'), 76);
  assert.equal(ageOn('2000-02-29', '2025-02-28'), 24);
  assert.equal(daysBetween('2026-05-10', '2026-05-16'), 6);
  assert.equal(addDays('2024-02-28', 2), '2024-03-01');
});

test('money is integer pence', () => {
  assert.equal(poundsToPence('1234.5'), 123_450);
  assert.equal(poundsToPence('£1,234.56'), 123_456);
  assert.equal(poundsToPence('-0.07'), -7);
  assert.equal(poundsToPence('12.345'), undefined);
  assert.equal(poundsToPence('abc'), undefined);
  assert.equal(formatPence(123_456), '£1,234.56');
  assert.equal(formatPence(-5), '-£0.05');
});
