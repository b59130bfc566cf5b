import { isAlwaysTrue } from '../criteria/criteria-contradictions.ts';
import { criteriaFieldRegistry } from '../criteria/criteria-fields.ts';
import type { Criteria, CriteriaOptions } from '../criteria/criteria.types.ts';
import { checkRuleSetHeader, RULE_KEY_PATTERN, type RuleProblem } from '../criteria/rule-problems.ts';
import { canonicalJson } from '../criteria/rule-version.ts';
import { validateCriteria } from '../criteria/validate-criteria.ts';
import { CATCH_ALL } from './segment-rules.ts';

/** Options for a place's vocabulary: condition keys and score bands (segment keys come from the rule set). */
export type SegmentationOptions = Pick<CriteriaOptions, 'conditionKeys' | 'scoreBands'>;

const SEGMENT_KEYS = new Set(['key', 'label', 'description', 'criteria']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every problem with a segmentation (parsed JSON): its label and date; each segment's key, label and
 * criteria (see validateCriteria, contradictions included); duplicate keys; references to unknown
 * segments, to the catch-all, or round in a circle (named: 'a → b → c → a'); segments nobody can
 * reach because a segment before them matches everyone or has the same criteria; and a missing
 * catch-all at the end.
 */
export function validateSegmentation(ruleSet: unknown, options: SegmentationOptions = {}): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (!isRecord(ruleSet)) return [{ path: '$', code: 'invalid_shape', message: 'a segmentation is an object with label, effectiveFrom and segments' }];
  checkRuleSetHeader(ruleSet, out);
  const segments = ruleSet.segments;
  if (!Array.isArray(segments) || segments.length === 0) {
    out.push({ path: 'segments', code: 'no_rules', message: 'a segmentation needs at least one segment, ending with a catch-all ("criteria": "otherwise")' });
    return out;
  }

  const keys: string[] = [];
  const firstIndex = new Map<string, number>();
  segments.forEach((segment: unknown, i) => {
    const path = `segments[${i}]`;
    if (!isRecord(segment)) {
      out.push({ path, code: 'invalid_shape', message: 'a segment is an object with key, label and criteria' });
      return;
    }
    for (const k of Object.keys(segment)) {
      if (!SEGMENT_KEYS.has(k)) out.push({ path: `${path}.${k}`, code: 'unknown_key', message: `unknown segment property '${k}': a segment has key, label, description and criteria` });
    }
    const key = segment.key;
    if (typeof key !== 'string' || !RULE_KEY_PATTERN.test(key)) {
      out.push({ path: `${path}.key`, code: 'invalid_key', message: `segment key ${JSON.stringify(key)} must be lower case letters, digits and underscores, starting with a letter (e.g. "end_of_life")` });
      return;
    }
    const earlier = firstIndex.get(key);
    if (earlier !== undefined) {
      out.push({ path: `${path}.key`, code: 'duplicate_key', message: `segment key '${key}' is used by segments[${earlier}] and segments[${i}]; each segment needs its own key` });
      return;
    }
    firstIndex.set(key, i);
    keys.push(key);
    if (typeof segment.label !== 'string' || segment.label.trim() === '') {
      out.push({ path: `${path}.label`, code: 'missing_label', message: `segment '${key}' needs a label people will read, e.g. "Frail"` });
    }
  });

  const criteriaOptions: CriteriaOptions = { ...options, segmentKeys: keys, segmentMeaning: 'criteria' };
  const fields = criteriaFieldRegistry(criteriaOptions);
  const catchAllKeys = new Set<string>();
  const validCriteria = new Map<number, Criteria>();
  segments.forEach((segment: unknown, i) => {
    if (!isRecord(segment)) return;
    const path = `segments[${i}].criteria`;
    if (segment.criteria === CATCH_ALL) {
      if (typeof segment.key === 'string') catchAllKeys.add(segment.key);
      return;
    }
    if (!('criteria' in segment)) {
      out.push({ path, code: 'invalid_shape', message: `segment needs criteria, or "otherwise" for the final catch-all` });
      return;
    }
    const problems = validateCriteria(segment.criteria, { ...criteriaOptions, path });
    out.push(...problems);
    if (problems.length === 0) validCriteria.set(i, segment.criteria as Criteria);
  });

  // References between segments: to the catch-all (it means everyone), and circles.
  const references = new Map<string, string[]>();
  for (const [i, criteria] of validCriteria) {
    const key = (segments[i] as { key: string }).key;
    const refs = [...new Set(segmentReferences(criteria))];
    references.set(key, refs);
    for (const ref of refs) {
      if (catchAllKeys.has(ref)) {
        out.push({
          path: `segments[${i}].criteria`, code: 'catch_all_referenced',
          message: `segment '${key}' refers to '${ref}', the catch-all, which everyone meets; refer to the segments it stands for instead`,
        });
      }
    }
  }
  for (const cycle of findCycles(references)) {
    const index = firstIndex.get(cycle[0]!)!;
    out.push({
      path: `segments[${index}].criteria`, code: 'circular_reference',
      message: cycle.length === 2
        ? `segment '${cycle[0]}' refers to itself`
        : `circular segment references: ${cycle.join(' → ')}; a segment cannot depend on itself`,
    });
  }

  // Reachability, first match wins: nothing after a segment that matches everyone, and nothing that
  // repeats the criteria of a segment before it.
  let everyoneFrom: number | undefined;
  const seen = new Map<string, number>();
  segments.forEach((segment: unknown, i) => {
    if (!isRecord(segment)) return;
    const key = typeof segment.key === 'string' ? segment.key : `#${i}`;
    if (everyoneFrom !== undefined) {
      const blocker = (segments[everyoneFrom] as { key?: unknown }).key;
      out.push({
        path: `segments[${i}]`, code: 'unreachable_segment',
        message: `segment '${key}' can never be reached: '${String(blocker)}' before it matches everyone, and the first matching segment wins`,
      });
      return;
    }
    if (segment.criteria === CATCH_ALL) { everyoneFrom = i; return; }
    const criteria = validCriteria.get(i);
    if (!criteria) return;
    if (isAlwaysTrue(criteria, fields, 'criteria')) { everyoneFrom = i; return; }
    const canonical = canonicalJson(criteria);
    const same = seen.get(canonical);
    if (same !== undefined) {
      out.push({
        path: `segments[${i}]`, code: 'unreachable_segment',
        message: `segment '${key}' can never be reached: segment '${String((segments[same] as { key?: unknown }).key)}' before it has the same criteria`,
      });
    } else {
      seen.set(canonical, i);
    }
  });
  if (everyoneFrom === undefined) {
    const lastKey = (segments[segments.length - 1] as { key?: unknown } | undefined)?.key;
    out.push({
      path: `segments[${segments.length - 1}]`, code: 'missing_catch_all',
      message: `the last segment '${String(lastKey)}' has criteria, so people who meet no segment would be left out; end with a catch-all segment whose criteria is "otherwise" (e.g. "Well")`,
    });
  }
  return out;
}

/** The segment keys a criteria tree names through the field `segment`. */
export function segmentReferences(criteria: Criteria): string[] {
  if ('all' in criteria) return criteria.all.flatMap(segmentReferences);
  if ('any' in criteria) return criteria.any.flatMap(segmentReferences);
  if ('not' in criteria) return segmentReferences(criteria.not);
  if ('field' in criteria && criteria.field === 'segment') {
    return Array.isArray(criteria.value) ? criteria.value : [String(criteria.value)];
  }
  return [];
}

/**
 * Every distinct cycle in the reference graph, each as its keys with the first repeated at the end
 * ('a', 'b', 'c', 'a'), starting from the key that comes first in the rule set's order.
 */
function findCycles(references: Map<string, string[]>): string[][] {
  const order = [...references.keys()];
  const rank = new Map(order.map((k, i) => [k, i]));
  const cycles = new Map<string, string[]>();
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (key: string) => {
    state.set(key, 'visiting');
    stack.push(key);
    for (const next of references.get(key) ?? []) {
      if (!references.has(next)) continue;
      const s = state.get(next);
      if (s === 'visiting') {
        const cycle = stack.slice(stack.indexOf(next));
        let start = 0;
        cycle.forEach((k, i) => { if (rank.get(k)! < rank.get(cycle[start]!)!) start = i; });
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        const id = rotated.join('>');
        if (!cycles.has(id)) cycles.set(id, [...rotated, rotated[0]!]);
      } else if (s === undefined) {
        visit(next);
      }
    }
    stack.pop();
    state.set(key, 'done');
  };
  for (const key of order) if (!state.has(key)) visit(key);
  return [...cycles.values()];
}
