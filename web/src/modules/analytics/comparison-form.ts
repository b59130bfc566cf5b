import type { ComparisonInput, ComparisonPreset, ComparisonShow } from './api/analytics.types.ts';

/**
 * The comparison panel's choices: two saved cohorts (A and B) and which people to list, or one of
 * the ready-made comparisons, checked before sending.
 */
export interface ComparisonForm {
  mode: 'saved' | 'preset';
  a: string;
  b: string;
  preset: string;
  show: ComparisonShow;
}

export type ComparisonField = 'a' | 'b' | 'preset';
export type ComparisonErrors = Partial<Record<ComparisonField, string>>;

export function checkComparisonForm(form: ComparisonForm, presets: readonly ComparisonPreset[]): { errors: ComparisonErrors; input?: ComparisonInput } {
  const errors: ComparisonErrors = {};
  if (form.mode === 'preset') {
    const preset = presets.find((p) => p.key === form.preset);
    if (!preset) return { errors: { preset: 'Select a comparison' } };
    return { errors, input: { a: { name: preset.a.name, criteria: preset.a.criteria }, b: { name: preset.b.name, criteria: preset.b.criteria }, show: preset.show } };
  }
  const a = /^\d{1,12}$/.test(form.a) ? Number(form.a) : 0;
  const b = /^\d{1,12}$/.test(form.b) ? Number(form.b) : 0;
  if (!(a >= 1)) errors.a = 'Select cohort A';
  if (!(b >= 1)) errors.b = 'Select cohort B';
  else if (a === b) errors.b = 'Select a different cohort for B: comparing a cohort with itself puts everyone in both';
  if (errors.a || errors.b) return { errors };
  return { errors, input: { a: { cohortId: a }, b: { cohortId: b }, show: form.show } };
}

/** What the list of people holds, in words: 'People in A and not in B' or 'People in both A and B'. */
export function peopleCaption(show: ComparisonShow, a: string, b: string): string {
  return show === 'both' ? `People in both ${a} and ${b}` : `People in ${a} and not in ${b}`;
}
