import { checkCode, type CodeSystemId } from '../../../../kernel/codes.ts';
import { findContradictions } from './criteria-contradictions.ts';
import { criteriaFieldRegistry, SCORE_NAMES, type CriteriaField } from './criteria-fields.ts';
import { CRITERIA_OPERATORS, type Criteria, type CriteriaOperator, type CriteriaOptions } from './criteria.types.ts';
import type { RuleProblem } from './rule-problems.ts';

/** Code systems a `hasCode` criterion may name. */
export const CRITERIA_CODE_SYSTEMS: readonly CodeSystemId[] = ['SNOMED CT', 'ICD-10', 'OPCS-4', 'dm+d'];

/** Deeper trees than this are refused: nobody writes them by hand, and recursion must stay bounded. */
export const MAX_CRITERIA_DEPTH = 32;

const CONDITION_KEYS = ['all', 'any', 'not', 'field', 'hasCode'] as const;
const LEAF_KEYS = new Set(['field', 'op', 'value']);

export interface ValidateCriteriaOptions extends CriteriaOptions {
  /** Where the tree sits in a larger document, for problem paths; '$' by default. */
  path?: string | undefined;
}

/**
 * Every problem with a criteria tree (parsed JSON), each with a path and a plain message: shape,
 * unknown keys and fields, operators a field does not allow, values of the wrong type, unknown bands,
 * segments, condition keys and code systems, empty groups, and conditions that can never be true.
 * An empty list means the tree compiles.
 */
export function validateCriteria(tree: unknown, options: ValidateCriteriaOptions = {}): RuleProblem[] {
  const fields = criteriaFieldRegistry(options);
  const problems: RuleProblem[] = [];
  const root = options.path ?? '$';
  checkNode(tree, root, 0, fields, problems);
  if (problems.length === 0) problems.push(...findContradictions(tree as Criteria, fields, options.segmentMeaning ?? 'assigned', root));
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const EXAMPLE = '{"field": "age", "op": ">=", "value": 80}';

function checkNode(node: unknown, path: string, depth: number, fields: ReadonlyMap<string, CriteriaField>, out: RuleProblem[]): void {
  if (depth > MAX_CRITERIA_DEPTH) {
    out.push({ path, code: 'too_deep', message: `conditions are nested more than ${MAX_CRITERIA_DEPTH} deep; simplify the rule` });
    return;
  }
  if (!isRecord(node)) {
    out.push({ path, code: 'invalid_shape', message: `a condition must be an object such as ${EXAMPLE}, not ${describeJson(node)}` });
    return;
  }
  const kinds = CONDITION_KEYS.filter((k) => k in node);
  if (kinds.length === 0) {
    const keys = Object.keys(node);
    out.push({
      path, code: 'unknown_key',
      message: keys.length === 0
        ? `an empty condition; write one such as ${EXAMPLE}, or use all / any / not`
        : `unknown condition key ${keys.map((k) => `'${k}'`).join(', ')}: a condition has one of all, any, not, field or hasCode`,
    });
    return;
  }
  if (kinds.length > 1) {
    out.push({
      path, code: 'ambiguous_condition',
      message: `a condition has both ${kinds.map((k) => `'${k}'`).join(' and ')}: put them in separate conditions inside an "all" or "any"`,
    });
    return;
  }
  const kind = kinds[0]!;
  if (kind === 'field') {
    checkLeaf(node, path, fields, out);
    return;
  }
  const extra = Object.keys(node).filter((k) => k !== kind);
  if (extra.length > 0) {
    out.push({ path, code: 'unknown_key', message: `unknown condition key ${extra.map((k) => `'${k}'`).join(', ')} beside '${kind}'` });
  }
  if (kind === 'hasCode') {
    checkCodeCriterion(node.hasCode, `${path}.hasCode`, out);
  } else if (kind === 'not') {
    checkNode(node.not, `${path}.not`, depth + 1, fields, out);
  } else {
    const children = node[kind];
    if (!Array.isArray(children)) {
      out.push({ path: `${path}.${kind}`, code: 'invalid_shape', message: `'${kind}' must be a list of conditions` });
      return;
    }
    if (children.length === 0) {
      out.push({
        path: `${path}.${kind}`, code: 'empty_group',
        message: kind === 'all'
          ? `'all' has no conditions: an empty group would match everyone; add conditions or remove it`
          : `'any' has no conditions: an empty group would match nobody; add conditions or remove it`,
      });
    }
    children.forEach((child, i) => checkNode(child, `${path}.${kind}[${i}]`, depth + 1, fields, out));
  }
}

function checkLeaf(node: Record<string, unknown>, path: string, fields: ReadonlyMap<string, CriteriaField>, out: RuleProblem[]): void {
  for (const key of Object.keys(node)) {
    if (!LEAF_KEYS.has(key)) out.push({ path: `${path}.${key}`, code: 'unknown_key', message: `unknown condition key '${key}': a field condition has field, op and value` });
  }
  const name = node.field;
  if (typeof name !== 'string' || name === '') {
    out.push({ path: `${path}.field`, code: 'invalid_shape', message: `'field' must name a field, e.g. "age"` });
    return;
  }
  const field = fields.get(name);
  if (!field) {
    out.push(unknownField(name, `${path}.field`, fields));
    return;
  }
  const op = node.op;
  if (typeof op !== 'string' || !(CRITERIA_OPERATORS as readonly string[]).includes(op)) {
    out.push({
      path: `${path}.op`, code: 'unknown_operator',
      message: `unknown operator ${describeJson(op)}; ${name} allows ${field.operators.join(', ')}`,
    });
    return;
  }
  if (!field.operators.includes(op as CriteriaOperator)) {
    out.push({
      path: `${path}.op`, code: 'operator_not_allowed',
      message: `'${op}' cannot be used on ${name} (${typeWords(field)}); use one of ${field.operators.join(', ')}`,
    });
    return;
  }
  checkValue(field, op as CriteriaOperator, node.value, 'value' in node, `${path}.value`, out);
}

function unknownField(name: string, path: string, fields: ReadonlyMap<string, CriteriaField>): RuleProblem {
  const score = /^scores\.([^.]+)\.(value|band)$/.exec(name);
  if (score) {
    const scoreName = score[1]!;
    if (!(SCORE_NAMES as readonly string[]).includes(scoreName)) {
      return { path, code: 'unknown_field', message: `unknown score '${scoreName}'; scores are ${SCORE_NAMES.join(', ')}` };
    }
    return {
      path, code: 'score_has_no_bands',
      message: `${scoreName} has no bands; compare scores.${scoreName}.value instead${scoreName === 'emergency_admission_risk' ? ', or riskPercentile' : ''}`,
    };
  }
  const suggestion = closestField(name, fields);
  return {
    path, code: 'unknown_field',
    message: `unknown field '${name}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; see the list of criteria fields`,
  };
}

function checkValue(field: CriteriaField, op: CriteriaOperator, value: unknown, present: boolean, path: string, out: RuleProblem[]): void {
  if (op === 'isKnown' || op === 'isUnknown') {
    if (present) out.push({ path, code: 'invalid_value', message: `'${op}' takes no value` });
    return;
  }
  if (!present) {
    out.push({ path, code: 'invalid_value', message: `'${field.name} ${op}' needs a value` });
    return;
  }
  switch (field.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        out.push({ path, code: 'invalid_value', message: `${field.name} is compared with a number, e.g. 2; got ${describeJson(value)}` });
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') {
        out.push({ path, code: 'invalid_value', message: `${field.name} is true or false; got ${describeJson(value)}` });
      }
      return;
    case 'text':
    case 'choice':
    case 'list': {
      const many = op === 'in' || op === 'notIn' || op === 'containsAny' || op === 'containsAll';
      const items = many ? value : [value];
      if (!Array.isArray(items) || items.length === 0 || !items.every((v) => typeof v === 'string' && v !== '')) {
        out.push({
          path, code: 'invalid_value',
          message: many
            ? `'${op}' needs a non-empty list of values, e.g. ["a", "b"]; got ${describeJson(value)}`
            : `${field.name} ${op} needs a single non-empty text value; got ${describeJson(value)}`,
        });
        return;
      }
      if (field.type !== 'text' && field.values) {
        const allowed = field.values;
        items.forEach((item: string, i) => {
          if (!allowed.includes(item)) out.push(unknownValue(field, item, many ? `${path}[${i}]` : path));
        });
      }
      return;
    }
  }
}

function unknownValue(field: CriteriaField & { values: readonly string[] | null }, item: string, path: string): RuleProblem {
  const allowed = (field.values ?? []).join(', ');
  if (field.name === 'segment') return { path, code: 'unknown_segment', message: `unknown segment '${item}'; segments are ${allowed}` };
  if (field.type === 'list') return { path, code: 'unknown_condition', message: `unknown condition '${item}' in ${field.name}; conditions are ${allowed}` };
  if (field.name.startsWith('scores.')) return { path, code: 'unknown_band', message: `unknown ${field.label} '${item}'; bands are ${allowed}` };
  return { path, code: 'invalid_value', message: `'${item}' is not a value of ${field.name}; values are ${allowed}` };
}

function checkCodeCriterion(value: unknown, path: string, out: RuleProblem[]): void {
  if (!isRecord(value) || typeof value.system !== 'string' || !Array.isArray(value.codes) || value.codes.length === 0) {
    out.push({ path, code: 'invalid_shape', message: `hasCode needs {"system": "SNOMED CT", "codes": ["…"]}` });
  } else if (!(CRITERIA_CODE_SYSTEMS as readonly string[]).includes(value.system)) {
    out.push({
      path: `${path}.system`, code: 'unknown_code_system',
      message: `unknown code system '${value.system}'; use one of ${CRITERIA_CODE_SYSTEMS.join(', ')}`,
    });
  } else {
    const system = value.system as CodeSystemId;
    value.codes.forEach((raw, i) => {
      const check = checkCode(system, typeof raw === 'string' ? raw : undefined);
      if (!check.ok) out.push({ path: `${path}.codes[${i}]`, code: 'invalid_code', message: check.reason });
    });
  }
  out.push({
    path, code: 'unsupported_code_criterion',
    message: 'code criteria cannot be evaluated here: a person profile holds condition keys, not codes; '
      + `use {"field": "longTermConditions", "op": "contains", "value": "<condition key>"}, `
      + 'or add the codes to the condition\'s code list used by stratification',
  });
}

function typeWords(field: CriteriaField): string {
  switch (field.type) {
    case 'number': return 'a number';
    case 'boolean': return 'true or false';
    case 'text': return 'a code';
    case 'choice': return 'one of a set of values';
    case 'list': return 'a list of condition keys';
  }
}

function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The field whose name is within two edits of the one given, if exactly one is closest. */
function closestField(name: string, fields: ReadonlyMap<string, CriteriaField>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of fields.keys()) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) { best = candidate; bestDistance = d; }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
