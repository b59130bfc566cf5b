import type { Criteria } from '../criteria/criteria.types.ts';
import { ruleVersionId } from '../criteria/rule-version.ts';

/**
 * A population segmentation: an ordered list of segments, evaluated first-match-wins, ending with a
 * catch-all so that everyone lands in exactly one segment.
 *
 * A segment's criteria may build on another segment's: inside a segmentation `segment = 'frail'` means
 * "meets the frail segment's criteria" (whatever segment the person finally lands in), so rules do not
 * depend on their order and references must not go round in a circle. Outside (cohorts, triggers)
 * `segment` is the segment a person was assigned.
 */
export interface SegmentRule {
  /** Lower case letters, digits and underscores, starting with a letter: 'end_of_life'. */
  key: string;
  label: string;
  description?: string | undefined;
  /** The criteria, or 'otherwise' for the final catch-all. */
  criteria: Criteria | 'otherwise';
}

export interface SegmentationRuleSet {
  /** The human version label, e.g. 'Pyramid 2026/27 (agreed at the March board)'. */
  label: string;
  /** The date (ISO) from which this version applies. */
  effectiveFrom: string;
  segments: SegmentRule[];
}

export const CATCH_ALL = 'otherwise';

/**
 * The default pyramid, top to bottom, in precedence order:
 *
 * 1. End of life: on a palliative care / end of life register or with an end of life care plan.
 * 2. Frail: eFI moderate or severe (Clegg 2016: more than 0.24, i.e. 9 or more of 36 deficits) or
 *    HFRS high (Gilbert 2018: more than 15 points). Either index alone suffices: the eFI comes from GP
 *    data and the HFRS from hospital data, and many people have only one.
 * 3. Complex: three or more long-term conditions (multimorbidity is usually "two or more"; three is
 *    the common cut for the complex layer of a pyramid, configurable).
 * 4. Long-term condition: one or more long-term conditions (in practice one or two, since people
 *    with more have already landed in "complex").
 * 5. Well: everyone else.
 */
export const DEFAULT_SEGMENTATION: SegmentationRuleSet = {
  label: 'Population pyramid (Seamless default)',
  effectiveFrom: '2025-04-01',
  segments: [
    {
      key: 'end_of_life', label: 'End of life',
      description: 'On an end of life or palliative care register, or with an end of life care plan.',
      criteria: { field: 'endOfLife', op: '=', value: true },
    },
    {
      key: 'frail', label: 'Frail',
      description: 'Moderate or severe frailty by the eFI, or high frailty risk by the HFRS.',
      criteria: {
        any: [
          { field: 'scores.efi.band', op: 'in', value: ['moderate', 'severe'] },
          { field: 'scores.hfrs.band', op: '=', value: 'high' },
        ],
      },
    },
    {
      key: 'complex', label: 'Complex (multiple long-term conditions)',
      description: 'Three or more long-term conditions.',
      criteria: { field: 'longTermConditions.count', op: '>=', value: 3 },
    },
    {
      key: 'long_term_condition', label: 'Long-term condition',
      description: 'One or two long-term conditions (people with more are in "complex").',
      criteria: { field: 'longTermConditions.count', op: '>=', value: 1 },
    },
    { key: 'well', label: 'Well', description: 'Everyone else.', criteria: CATCH_ALL },
  ],
};

/**
 * The version id of a segmentation: a hash of its segments (keys, labels, order and criteria), so the
 * same rules always have the same id and changing any threshold gives a new one. The version label
 * and effective date are not hashed.
 */
export function segmentationVersionId(ruleSet: SegmentationRuleSet): string {
  return ruleVersionId('seg', ruleSet.segments);
}
