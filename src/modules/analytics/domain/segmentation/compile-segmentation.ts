import type { PersonProfile } from '../person-profile.ts';
import { compileValidCriteria, type CompileCriteriaOptions } from '../criteria/compile-criteria.ts';
import { criteriaFieldRegistry } from '../criteria/criteria-fields.ts';
import type { Criteria, ProfilePredicate } from '../criteria/criteria.types.ts';
import { compileExplainer, type CriteriaExplanation } from '../criteria/explain-criteria.ts';
import { INVALID_SEGMENTATION, rulesError } from '../criteria/rule-problems.ts';
import { CATCH_ALL, segmentationVersionId, type SegmentationRuleSet } from './segment-rules.ts';
import { validateSegmentation, type SegmentationOptions } from './validate-segmentation.ts';

export interface SegmentExplanation {
  segment: string;
  label: string;
  /** Why the person is in this segment, in plain words; for the catch-all, that no earlier segment applied. */
  reasons: string[];
}

export interface CompiledSegmentation {
  versionId: string;
  label: string;
  effectiveFrom: string;
  /** Segments in precedence order (the pyramid from the top). */
  segments: ReadonlyArray<{ key: string; label: string }>;
  /** The key of the first segment whose criteria the person meets. */
  assign(profile: PersonProfile): string;
  /** The index (in `segments`) of the person's segment: cheap to count with. */
  assignIndex(profile: PersonProfile): number;
  explain(profile: PersonProfile): SegmentExplanation;
}

/**
 * Validates a segmentation and compiles it: one predicate per segment, references to other segments
 * resolved to their predicates (in dependency order, which validation guarantees has no circle), and
 * an assign function that tries them in order. Throws SEAMLESS_ERR_ANALYTICS_INVALID_SEGMENTATION
 * listing every problem.
 */
export function compileSegmentation(ruleSet: SegmentationRuleSet, options: SegmentationOptions = {}): CompiledSegmentation {
  const problems = validateSegmentation(ruleSet, options);
  if (problems.length > 0) throw rulesError(INVALID_SEGMENTATION, `The segmentation '${String(ruleSet?.label)}'`, problems);
  const keys = ruleSet.segments.map((s) => s.key);
  const criteriaOptions: CompileCriteriaOptions = { ...options, segmentKeys: keys, segmentMeaning: 'criteria' };
  const fields = criteriaFieldRegistry(criteriaOptions);
  const byKey = new Map(ruleSet.segments.map((s) => [s.key, s]));
  const compiled = new Map<string, ProfilePredicate>();
  const resolveSegment = (key: string): ProfilePredicate => {
    let predicate = compiled.get(key);
    if (!predicate) {
      const criteria = byKey.get(key)!.criteria;
      predicate = criteria === CATCH_ALL ? () => true : compileValidCriteria(criteria, fields, resolveSegment);
      compiled.set(key, predicate);
    }
    return predicate;
  };
  const predicates = keys.map(resolveSegment);
  // Validation guarantees the last segment matches everyone, so it is never tested.
  const last = keys.length - 1;
  const assignIndex = (profile: PersonProfile): number => {
    for (let i = 0; i < last; i++) if (predicates[i]!(profile)) return i;
    return last;
  };
  const explainers = ruleSet.segments.map((s) =>
    s.criteria === CATCH_ALL ? undefined : compileExplainer(s.criteria as Criteria, { ...criteriaOptions, resolveSegment }));
  return {
    versionId: segmentationVersionId(ruleSet),
    label: ruleSet.label,
    effectiveFrom: ruleSet.effectiveFrom,
    segments: ruleSet.segments.map((s) => ({ key: s.key, label: s.label })),
    assignIndex,
    assign: (profile) => keys[assignIndex(profile)]!,
    explain(profile) {
      const index = assignIndex(profile);
      const segment = ruleSet.segments[index]!;
      const explainer = explainers[index];
      const explanation: CriteriaExplanation | undefined = explainer?.(profile);
      const reasons = explanation?.met
        ? explanation.reasons
        : [index === 0 ? 'everyone is in this segment' : `meets none of the segments before it (${ruleSet.segments.slice(0, index).map((s) => s.label).join(', ')})`];
      return { segment: segment.key, label: segment.label, reasons };
    },
  };
}

/** How many people fall in each segment, in precedence order. */
export function countSegments(segmentation: CompiledSegmentation, profiles: Iterable<PersonProfile>): Array<{ key: string; label: string; count: number }> {
  const counts = new Array<number>(segmentation.segments.length).fill(0);
  for (const profile of profiles) counts[segmentation.assignIndex(profile)]! += 1;
  return segmentation.segments.map((s, i) => ({ ...s, count: counts[i]! }));
}
