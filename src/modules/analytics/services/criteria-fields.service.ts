import type { Scope } from '../../../kernel/access/scope.ts';
import { LONG_TERM_CONDITION_KEYS } from '../definitions/long-term-conditions.ts';
import type { CohortOptions } from '../domain/cohorts/cohort-definition.ts';
import { buildCriteriaFields, type CriteriaField } from '../domain/criteria/criteria-fields.ts';
import { DEFAULT_SEGMENTATION, type SegmentationRuleSet } from '../domain/segmentation/segment-rules.ts';
import type { CriteriaFieldView } from '../domain/views.ts';
import { findLatestRuleSet } from '../store/versions.repository.ts';
import { requireAnalyticsUse } from './analytics-access.ts';

/**
 * The place's vocabulary for criteria: the segments of the segmentation in force (the Seamless
 * default pyramid until a run saves one) and the long-term condition keys of the definitions, and
 * the fields a cohort builder offers (the criteria field registry, domain/criteria/criteria-fields.ts).
 */
export async function segmentLabels(scope: Scope): Promise<Map<string, string>> {
  const saved = await findLatestRuleSet(scope.db, 'segmentation');
  const rules = saved ? (JSON.parse(saved.rules) as SegmentationRuleSet) : DEFAULT_SEGMENTATION;
  return new Map(rules.segments.map((s) => [s.key, s.label]));
}

export async function cohortOptions(scope: Scope): Promise<CohortOptions> {
  return { segmentKeys: [...(await segmentLabels(scope)).keys()], conditionKeys: LONG_TERM_CONDITION_KEYS };
}

/** A registry field as the builder shows it: text and choice fields are strings (a choice lists its values). */
export function toFieldView(field: CriteriaField): CriteriaFieldView {
  const type = field.type === 'text' || field.type === 'choice' ? 'string' : field.type;
  const values = field.type === 'choice' || field.type === 'list' ? field.values ?? undefined : undefined;
  return { field: field.name, label: field.label, type, operators: [...field.operators], values: values ? [...values] : undefined };
}

/** Every field cohort criteria may name, with the place's segments and conditions as their values. */
export async function listCriteriaFields(scope: Scope): Promise<{ items: CriteriaFieldView[] }> {
  requireAnalyticsUse(scope);
  const options = await cohortOptions(scope);
  return { items: buildCriteriaFields({ ...options, segmentMeaning: 'assigned' }).map(toFieldView) };
}
