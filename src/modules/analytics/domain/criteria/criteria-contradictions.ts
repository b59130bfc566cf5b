import type { CriteriaField, NumberField } from './criteria-fields.ts';
import type { Criteria, CriteriaOperator, FieldCriterion, SegmentMeaning } from './criteria.types.ts';
import type { RuleProblem } from './rule-problems.ts';

/**
 * Finds conditions that can never be true, so a segment, trigger or cohort that would silently match
 * nobody is refused with a reason. Sound but not complete: whatever it reports really is impossible,
 * but it only looks at conditions joined by "and" (after pushing each "not" down to the leaves) on
 * the same field:
 *
 * - numbers: the ranges of =, <, <=, >, >= and the points excluded by != leave no value, counting
 *   whole-number fields (age, counts) and each field's own limits (counts are never below 0,
 *   percentiles lie in 0–100): `age >= 80 and age < 65`, `age > 79 and age < 80`, `falls12m < 0`;
 * - true/false, choices and codes: `knownToSocialCare = true and not knownToSocialCare = true`,
 *   `sex = '1' and sex = '2'`, `scores.efi.band in ['fit'] and scores.efi.band = 'severe'`;
 * - lists: `longTermConditions contains 'copd' and not (longTermConditions contains 'copd')`, or
 *   more required conditions than `longTermConditions.count` allows;
 * - recorded or not: `age isUnknown and age >= 80`.
 *
 * A comparison on an unrecorded value is false and its negation true, so `not (age >= 80) and
 * not (age < 80)` is possible (age unknown) and is not reported. An "or" is impossible only when every
 * branch is. Inside a segmentation, `segment = 'frail'` means "meets frail's criteria", which several
 * segments can do at once, so only `segment = 'frail' and segment != 'frail'` conflicts there.
 */
export function findContradictions(tree: Criteria, fields: ReadonlyMap<string, CriteriaField>, segmentMeaning: SegmentMeaning, path: string): RuleProblem[] {
  const out: RuleProblem[] = [];
  neverTrue(tree, false, path, { fields, segmentMeaning, out });
  return out;
}

/** True when the (valid) tree can never be true, by the analysis above. */
export function isNeverTrue(tree: Criteria, fields: ReadonlyMap<string, CriteriaField>, segmentMeaning: SegmentMeaning): boolean {
  return neverTrue(tree, false, '$', { fields, segmentMeaning, out: undefined });
}

/** True when the (valid) tree is true for everyone: its negation can never be true. */
export function isAlwaysTrue(tree: Criteria, fields: ReadonlyMap<string, CriteriaField>, segmentMeaning: SegmentMeaning): boolean {
  return neverTrue(tree, true, '$', { fields, segmentMeaning, out: undefined });
}

interface Context {
  fields: ReadonlyMap<string, CriteriaField>;
  segmentMeaning: SegmentMeaning;
  out: RuleProblem[] | undefined;
}

interface Literal {
  criterion: FieldCriterion;
  field: CriteriaField;
  /** The leaf sits under an odd number of "not"s. */
  negated: boolean;
}

interface Deferred {
  node: Criteria;
  negated: boolean;
  path: string;
}

/** Whether the node (negated when `negated`) can never be true; reports each impossible "and" group. */
function neverTrue(node: Criteria, negated: boolean, path: string, ctx: Context): boolean {
  if ('not' in node) return neverTrue(node.not, !negated, `${path}.not`, ctx);
  if ('hasCode' in node) return false;
  const isDisjunction = ('any' in node && !negated) || ('all' in node && negated);
  if (isDisjunction) {
    const key = 'any' in node ? 'any' : 'all';
    const children = 'any' in node ? node.any : (node as { all: Criteria[] }).all;
    let all = true;
    children.forEach((child, i) => {
      if (!neverTrue(child, negated, `${path}.${key}[${i}]`, ctx)) all = false;
    });
    return all;
  }
  const literals: Literal[] = [];
  const deferred: Deferred[] = [];
  gather(node, negated, path, ctx, literals, deferred);
  let never = false;
  for (const d of deferred) if (neverTrue(d.node, d.negated, d.path, ctx)) never = true;
  const conflict = findConflict(literals, ctx);
  if (conflict) {
    ctx.out?.push({ path, code: 'contradictory', message: `this condition can never be true: ${conflict}` });
    never = true;
  }
  return never;
}

/** Collects the leaves joined by "and" under the node; nested "or"s are analysed on their own. */
function gather(node: Criteria, negated: boolean, path: string, ctx: Context, literals: Literal[], deferred: Deferred[]): void {
  if ('field' in node) {
    const field = ctx.fields.get(node.field);
    if (field) literals.push({ criterion: node, field, negated });
  } else if ('not' in node) {
    gather(node.not, !negated, `${path}.not`, ctx, literals, deferred);
  } else if ('all' in node && !negated) {
    node.all.forEach((child, i) => gather(child, negated, `${path}.all[${i}]`, ctx, literals, deferred));
  } else if ('any' in node && negated) {
    node.any.forEach((child, i) => gather(child, negated, `${path}.any[${i}]`, ctx, literals, deferred));
  } else if (!('hasCode' in node)) {
    deferred.push({ node, negated, path });
  }
}

const NEGATED_OP: Partial<Record<CriteriaOperator, CriteriaOperator>> = {
  '=': '!=', '!=': '=', '<': '>=', '>=': '<', '<=': '>', '>': '<=', in: 'notIn', notIn: 'in', isKnown: 'isUnknown', isUnknown: 'isKnown',
};

/** The operator that holds exactly when `op` does not, for a recorded value (list operators have none). */
export function negateOperator(op: CriteriaOperator): CriteriaOperator | undefined {
  return NEGATED_OP[op];
}

/** The leaf as the user wrote it, for messages: `age >= 80`, `not (knownToSocialCare = true)`. */
export function criterionText(criterion: FieldCriterion, negated = false): string {
  const value = criterion.value === undefined ? '' : ` ${JSON.stringify(criterion.value)}`;
  const text = `${criterion.field} ${criterion.op}${value}`;
  return negated ? `not (${text})` : text;
}

function findConflict(literals: Literal[], ctx: Context): string | undefined {
  const groups = new Map<string, Literal[]>();
  for (const literal of literals) {
    const key = groupKey(literal, ctx);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(literal); else groups.set(key, [literal]);
  }
  const numberRanges = new Map<string, Range>();
  for (const [key, group] of groups) {
    const field = group[0]!.field;
    if (key.startsWith('segment:')) {
      if (conflictingSegmentReference(group)) return describeConflict(group, `meeting and not meeting segment '${key.slice(8)}'`);
      continue;
    }
    const presence = presenceOf(group);
    if (presence.known && presence.missing) return describeConflict(group, `${field.name} cannot be both recorded and unrecorded`);
    if (!presence.known) continue; // every constraint is met by an unrecorded value
    const comparisons = group.filter((l) => l.criterion.op !== 'isKnown' && l.criterion.op !== 'isUnknown');
    if (field.type === 'number') {
      const range = numberRange(field, comparisons);
      numberRanges.set(field.name, range);
      if (range.empty) return describeConflict(group, `no value of ${field.name} satisfies all of them`);
    } else if (field.type === 'list') {
      const problem = listConflict(comparisons);
      if (problem) return describeConflict(group, problem);
    } else if (valuesEmpty(field, comparisons)) {
      return describeConflict(group, `no value of ${field.name} satisfies all of them`);
    }
  }
  for (const [key, group] of groups) {
    const field = group[0]!.field;
    if (field.type !== 'list') continue;
    const count = numberRanges.get(field.countField);
    const required = requiredItems(group);
    if (count && required.size > count.hi) {
      return describeConflict([...group, ...(groups.get(field.countField) ?? [])], `${required.size} ${key} are required but ${field.countField} allows at most ${count.hi}`);
    }
  }
  return undefined;
}

function groupKey(literal: Literal, ctx: Context): string | undefined {
  const { criterion, field } = literal;
  if (field.name === 'segment' && ctx.segmentMeaning === 'criteria') {
    // "meets segment X" is its own yes/no fact per X; lists of segments are left to the "or" analysis.
    return criterion.op === '=' || criterion.op === '!=' ? `segment:${String(criterion.value)}` : undefined;
  }
  return field.name;
}

function conflictingSegmentReference(group: Literal[]): boolean {
  let meets = false;
  let doesNot = false;
  for (const l of group) {
    if ((l.criterion.op === '=') !== l.negated) meets = true; else doesNot = true;
  }
  return meets && doesNot;
}

function describeConflict(group: Literal[], why: string): string {
  return `${group.map((l) => criterionText(l.criterion, l.negated)).join(' and ')}: ${why}`;
}

/**
 * Whether the value must be recorded, or must be unrecorded, for every literal in the group to hold.
 * A plain comparison needs a recorded value; a negated one is also met by an unrecorded value.
 */
function presenceOf(group: Literal[]): { known: boolean; missing: boolean } {
  let known = !group[0]!.field.nullable;
  let missing = false;
  for (const { criterion, negated } of group) {
    const op = criterion.op;
    if (op === 'isKnown' || op === 'isUnknown') {
      if ((op === 'isKnown') !== negated) known = true; else missing = true;
    } else if (!negated) {
      known = true;
    }
  }
  return { known, missing };
}

/** The operator a literal imposes on a recorded value. */
function effectiveOp(literal: Literal): CriteriaOperator {
  return literal.negated ? negateOperator(literal.criterion.op) ?? literal.criterion.op : literal.criterion.op;
}

interface Range {
  lo: number;
  hi: number;
  empty: boolean;
}

function numberRange(field: NumberField, literals: Literal[]): Range {
  let lo = field.min ?? -Infinity, loOpen = false;
  let hi = field.max ?? Infinity, hiOpen = false;
  const excluded = new Set<number>();
  const raiseLo = (v: number, open: boolean) => {
    if (v > lo || (v === lo && open)) { lo = v; loOpen = open; }
  };
  const lowerHi = (v: number, open: boolean) => {
    if (v < hi || (v === hi && open)) { hi = v; hiOpen = open; }
  };
  for (const literal of literals) {
    const v = literal.criterion.value as number;
    switch (effectiveOp(literal)) {
      case '=': raiseLo(v, false); lowerHi(v, false); break;
      case '!=': excluded.add(v); break;
      case '<': lowerHi(v, true); break;
      case '<=': lowerHi(v, false); break;
      case '>': raiseLo(v, true); break;
      case '>=': raiseLo(v, false); break;
      default: break;
    }
  }
  if (field.integer) {
    const first = loOpen ? Math.floor(lo) + 1 : Math.ceil(lo);
    const last = hiOpen ? Math.ceil(hi) - 1 : Math.floor(hi);
    if (first > last) return { lo: first, hi: last, empty: true };
    const span = last - first + 1;
    if (span <= excluded.size) {
      let allExcluded = true;
      for (let v = first; v <= last; v++) if (!excluded.has(v)) { allExcluded = false; break; }
      if (allExcluded) return { lo: first, hi: last, empty: true };
    }
    return { lo: first, hi: last, empty: false };
  }
  const empty = lo > hi || (lo === hi && (loOpen || hiOpen || excluded.has(lo)));
  return { lo, hi, empty };
}

/** For true/false, choice and code fields: whether the equalities and exclusions leave no value. */
function valuesEmpty(field: CriteriaField, literals: Literal[]): boolean {
  let allowed: Set<unknown> | undefined;
  if (field.type === 'boolean') allowed = new Set<unknown>([true, false]);
  else if (field.type === 'choice' && field.values) allowed = new Set<unknown>(field.values);
  const excluded = new Set<unknown>();
  for (const literal of literals) {
    const value = literal.criterion.value;
    const op = effectiveOp(literal);
    if (op === '=' || op === 'in') {
      const values = new Set<unknown>(op === 'in' ? (value as string[]) : [value]);
      allowed = allowed ? new Set([...allowed].filter((v) => values.has(v))) : values;
    } else if (op === '!=' || op === 'notIn') {
      for (const v of op === 'notIn' ? (value as string[]) : [value]) excluded.add(v);
    }
  }
  if (!allowed) return false; // open-ended codes: only equalities can exhaust them
  for (const v of allowed) if (!excluded.has(v)) return false;
  return true;
}

function requiredItems(group: Literal[]): Set<string> {
  const required = new Set<string>();
  for (const { criterion, negated } of group) {
    if (negated) continue;
    if (criterion.op === 'contains') required.add(criterion.value as string);
    if (criterion.op === 'containsAll') for (const v of criterion.value as string[]) required.add(v);
  }
  return required;
}

function listConflict(literals: Literal[]): string | undefined {
  const required = requiredItems(literals);
  const excluded = new Set<string>();
  const someOf: string[][] = [];
  const notAllOf: string[][] = [];
  for (const { criterion, negated } of literals) {
    const values = criterion.op === 'contains' ? [criterion.value as string] : (criterion.value as string[]);
    if (!negated) {
      if (criterion.op === 'containsAny') someOf.push(values);
    } else if (criterion.op === 'containsAll') {
      notAllOf.push(values);
    } else {
      for (const v of values) excluded.add(v);
    }
  }
  for (const v of required) if (excluded.has(v)) return `'${v}' is both required and excluded`;
  for (const values of someOf) if (values.every((v) => excluded.has(v))) return `every one of ${values.join(', ')} is excluded`;
  for (const values of notAllOf) if (values.every((v) => required.has(v))) return `all of ${values.join(', ')} are required`;
  return undefined;
}
