import { parseDateParts, type DateParts } from '../../lib/date-parts.ts';
import type { EvaluationInput } from './api/analytics.types.ts';

/**
 * The evaluation form: a saved cohort, the date the intervention started and the windows before and
 * after it (6 months each unless changed), checked before sending.
 */
export interface EvaluationForm {
  cohortId: string;
  interventionDate: DateParts;
  beforeMonths: string;
  afterMonths: string;
}

export type EvaluationField = keyof EvaluationForm;
export type EvaluationErrors = Partial<Record<EvaluationField, string>>;

export const EVALUATION_FIELDS: readonly EvaluationField[] = ['cohortId', 'interventionDate', 'beforeMonths', 'afterMonths'];
export const DEFAULT_WINDOW_MONTHS = 6;
export const MAX_WINDOW_MONTHS = 24;

export const EMPTY_EVALUATION_FORM: EvaluationForm = {
  cohortId: '', interventionDate: { day: '', month: '', year: '' }, beforeMonths: String(DEFAULT_WINDOW_MONTHS), afterMonths: String(DEFAULT_WINDOW_MONTHS),
};

function months(text: string, what: string): { ok: true; value: number } | { ok: false; error: string } {
  const t = text.trim();
  if (!t) return { ok: false, error: `Enter the number of months ${what}` };
  if (!/^\d{1,3}$/.test(t)) return { ok: false, error: `Months ${what} must be a whole number, like 6` };
  const value = Number(t);
  if (value < 1 || value > MAX_WINDOW_MONTHS) return { ok: false, error: `Months ${what} must be between 1 and ${MAX_WINDOW_MONTHS}` };
  return { ok: true, value };
}

export function checkEvaluationForm(form: EvaluationForm): { errors: EvaluationErrors; input?: EvaluationInput } {
  const errors: EvaluationErrors = {};
  const cohortId = /^\d{1,12}$/.test(form.cohortId) ? Number(form.cohortId) : Number.NaN;
  if (!(cohortId >= 1)) errors.cohortId = 'Select the cohort that received the intervention';
  const date = parseDateParts(form.interventionDate, 'date the intervention started');
  if (!date.ok) errors.interventionDate = date.error;
  const before = months(form.beforeMonths, 'before');
  if (!before.ok) errors.beforeMonths = before.error;
  const after = months(form.afterMonths, 'after');
  if (!after.ok) errors.afterMonths = after.error;
  if (!date.ok || !before.ok || !after.ok || errors.cohortId) return { errors };
  return { errors, input: { cohortId, interventionDate: date.iso, beforeMonths: before.value, afterMonths: after.value } };
}
