import type { PersonProfile } from '../person-profile.ts';
import { compileValidCriteria, type CompileCriteriaOptions } from './compile-criteria.ts';
import { choiceLabel, criteriaFieldRegistry, type CriteriaField } from './criteria-fields.ts';
import { negateOperator } from './criteria-contradictions.ts';
import type { Criteria, CriteriaOperator, FieldCriterion, ProfilePredicate } from './criteria.types.ts';
import { INVALID_CRITERIA, rulesError } from './rule-problems.ts';
import { validateCriteria } from './validate-criteria.ts';

/** One leaf of a tree, for one person: the criterion in words, the person's value, and whether it held. */
export interface CriterionOutcome {
  path: string;
  /** e.g. 'emergency admissions in the past year: at least 2'. */
  criterion: string;
  /** e.g. '3 emergency admissions in the past year', or 'age not recorded'. */
  actual: string;
  met: boolean;
}

export interface CriteriaExplanation {
  met: boolean;
  /**
   * When met: the leaves that made the tree true, in plain words with the threshold, e.g.
   * '3 emergency admissions in the past year (threshold 2)'. Only the branches of an "or" that held
   * are given. Empty when not met.
   */
  reasons: string[];
  /** Every leaf, in the order written, whether or not it decided the outcome. */
  criteria: CriterionOutcome[];
}

/** A tree node with its own compiled predicate, so reasons are found without a per-person table of values. */
type ExplainNode =
  | { kind: 'all' | 'any'; test: ProfilePredicate; children: ExplainNode[] }
  | { kind: 'not'; test: ProfilePredicate; child: ExplainNode }
  | { kind: 'leaf'; test: ProfilePredicate; path: string; criterion: FieldCriterion; field: CriteriaField; segmentRef: boolean };

/**
 * Builds an explainer for a tree: call it per person shown in a list. It evaluates with the same leaf
 * predicates compileCriteria uses, so an explanation can never disagree with the match.
 */
export function compileExplainer(tree: unknown, options: CompileCriteriaOptions = {}): (profile: PersonProfile) => CriteriaExplanation {
  const root = buildRoot(tree, options);
  return (profile) => {
    const criteria: CriterionOutcome[] = [];
    collectOutcomes(root, profile, criteria);
    const met = root.test(profile);
    return { met, reasons: met ? reasonsFor(root, profile, true) : [], criteria };
  };
}

/**
 * Only the reasons a tree holds for a person (empty when it does not): what a case-finding list shows
 * per rule met, without describing every leaf.
 */
export function compileReasons(tree: unknown, options: CompileCriteriaOptions = {}): (profile: PersonProfile) => string[] {
  const root = buildRoot(tree, options);
  return (profile) => reasonsFor(root, profile, true);
}

function buildRoot(tree: unknown, options: CompileCriteriaOptions): ExplainNode {
  const problems = validateCriteria(tree, options);
  if (problems.length > 0) throw rulesError(INVALID_CRITERIA, 'The criteria', problems);
  return buildNode(tree as Criteria, '$', criteriaFieldRegistry(options), options.resolveSegment);
}

/** Explains one tree for one person (compile once with compileExplainer when explaining many). */
export function explainCriteria(tree: unknown, profile: PersonProfile, options: CompileCriteriaOptions = {}): CriteriaExplanation {
  return compileExplainer(tree, options)(profile);
}

/** The whole tree in words, e.g. 'age: at least 75 and (falls in the past year: at least 2 or not receiving social care)'. */
export function describeCriteria(tree: unknown, options: CompileCriteriaOptions = {}): string {
  const problems = validateCriteria(tree, options);
  if (problems.length > 0) throw rulesError(INVALID_CRITERIA, 'The criteria', problems);
  const fields = criteriaFieldRegistry(options);
  const segmentRef = options.segmentMeaning === 'criteria';
  const describe = (node: Criteria, nested: boolean): string => {
    if ('field' in node) return describeCriterion(node, fields.get(node.field)!, segmentRef);
    if ('not' in node) return `not (${describe(node.not, false)})`;
    if ('hasCode' in node) return `has a ${node.hasCode.system} code`;
    const [children, joiner] = 'all' in node ? [node.all, ' and '] : [node.any, ' or '];
    if (children.length === 1) return describe(children[0]!, nested);
    const text = children.map((c) => describe(c, true)).join(joiner);
    return nested ? `(${text})` : text;
  };
  return describe(tree as Criteria, false);
}

function buildNode(tree: Criteria, path: string, fields: ReadonlyMap<string, CriteriaField>, resolveSegment?: (key: string) => ProfilePredicate): ExplainNode {
  const test = compileValidCriteria(tree, fields, resolveSegment);
  if ('all' in tree) return { kind: 'all', test, children: tree.all.map((c, i) => buildNode(c, `${path}.all[${i}]`, fields, resolveSegment)) };
  if ('any' in tree) return { kind: 'any', test, children: tree.any.map((c, i) => buildNode(c, `${path}.any[${i}]`, fields, resolveSegment)) };
  if ('not' in tree) return { kind: 'not', test, child: buildNode(tree.not, `${path}.not`, fields, resolveSegment) };
  if ('hasCode' in tree) throw new Error('code criteria are rejected by validation');
  const field = fields.get(tree.field)!;
  return { kind: 'leaf', test, path, criterion: tree, field, segmentRef: field.name === 'segment' && resolveSegment !== undefined };
}

/** Every leaf's outcome, in the order written (no short cut, so every leaf gets one). */
function collectOutcomes(node: ExplainNode, p: PersonProfile, out: CriterionOutcome[]): void {
  if (node.kind === 'leaf') {
    out.push({ path: node.path, criterion: describeCriterion(node.criterion, node.field, node.segmentRef), actual: actualValue(node, p), met: node.test(p) });
  } else if (node.kind === 'not') {
    collectOutcomes(node.child, p, out);
  } else {
    for (const child of node.children) collectOutcomes(child, p, out);
  }
}

/** Why the node has the value `want`: the leaves that decided it, worded the way they held. */
function reasonsFor(node: ExplainNode, p: PersonProfile, want: boolean): string[] {
  if (node.test(p) !== want) return [];
  switch (node.kind) {
    case 'leaf': return [reasonText(node, p, !want)];
    case 'not': return reasonsFor(node.child, p, !want);
    default: {
      // An "and" that holds needs every part; one that fails, only the parts that failed (and the reverse for "or").
      const out: string[] = [];
      for (const child of node.children) out.push(...reasonsFor(child, p, want));
      return out;
    }
  }
}

function list(values: readonly string[]): string {
  return values.join(', ');
}

function numberCondition(op: CriteriaOperator, formatted: string): string {
  switch (op) {
    case '>=': return `at least ${formatted}`;
    case '>': return `more than ${formatted}`;
    case '<=': return `at most ${formatted}`;
    case '<': return `below ${formatted}`;
    case '=': return `exactly ${formatted}`;
    case '!=': return `not ${formatted}`;
    default: return '';
  }
}

/** The criterion in words, e.g. 'emergency admissions in the past year: at least 2'. */
export function describeCriterion(criterion: FieldCriterion, field: CriteriaField, segmentRef = false): string {
  const { op, value } = criterion;
  if (op === 'isKnown') return `${field.label} recorded`;
  if (op === 'isUnknown') return `${field.label} not recorded`;
  if (segmentRef) {
    const keys = Array.isArray(value) ? value : [String(value)];
    const positive = op === '=' || op === 'in';
    return `${positive ? 'meets' : 'does not meet'} the criteria of segment ${keys.map((k) => `'${k}'`).join(' or ')}`;
  }
  switch (field.type) {
    case 'number': return `${field.label}: ${numberCondition(op, field.format(value as number))}`;
    case 'boolean': return (op === '=') === (value as boolean) ? field.whenTrue : field.whenFalse;
    case 'list': {
      const values = op === 'contains' ? [value as string] : (value as string[]);
      return `${field.label} include ${op === 'containsAny' ? 'any of ' : op === 'containsAll' ? 'all of ' : ''}${list(values)}`;
    }
    default: {
      const label = (v: string) => (field.type === 'choice' ? choiceLabel(field, v) : v);
      switch (op) {
        case '=': return `${field.label} is ${label(value as string)}`;
        case '!=': return `${field.label} is not ${label(value as string)}`;
        case 'in': return `${field.label} is one of ${list((value as string[]).map(label))}`;
        default: return `${field.label} is none of ${list((value as string[]).map(label))}`;
      }
    }
  }
}

function actualValue(node: Extract<ExplainNode, { kind: 'leaf' }>, p: PersonProfile): string {
  const { field } = node;
  if (node.segmentRef) {
    const met = node.test(p);
    const positive = node.criterion.op === '=' || node.criterion.op === 'in';
    const value = node.criterion.value;
    const keys = (Array.isArray(value) ? value : [String(value)]).map((k) => `'${k}'`).join(' or ');
    return `${met === positive ? 'meets' : 'does not meet'} the criteria of segment ${keys}`;
  }
  switch (field.type) {
    case 'number': {
      const x = field.read(p);
      return x == null ? `${field.label} not recorded` : field.describe(x);
    }
    case 'boolean': return field.read(p) ? field.whenTrue : field.whenFalse;
    case 'list': {
      const items = field.read(p);
      return items.length === 0 ? `no ${field.label}` : `${field.label}: ${list(items)}`;
    }
    default: {
      const x = field.read(p);
      if (x == null) return `${field.label} not recorded`;
      return `${field.label} ${field.type === 'choice' ? choiceLabel(field, x) : x}`;
    }
  }
}

/**
 * One leaf as a reason, worded the way it held: met (`negated` false) or failed (`negated` true, under
 * a "not"). E.g. '3 emergency admissions in the past year (threshold 2)', 'aged 72 (below 80)',
 * 'not known to social care', 'long-term conditions do not include copd'.
 */
function reasonText(node: Extract<ExplainNode, { kind: 'leaf' }>, p: PersonProfile, negated: boolean): string {
  const { field, criterion } = node;
  const actual = actualValue(node, p);
  if (node.segmentRef || field.type === 'boolean') return actual;
  const op = negated ? negateOperator(criterion.op) ?? criterion.op : criterion.op;
  if (op === 'isKnown' || op === 'isUnknown') return actual;
  if (field.type === 'number') {
    if (field.read(p) == null) return actual;
    const formatted = field.format(criterion.value as number);
    return `${actual} (${op === '>=' ? `threshold ${formatted}` : numberCondition(op, formatted)})`;
  }
  if (field.type === 'list') {
    const items = field.read(p);
    const wanted = criterion.op === 'contains' ? [criterion.value as string] : (criterion.value as string[]);
    const present = wanted.filter((w) => items.includes(w));
    const absent = wanted.filter((w) => !items.includes(w));
    if (!negated) {
      return criterion.op === 'containsAny' ? `${field.label} include ${list(present)} (any of ${list(wanted)})` : `${field.label} include ${list(wanted)}`;
    }
    return criterion.op === 'containsAll'
      ? `${field.label} do not include ${list(absent)} (needed all of ${list(wanted)})`
      : `${field.label} do not include ${list(wanted)}`;
  }
  const x = field.read(p);
  if (x == null) return actual;
  const label = (v: string) => (field.type === 'choice' ? choiceLabel(field, v) : v);
  switch (op) {
    case '=': return actual;
    case '!=': return `${actual} (not ${label(criterion.value as string)})`;
    case 'in': return `${actual} (one of ${list((criterion.value as string[]).map(label))})`;
    default: return `${actual} (none of ${list((criterion.value as string[]).map(label))})`;
  }
}
