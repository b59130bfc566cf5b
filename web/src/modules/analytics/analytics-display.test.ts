import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  byEffect, countBar, countValue, factorEffect, formatOutcome, formatPercentile, formatRate, formatRisk, formatSmd, formatSuppressed, isImbalanced,
  ordinal, outcomeLabel, ratePoint, rateText, sexText, shareText, suppressedNote, totalOf,
} from './analytics-display.ts';

test("suppressed counts ('<8') are written as they came, get no bar and give no share away", () => {
  assert.equal(countValue(12), 12);
  assert.equal(countValue('<8'), null);
  assert.equal(formatSuppressed(1234), '1,234');
  assert.equal(formatSuppressed('<8'), '<8');
  assert.equal(suppressedNote('<8'), 'fewer than 8, not shown');
  assert.equal(suppressedNote(3), undefined);
  assert.equal(shareText(25, 200), '12.5%');
  assert.equal(shareText('<8', 200), null);
  assert.equal(shareText(25, '<8'), null);
  assert.equal(shareText(0, 0), null);
  assert.equal(shareText(25, null), null);
  assert.deepEqual(countBar('frail', 'Frail', 39, 1453), { key: 'frail', label: 'Frail', value: 39, display: '39 (2.7%)', note: undefined });
  assert.deepEqual(countBar('eol', 'End of life', '<8', 1453), { key: 'eol', label: 'End of life', value: null, display: '<8', note: 'fewer than 8, not shown' });
  assert.deepEqual(countBar('well', 'Well', 821), { key: 'well', label: 'Well', value: 821, display: '821', note: undefined });
  assert.equal(totalOf([1, 2, 3]), 6);
  assert.equal(totalOf([1, '<8', 3]), null);
});

test('rates per 100,000 with their limits, and why one is missing', () => {
  assert.equal(formatRate(1234.56), '1,234.6');
  assert.equal(formatRate(Number.NaN), '–');
  assert.equal(rateText({ rate: 1234.5, lower: 1101.23, upper: 1380 }), '1,234.5 (1,101.2 to 1,380.0)');
  assert.equal(rateText({ rate: 0, lower: 0, upper: null }), '0.0 (0.0 to no upper limit)');
  assert.equal(rateText(null, 'fewer than 10 events'), 'fewer than 10 events');
  assert.deepEqual(ratePoint('dsr', 'Age-standardised', { rate: 10, lower: 5, upper: 20 }, 'n/a'), {
    series: 'dsr', label: 'Age-standardised', value: 10, lower: 5, upper: 20, display: '10.0 (5.0 to 20.0)',
  });
  assert.deepEqual(ratePoint('dsr', 'Age-standardised', null, 'not calculated'), {
    series: 'dsr', label: 'Age-standardised', value: null, lower: null, upper: null, display: 'not calculated',
  });
});

test('risks, percentiles and sex in words', () => {
  assert.equal(formatRisk(0.2346), '23.5%');
  assert.equal(formatRisk(0.0004), '<0.1%');
  assert.equal(formatRisk(0), '0.0%');
  assert.equal(formatRisk(null), 'Not scored');
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 99, 100, 101, 111].map(ordinal), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '99th', '100th', '101st', '111th']);
  assert.equal(formatPercentile(97.6), '97th percentile');
  assert.equal(formatPercentile(100), '100th percentile');
  assert.equal(formatPercentile(null), 'No percentile');
  assert.equal(sexText('2'), 'Female');
  assert.equal(sexText('1'), 'Male');
  assert.equal(sexText('Female'), 'Female');
});

test('risk factors by the size of their effect', () => {
  const factors = [{ label: 'a', contribution: 0.1 }, { label: 'b', contribution: -0.5 }, { label: 'c', contribution: 0.3 }];
  assert.deepEqual(byEffect(factors).map((f) => f.label), ['b', 'c', 'a']);
  assert.equal(factorEffect({ contribution: 0.2 }), 'raises');
  assert.equal(factorEffect({ contribution: -0.2 }), 'lowers');
  assert.equal(factorEffect({ contribution: 0 }), 'no effect');
});

test('evaluation figures: balance flags at 0.1, money in pounds, differences signed', () => {
  assert.equal(formatSmd(0.0449), '0.04');
  assert.equal(formatSmd(-0.153), '−0.15');
  assert.equal(formatSmd(null), '–');
  assert.equal(isImbalanced(0.05), false);
  assert.equal(isImbalanced(-0.1), true);
  assert.equal(isImbalanced(null), true);
  assert.equal(formatOutcome('aeAttendances', 1.234), '1.23');
  assert.equal(formatOutcome('aeAttendances', -0.5, { signed: true }), '−0.50');
  assert.equal(formatOutcome('aeAttendances', 0.5, { signed: true }), '+0.50');
  assert.equal(formatOutcome('socialCareCostPence', 123_456.4), '£1,234.56');
  assert.equal(formatOutcome('socialCareCostPence', -5000, { signed: true }), '−£50.00');
  assert.equal(formatOutcome('bedDays', null), '–');
  assert.equal(outcomeLabel('Social care cost (pence)'), 'Social care cost');
  assert.equal(outcomeLabel('A&E attendances'), 'A&E attendances');
});
