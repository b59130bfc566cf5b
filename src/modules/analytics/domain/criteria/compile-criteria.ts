import type { PersonProfile } from '../person-profile.ts';
import { criteriaFieldRegistry, type CriteriaField } from './criteria-fields.ts';
import type { Criteria, CriteriaOptions, FieldCriterion, ProfilePredicate } from './criteria.types.ts';
import { INVALID_CRITERIA, rulesError } from './rule-problems.ts';
import { validateCriteria } from './validate-criteria.ts';

export interface CompileCriteriaOptions extends CriteriaOptions {
  /**
   * With segmentMeaning 'criteria': the predicate of a segment named by `segment`, so a segment rule
   * can build on another segment's criteria (segmentation resolves these in dependency order).
   */
  resolveSegment?: ((key: string) => ProfilePredicate) | undefined;
}

/**
 * Validates a criteria tree and compiles it to a predicate: closures built once, so applying it to a
 * million people walks no tree, looks up no field by name and allocates nothing. Throws
 * SEAMLESS_ERR_ANALYTICS_INVALID_CRITERIA with every problem when the tree is not valid.
 */
export function compileCriteria(tree: unknown, options: CompileCriteriaOptions = {}): ProfilePredicate {
  const problems = validateCriteria(tree, options);
  if (problems.length > 0) throw rulesError(INVALID_CRITERIA, 'The criteria', problems);
  return compileValidCriteria(tree as Criteria, criteriaFieldRegistry(options), options.resolveSegment);
}

/** Compiles a tree already validated against these fields (segmentation and triggers validate once, up front). */
export function compileValidCriteria(
  tree: Criteria,
  fields: ReadonlyMap<string, CriteriaField>,
  resolveSegment?: (key: string) => ProfilePredicate,
): ProfilePredicate {
  if ('all' in tree) return compileAll(tree.all.map((c) => compileValidCriteria(c, fields, resolveSegment)));
  if ('any' in tree) return compileAny(tree.any.map((c) => compileValidCriteria(c, fields, resolveSegment)));
  if ('not' in tree) {
    const inner = compileValidCriteria(tree.not, fields, resolveSegment);
    return (p) => !inner(p);
  }
  if ('hasCode' in tree) throw new Error('code criteria are rejected by validation and cannot be compiled');
  const field = fields.get(tree.field);
  if (!field) throw new Error(`unknown field ${tree.field} (validate before compiling)`);
  return compileLeaf(tree, field, resolveSegment);
}

function compileAll(parts: ProfilePredicate[]): ProfilePredicate {
  const [a, b, c] = parts;
  if (parts.length === 1) return a!;
  if (parts.length === 2) return (p) => a!(p) && b!(p);
  if (parts.length === 3) return (p) => a!(p) && b!(p) && c!(p);
  const n = parts.length;
  return (p) => {
    for (let i = 0; i < n; i++) if (!parts[i]!(p)) return false;
    return true;
  };
}

function compileAny(parts: ProfilePredicate[]): ProfilePredicate {
  const [a, b, c] = parts;
  if (parts.length === 1) return a!;
  if (parts.length === 2) return (p) => a!(p) || b!(p);
  if (parts.length === 3) return (p) => a!(p) || b!(p) || c!(p);
  const n = parts.length;
  return (p) => {
    for (let i = 0; i < n; i++) if (parts[i]!(p)) return true;
    return false;
  };
}

/** One leaf as a predicate. Exported for the explainer, so explanations use the very same test. */
export function compileLeaf(
  criterion: FieldCriterion,
  field: CriteriaField,
  resolveSegment?: (key: string) => ProfilePredicate,
): ProfilePredicate {
  const { op, value } = criterion;
  if (field.name === 'segment' && resolveSegment) return compileSegmentReference(op, value, resolveSegment);
  switch (field.type) {
    case 'number': {
      const read = field.read;
      const v = value as number;
      switch (op) {
        case '=': return (p) => read(p) === v;
        case '!=': return (p) => { const x = read(p); return x != null && x !== v; };
        case '<': return (p) => { const x = read(p); return x != null && x < v; };
        case '<=': return (p) => { const x = read(p); return x != null && x <= v; };
        case '>': return (p) => { const x = read(p); return x != null && x > v; };
        case '>=': return (p) => { const x = read(p); return x != null && x >= v; };
        case 'isKnown': return (p) => read(p) != null;
        case 'isUnknown': return (p) => read(p) == null;
        default: break;
      }
      break;
    }
    case 'boolean': {
      const read = field.read;
      const v = value as boolean;
      if (op === '=') return (p) => read(p) === v;
      if (op === '!=') return (p) => read(p) !== v;
      break;
    }
    case 'text':
    case 'choice': {
      const read = field.read;
      switch (op) {
        case '=': { const v = value as string; return (p) => read(p) === v; }
        case '!=': { const v = value as string; return (p) => { const x = read(p); return x != null && x !== v; }; }
        case 'in': { const set = new Set(value as string[]); return (p) => { const x = read(p); return x != null && set.has(x); }; }
        case 'notIn': { const set = new Set(value as string[]); return (p) => { const x = read(p); return x != null && !set.has(x); }; }
        case 'isKnown': return (p) => read(p) != null;
        case 'isUnknown': return (p) => read(p) == null;
        default: break;
      }
      break;
    }
    case 'list': {
      const read = field.read;
      if (op === 'contains') { const v = value as string; return (p) => read(p).includes(v); }
      const wanted = value as string[];
      if (op === 'containsAny') {
        const set = new Set(wanted);
        return (p) => {
          const items = read(p);
          for (let i = 0; i < items.length; i++) if (set.has(items[i]!)) return true;
          return false;
        };
      }
      if (op === 'containsAll') {
        return (p) => {
          const items = read(p);
          for (let i = 0; i < wanted.length; i++) if (!items.includes(wanted[i]!)) return false;
          return true;
        };
      }
      break;
    }
  }
  throw new Error(`operator ${op} is not allowed on ${field.name} (validate before compiling)`);
}

function compileSegmentReference(op: string, value: unknown, resolve: (key: string) => ProfilePredicate): ProfilePredicate {
  const keys = Array.isArray(value) ? (value as string[]) : [value as string];
  const meets = compileAny(keys.map(resolve));
  if (op === '=' || op === 'in') return meets;
  if (op === '!=' || op === 'notIn') return (p: PersonProfile) => !meets(p);
  throw new Error(`operator ${op} cannot refer to segments`);
}
