import type { CohortInput, Criteria, CriteriaFieldView, CriteriaOperator, FieldCriterion, RuleProblem } from './api/analytics.types.ts';

/**
 * The cohort builder's state (a name, rows of field / operator / value, joined by "all" or "any")
 * and the criteria JSON it stands for, both ways; the checks made before sending (something in every
 * box, numbers that are numbers); and where the server's problems ([{ path, code, message }]) belong
 * among the rows. What makes criteria valid is the server's rule, so its words are shown as they come.
 */
export interface BuilderRow {
  /** Stable across edits, for React keys and focus. */
  key: number;
  field: string;
  op: string;
  /** The value for single-value operators; for multi-value operators on free-text fields, values separated by commas. */
  value: string;
  /** The values ticked for multi-value operators on fields with a list of values. */
  values: string[];
}

export type Combine = 'all' | 'any';

export interface BuilderState {
  name: string;
  description: string;
  combine: Combine;
  rows: BuilderRow[];
  nextKey: number;
}

export interface RowErrors {
  field?: string | undefined;
  op?: string | undefined;
  value?: string | undefined;
}

export interface BuilderErrors {
  name?: string | undefined;
  /** By row index. */
  rows: Record<number, RowErrors>;
  /** Problems about the whole definition (e.g. conditions that contradict each other). */
  general: string[];
}

export const NO_ERRORS: BuilderErrors = { rows: {}, general: [] };

const MULTI_VALUE: ReadonlySet<string> = new Set(['in', 'notIn', 'containsAny', 'containsAll']);
const NO_VALUE: ReadonlySet<string> = new Set(['isKnown', 'isUnknown']);

const OPERATOR_LABELS: Readonly<Record<string, string>> = {
  '=': 'is', '!=': 'is not', '<': 'is less than', '<=': 'is at most', '>': 'is more than', '>=': 'is at least',
  in: 'is one of', notIn: 'is none of', contains: 'includes', containsAny: 'includes any of', containsAll: 'includes all of',
  isKnown: 'is recorded', isUnknown: 'is not recorded',
};

/** '>=' → 'is at least'. */
export function operatorLabel(op: string): string {
  return OPERATOR_LABELS[op] ?? op;
}

export function emptyRow(key: number): BuilderRow {
  return { key, field: '', op: '', value: '', values: [] };
}

export function emptyBuilder(): BuilderState {
  return { name: '', description: '', combine: 'all', rows: [emptyRow(1)], nextKey: 2 };
}

export function addRow(state: BuilderState): BuilderState {
  return { ...state, rows: [...state.rows, emptyRow(state.nextKey)], nextKey: state.nextKey + 1 };
}

/** Removes a row; the last row is emptied instead, so there is always one to fill in. */
export function removeRow(state: BuilderState, key: number): BuilderState {
  if (state.rows.length <= 1) return { ...state, rows: [emptyRow(state.nextKey)], nextKey: state.nextKey + 1 };
  return { ...state, rows: state.rows.filter((r) => r.key !== key) };
}

/**
 * Changes one row. A new field starts with its first operator and no value; a new operator keeps
 * the value when it takes the same kind of value (or when a value comes with it).
 */
export function updateRow(state: BuilderState, key: number, change: Partial<Omit<BuilderRow, 'key'>>, fields: readonly CriteriaFieldView[]): BuilderState {
  return {
    ...state,
    rows: state.rows.map((row) => {
      if (row.key !== key) return row;
      if (change.field !== undefined && change.field !== row.field) {
        const field = fields.find((f) => f.field === change.field);
        return { ...emptyRow(key), field: change.field, op: field?.operators[0] ?? '' };
      }
      const next = { ...row, ...change };
      if (change.op !== undefined && change.op !== row.op) {
        const field = fields.find((f) => f.field === row.field);
        if (valueKind(field, change.op) !== valueKind(field, row.op)) {
          return { ...next, value: change.value ?? '', values: change.values ?? [] };
        }
      }
      return next;
    }),
  };
}

export type ValueKind = 'none' | 'number' | 'boolean' | 'choice' | 'choices' | 'text' | 'texts';

/** What kind of value box a row needs for its field and operator. */
export function valueKind(field: CriteriaFieldView | undefined, op: string): ValueKind {
  if (!field || !op || NO_VALUE.has(op)) return 'none';
  if (field.type === 'boolean') return 'boolean';
  if (field.type === 'number') return 'number';
  const listed = (field.values?.length ?? 0) > 0;
  if (MULTI_VALUE.has(op)) return listed ? 'choices' : 'texts';
  return listed ? 'choice' : 'text';
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;

/** 'a, b;c' → ['a', 'b', 'c']. */
export function splitValues(text: string): string[] {
  return [...new Set(text.split(/[,;\n]+/).map((v) => v.trim()).filter(Boolean))];
}

/**
 * The checks made before sending: a name, and for each row a field, an operator and a value of the
 * right kind. Returns the cohort to send when there is nothing to fix.
 */
export function buildCohortInput(state: BuilderState, fields: readonly CriteriaFieldView[]): { errors: BuilderErrors; input?: CohortInput } {
  const errors: BuilderErrors = { rows: {}, general: [] };
  if (!state.name.trim()) errors.name = 'Enter a name for the cohort';
  const conditions: FieldCriterion[] = [];
  state.rows.forEach((row, i) => {
    const n = i + 1;
    const rowErrors: RowErrors = {};
    const field = fields.find((f) => f.field === row.field);
    if (!field) rowErrors.field = `Select what condition ${n} is about`;
    else if (!row.op || !field.operators.includes(row.op)) rowErrors.op = `Select how condition ${n} compares ${field.label}`;
    else {
      const value = readValue(field, row);
      if (value.error) rowErrors.value = `${value.error} for condition ${n}`;
      else conditions.push(value.value === undefined ? { field: field.field, op: row.op as CriteriaOperator } : { field: field.field, op: row.op as CriteriaOperator, value: value.value });
    }
    if (rowErrors.field || rowErrors.op || rowErrors.value) errors.rows[i] = rowErrors;
  });
  if (errors.name || Object.keys(errors.rows).length > 0) return { errors };
  const criteria: Criteria = state.combine === 'all' ? { all: conditions } : { any: conditions };
  const description = state.description.trim();
  return { errors, input: { name: state.name.trim(), criteria, ...(description ? { description } : {}) } };
}

function readValue(field: CriteriaFieldView, row: BuilderRow): { value?: FieldCriterion['value']; error?: string } {
  const kind = valueKind(field, row.op);
  const text = row.value.trim();
  switch (kind) {
    case 'none':
      return {};
    case 'number':
      if (!text) return { error: 'Enter a number' };
      if (!NUMBER.test(text)) return { error: 'Enter a number, like 80 or 2.5,' };
      return { value: Number(text) };
    case 'boolean':
      if (text !== 'true' && text !== 'false') return { error: 'Select yes or no' };
      return { value: text === 'true' };
    case 'choice':
      if (!text) return { error: 'Select a value' };
      return { value: text };
    case 'text':
      if (!text) return { error: 'Enter a value' };
      return { value: text };
    case 'choices': {
      const values = (field.values ?? []).filter((v) => row.values.includes(v));
      return values.length === 0 ? { error: 'Select at least one value' } : { value: values };
    }
    case 'texts': {
      const values = splitValues(row.value);
      return values.length === 0 ? { error: 'Enter at least one value, separated by commas,' } : { value: values };
    }
  }
}

/**
 * The builder rows for criteria it can show: conditions on fields joined by one "all" or "any" (or a
 * single condition). Anything nested (not, groups within groups, codes) gives undefined.
 */
export function builderFromCriteria(criteria: Criteria, fields: readonly CriteriaFieldView[], firstKey = 1): Pick<BuilderState, 'combine' | 'rows' | 'nextKey'> | undefined {
  let combine: Combine = 'all';
  let leaves: readonly Criteria[];
  if ('all' in criteria) leaves = criteria.all;
  else if ('any' in criteria) {
    combine = 'any';
    leaves = criteria.any;
  } else leaves = [criteria];
  if (leaves.length === 0) return undefined;
  const rows: BuilderRow[] = [];
  for (const leaf of leaves) {
    if (!('field' in leaf)) return undefined;
    const field = fields.find((f) => f.field === leaf.field);
    const key = firstKey + rows.length;
    const kind = valueKind(field, leaf.op);
    const value = leaf.value;
    if (kind === 'choices' && Array.isArray(value)) rows.push({ key, field: leaf.field, op: leaf.op, value: '', values: [...value] });
    else if (Array.isArray(value)) rows.push({ key, field: leaf.field, op: leaf.op, value: value.join(', '), values: [] });
    else rows.push({ key, field: leaf.field, op: leaf.op, value: value === undefined ? '' : String(value), values: [] });
  }
  return { combine, rows, nextKey: firstKey + rows.length };
}

const ROW_PATH = /^(?:\$|criteria)?\.?(?:all|any)\[(\d+)\](?:\.(field|op|value))?/;

/** A server message as a sentence: first letter capital. */
function sentence(message: string): string {
  return message ? message[0]!.toUpperCase() + message.slice(1) : message;
}

/**
 * The server's problems placed where the person can fix them: on the name, on a row's field,
 * operator or value (by the path's index into the top-level all/any), or about the whole definition.
 */
export function errorsFromProblems(problems: readonly RuleProblem[], rowCount: number): BuilderErrors {
  const errors: BuilderErrors = { rows: {}, general: [] };
  for (const problem of problems) {
    const path = problem.path.replace(/^\$\.criteria/, 'criteria');
    const message = sentence(problem.message);
    if (path === 'name' || path === '$.name') {
      errors.name ??= message;
      continue;
    }
    const m = ROW_PATH.exec(path);
    const index = m ? Number(m[1]) : Number.NaN;
    if (!m || !(index < rowCount)) {
      errors.general.push(message);
      continue;
    }
    const part = (m[2] ?? 'field') as keyof RowErrors;
    const row = (errors.rows[index] ??= {});
    row[part] = row[part] ? `${row[part]}; ${problem.message}` : message;
  }
  return errors;
}

/** The builder's problems in page order, each with the id of the box it is about (for the error summary's links). */
export function errorList(errors: BuilderErrors, rowCount: number, idOf: (index: number, part: keyof RowErrors) => string, nameId: string): { message: string; link?: string | undefined }[] {
  const list: { message: string; link?: string | undefined }[] = [];
  if (errors.name) list.push({ message: errors.name, link: `#${nameId}` });
  for (let i = 0; i < rowCount; i++) {
    const row = errors.rows[i];
    if (!row) continue;
    for (const part of ['field', 'op', 'value'] as const) if (row[part]) list.push({ message: row[part]!, link: `#${idOf(i, part)}` });
  }
  for (const message of errors.general) list.push({ message });
  return list;
}

export function hasErrors(errors: BuilderErrors): boolean {
  return Boolean(errors.name) || Object.keys(errors.rows).length > 0 || errors.general.length > 0;
}
