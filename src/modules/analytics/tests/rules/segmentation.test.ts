import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSeamlessError } from '../../../../kernel/errors.ts';
import { compileSegmentation, countSegments } from '../../domain/segmentation/compile-segmentation.ts';
import { DEFAULT_SEGMENTATION, segmentationVersionId, type SegmentationRuleSet, type SegmentRule } from '../../domain/segmentation/segment-rules.ts';
import { validateSegmentation } from '../../domain/segmentation/validate-segmentation.ts';
import { profileTable } from './profile-table.ts';

// One row per case: the segment each person lands in under the default pyramid, and why.
const people = profileTable(`
  id | age | ltcs                    | efi      | hfrs         | eol | expected
  1  | 88  | copd+ckd+heart_failure  | severe   | high         | y   | end_of_life
  2  | 81  | copd+ckd+diabetes+af    | moderate |              |     | frail
  3  | 77  |                         |          | high         |     | frail
  4  | 72  | copd+ckd+diabetes       | mild     | intermediate |     | complex
  5  | 60  | diabetes+hypertension   | fit      |              |     | long_term_condition
  6  | 45  | asthma                  |          |              |     | long_term_condition
  7  | 30  |                         | fit      | low          |     | well
  8  |     |                         |          |              |     | well
`);
const expected = ['end_of_life', 'frail', 'frail', 'complex', 'long_term_condition', 'long_term_condition', 'well', 'well'];

test('default pyramid: each segment, first match wins (end of life > frail > complex > LTC > well)', () => {
  const pyramid = compileSegmentation(DEFAULT_SEGMENTATION);
  assert.deepEqual(people.map((p) => pyramid.assign(p)), expected);
  assert.deepEqual(pyramid.segments.map((s) => s.key), ['end_of_life', 'frail', 'complex', 'long_term_condition', 'well']);
  assert.deepEqual(countSegments(pyramid, people).map((s) => [s.key, s.count]), [
    ['end_of_life', 1], ['frail', 2], ['complex', 1], ['long_term_condition', 2], ['well', 2],
  ]);
});

test('default pyramid explains why a person is in their segment', () => {
  const pyramid = compileSegmentation(DEFAULT_SEGMENTATION);
  assert.deepEqual(pyramid.explain(people[1]!), {
    segment: 'frail', label: 'Frail', reasons: ['electronic Frailty Index band moderate (one of moderate, severe)'],
  });
  assert.deepEqual(pyramid.explain(people[2]!).reasons, ['Hospital Frailty Risk Score band high']);
  assert.deepEqual(pyramid.explain(people[3]!).reasons, ['3 long-term conditions (threshold 3)']);
  assert.deepEqual(pyramid.explain(people[6]!), {
    segment: 'well', label: 'Well',
    reasons: ['meets none of the segments before it (End of life, Frail, Complex (multiple long-term conditions), Long-term condition)'],
  });
});

const seg = (key: string, criteria: SegmentRule['criteria']): SegmentRule => ({ key, label: key.replace(/_/g, ' '), criteria });
const ruleSet = (...segments: SegmentRule[]): SegmentationRuleSet => ({ label: 'Test', effectiveFrom: '2026-04-01', segments });
const WELL = seg('well', 'otherwise');

test('a segment may build on another segment\'s criteria, whatever its order', () => {
  const custom = compileSegmentation(ruleSet(
    seg('very_frail_old', { all: [{ field: 'segment', op: '=', value: 'frail' }, { field: 'age', op: '>=', value: 85 }] }),
    seg('frail', { field: 'scores.efi.band', op: 'in', value: ['moderate', 'severe'] }),
    seg('not_frail_multimorbid', { all: [{ field: 'segment', op: '!=', value: 'frail' }, { field: 'longTermConditions.count', op: '>=', value: 3 }] }),
    WELL,
  ));
  assert.deepEqual(people.map((p) => custom.assign(p)), ['very_frail_old', 'frail', 'well', 'not_frail_multimorbid', 'well', 'well', 'well', 'well']);
  assert.deepEqual(custom.explain(people[0]!).reasons, ["meets the criteria of segment 'frail'", 'aged 88 (threshold 85)']);
});

function problemsOf(set: unknown) {
  return validateSegmentation(set).map((p) => [p.path, p.code, p.message]);
}

test('validation: circular references are found and named (a 3-cycle and a self-reference)', () => {
  const problems = problemsOf(ruleSet(
    seg('a', { field: 'segment', op: '=', value: 'b' }),
    seg('b', { all: [{ field: 'segment', op: '=', value: 'c' }, { field: 'age', op: '>=', value: 65 }] }),
    seg('c', { any: [{ field: 'segment', op: 'in', value: ['a'] }, { field: 'falls12m', op: '>=', value: 1 }] }),
    seg('d', { not: { field: 'segment', op: '=', value: 'd' } }),
    WELL,
  ));
  assert.deepEqual(problems, [
    ['segments[0].criteria', 'circular_reference', 'circular segment references: a → b → c → a; a segment cannot depend on itself'],
    ['segments[3].criteria', 'circular_reference', "segment 'd' refers to itself"],
  ]);
});

test('validation: each problem with a segmentation, with a clear message', () => {
  const spec: Array<[string, SegmentationRuleSet, string, string, RegExp]> = [
    ['duplicate keys', ruleSet(seg('frail', { field: 'age', op: '>=', value: 80 }), seg('frail', { field: 'falls12m', op: '>=', value: 2 }), WELL),
      'segments[1].key', 'duplicate_key', /segment key 'frail' is used by segments\[0\] and segments\[1\]/],
    ['unknown segment referenced', ruleSet(seg('old_frail', { field: 'segment', op: '=', value: 'fraill' }), WELL),
      'segments[0].criteria.value', 'unknown_segment', /unknown segment 'fraill'; segments are old_frail, well/],
    ['contradictory numeric range', ruleSet(seg('odd', { all: [{ field: 'age', op: '>=', value: 80 }, { field: 'age', op: '<', value: 65 }] }), WELL),
      'segments[0].criteria', 'contradictory', /can never be true: age >= 80 and age < 65/],
    ['contradictory boolean', ruleSet(seg('odd', { all: [{ field: 'knownToSocialCare', op: '=', value: true }, { not: { field: 'knownToSocialCare', op: '=', value: true } }] }), WELL),
      'segments[0].criteria', 'contradictory', /knownToSocialCare = true and not \(knownToSocialCare = true\)/],
    ['contradictory segment reference', ruleSet(seg('frail', { field: 'scores.efi.band', op: '=', value: 'severe' }),
      seg('odd', { all: [{ field: 'segment', op: '=', value: 'frail' }, { field: 'segment', op: '!=', value: 'frail' }] }), WELL),
      'segments[1].criteria', 'contradictory', /meeting and not meeting segment 'frail'/],
    ['unreachable after the catch-all', ruleSet(seg('frail', { field: 'scores.efi.band', op: '=', value: 'severe' }), WELL, seg('complex', { field: 'longTermConditions.count', op: '>=', value: 3 })),
      'segments[2]', 'unreachable_segment', /'complex' can never be reached: 'well' before it matches everyone/],
    ['unreachable after criteria everyone meets', ruleSet(
      seg('everyone', { any: [{ field: 'knownToSocialCare', op: '=', value: true }, { field: 'knownToSocialCare', op: '=', value: false }] }), WELL),
      'segments[1]', 'unreachable_segment', /'well' can never be reached: 'everyone' before it matches everyone/],
    ['unreachable: same criteria as an earlier segment', ruleSet(
      seg('frail', { field: 'scores.efi.band', op: '=', value: 'severe' }), seg('very_frail', { field: 'scores.efi.band', op: '=', value: 'severe' }), WELL),
      'segments[1]', 'unreachable_segment', /'very_frail' can never be reached: segment 'frail' before it has the same criteria/],
    ['no catch-all at the end', ruleSet(seg('frail', { field: 'scores.efi.band', op: '=', value: 'severe' }), seg('complex', { field: 'longTermConditions.count', op: '>=', value: 3 })),
      'segments[1]', 'missing_catch_all', /the last segment 'complex' has criteria, so people who meet no segment would be left out; end with a catch-all/],
    ['the catch-all referenced', ruleSet(seg('odd', { field: 'segment', op: '!=', value: 'well' }), WELL),
      'segments[0].criteria', 'catch_all_referenced', /refers to 'well', the catch-all/],
    ['a bad key', ruleSet(seg('End of life', { field: 'endOfLife', op: '=', value: true }), WELL),
      'segments[0].key', 'invalid_key', /lower case letters, digits and underscores/],
    ['a bad date', { ...ruleSet(WELL), effectiveFrom: '2026-02-30' },
      'effectiveFrom', 'invalid_date', /YYYY-MM-DD/],
    ['no segments', ruleSet(), 'segments', 'no_rules', /at least one segment/],
  ];
  for (const [name, set, path, code, message] of spec) {
    const problems = validateSegmentation(set);
    assert.equal(problems.length, 1, `${name}: ${JSON.stringify(problems)}`);
    assert.deepEqual([problems[0]!.path, problems[0]!.code], [path, code], name);
    assert.match(problems[0]!.message, message, name);
  }
});

test('an invalid segmentation cannot be compiled: a coded error lists every problem', () => {
  const broken = ruleSet(seg('a', { field: 'agee', op: '>=', value: 80 }), seg('a', { field: 'age', op: '>=', value: 80 }));
  assert.throws(() => compileSegmentation(broken), (error: unknown) => {
    assert.ok(isSeamlessError(error));
    assert.equal(error.code, 'SEAMLESS_ERR_ANALYTICS_INVALID_SEGMENTATION');
    assert.deepEqual((error.details?.problems as Array<{ code: string }>).map((p) => p.code), ['duplicate_key', 'unknown_field', 'missing_catch_all']);
    assert.match(error.message, /^The segmentation 'Test' is not valid: /);
    return true;
  });
});

test('versioning: same rules give the same id; a changed threshold or order gives a new one', () => {
  const original = compileSegmentation(DEFAULT_SEGMENTATION);
  assert.match(original.versionId, /^seg-[0-9a-f]{16}$/);
  const copy: SegmentationRuleSet = JSON.parse(JSON.stringify(DEFAULT_SEGMENTATION));
  copy.label = 'Relabelled, same rules';
  copy.effectiveFrom = '2027-04-01';
  copy.segments[2] = { criteria: { value: 3, op: '>=', field: 'longTermConditions.count' }, label: copy.segments[2]!.label, key: 'complex', description: copy.segments[2]!.description };
  assert.equal(segmentationVersionId(copy), original.versionId);

  const changed: SegmentationRuleSet = JSON.parse(JSON.stringify(DEFAULT_SEGMENTATION));
  changed.segments[2]!.criteria = { field: 'longTermConditions.count', op: '>=', value: 4 };
  assert.notEqual(segmentationVersionId(changed), original.versionId);

  const reordered: SegmentationRuleSet = JSON.parse(JSON.stringify(DEFAULT_SEGMENTATION));
  [reordered.segments[1], reordered.segments[2]] = [reordered.segments[2]!, reordered.segments[1]!];
  assert.notEqual(segmentationVersionId(reordered), original.versionId);
});
