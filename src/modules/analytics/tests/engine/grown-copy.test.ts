import assert from 'node:assert/strict';
import { test } from 'node:test';
import { grownCopy } from '../../domain/grown-copy.ts';

test('a grown column keeps its type and its values, with zeros after them', () => {
  const from = Int16Array.from([3, -1, 7]);
  const grown = grownCopy(from, 6);
  assert.ok(grown instanceof Int16Array);
  assert.deepEqual([...grown], [3, -1, 7, 0, 0, 0]);
  const doubles = grownCopy(Float64Array.from([0.5, Number.NaN]), 4);
  assert.ok(doubles instanceof Float64Array);
  assert.deepEqual([...doubles].map(String), ['0.5', 'NaN', '0', '0']);
});
