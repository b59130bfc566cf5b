import { EMPTY_DATE, parseDateParts, toDateParts, type DateParts } from '../../lib/date-parts.ts';
import { ApiProblem } from '../../lib/http.ts';
import { DATA_CATEGORIES } from '../../../../src/kernel/access/actor.ts';
import { AGREEMENT_PURPOSES } from '../../../../src/modules/governance/registers/agreement.ts';
import type { Agreement, AgreementInput } from './api/governance.types.ts';

/**
 * The agreement form's values, the checks made before sending (something in every field), and which
 * field a refusal from the server belongs to. The rules themselves (dates in order, two known
 * partners, purposes and categories) are the server's, so the form shows its words.
 */
export interface AgreementForm {
  title: string;
  parties: string;
  purposes: string[];
  dataCategories: string[];
  legalBasis: string;
  startDate: DateParts;
  endDate: DateParts;
  status: string;
}

export type AgreementField = 'title' | 'parties' | 'purposes' | 'dataCategories' | 'legalBasis' | 'startDate' | 'endDate' | 'status';

export type AgreementErrors = Partial<Record<AgreementField, string>>;

/** The order of the fields on the page, for the error summary. */
export const AGREEMENT_FIELDS: readonly AgreementField[] = ['title', 'parties', 'purposes', 'dataCategories', 'legalBasis', 'startDate', 'endDate', 'status'];

export const EMPTY_AGREEMENT_FORM: AgreementForm = {
  title: '', parties: '', purposes: [], dataCategories: [], legalBasis: '', startDate: EMPTY_DATE, endDate: EMPTY_DATE, status: 'active',
};

export function agreementToForm(a: Agreement): AgreementForm {
  return {
    title: a.title, parties: a.parties.join(', '), purposes: [...a.purposes], dataCategories: [...a.dataCategories],
    legalBasis: a.legalBasis, startDate: toDateParts(a.startDate), endDate: toDateParts(a.endDate), status: a.status,
  };
}

/** Values in the order of a reference list (the order the checkboxes show), unknown ones last. */
export function inOrder(values: readonly string[], order: readonly string[]): string[] {
  const rank = (v: string) => (order.indexOf(v) + order.length + 1) % (order.length + 1);
  return [...values].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** 'RR8, b82001  LA1' → ['RR8', 'B82001', 'LA1']. */
export function parseParties(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((p) => p.trim().toUpperCase()).filter(Boolean))];
}

export function checkAgreementForm(form: AgreementForm): { errors: AgreementErrors; input?: AgreementInput } {
  const errors: AgreementErrors = {};
  if (!form.title.trim()) errors.title = 'Enter a title for the agreement';
  if (parseParties(form.parties).length === 0) errors.parties = 'Enter the codes of the partner organisations';
  if (form.purposes.length === 0) errors.purposes = 'Select at least one purpose';
  if (form.dataCategories.length === 0) errors.dataCategories = 'Select at least one category of record';
  if (!form.legalBasis.trim()) errors.legalBasis = 'Enter the legal basis for sharing';
  const start = parseDateParts(form.startDate, 'start date');
  if (!start.ok) errors.startDate = start.error;
  const end = parseDateParts(form.endDate, 'end date');
  if (!end.ok) errors.endDate = end.error;
  if (Object.keys(errors).length > 0 || !start.ok || !end.ok) return { errors };
  return {
    errors,
    input: {
      title: form.title.trim(), parties: parseParties(form.parties),
      purposes: inOrder(form.purposes, AGREEMENT_PURPOSES), dataCategories: inOrder(form.dataCategories, DATA_CATEGORIES),
      legalBasis: form.legalBasis.trim(), startDate: start.iso, endDate: end.iso, status: form.status,
    },
  };
}

const FIELD_BY_CODE: Record<string, AgreementField> = {
  SEAMLESS_ERR_GOVERNANCE_AGREEMENT_PARTIES: 'parties',
  SEAMLESS_ERR_GOVERNANCE_UNKNOWN_ORGANISATION: 'parties',
  SEAMLESS_ERR_GOVERNANCE_UNKNOWN_CATEGORY: 'dataCategories',
  SEAMLESS_ERR_GOVERNANCE_UNKNOWN_PURPOSE: 'purposes',
};

/**
 * Which field a refusal is about: by its code, by the field a schema error names ('body/title'),
 * or by the words of a general one; undefined for problems that are not about one field.
 */
export function fieldOfProblem(error: unknown): AgreementField | undefined {
  if (!(error instanceof ApiProblem) || error.status !== 400) return undefined;
  const { code, detail } = error.problem;
  if (FIELD_BY_CODE[code]) return FIELD_BY_CODE[code];
  if (code === 'SEAMLESS_ERR_GOVERNANCE_AGREEMENT_DATES') return /\bstart date\b.*\bnot a date\b/.test(detail) ? 'startDate' : 'endDate';
  if (code === 'SEAMLESS_ERR_GOVERNANCE_AGREEMENT_INVALID') {
    if (/\btitle\b/i.test(detail)) return 'title';
    if (/legal basis/i.test(detail)) return 'legalBasis';
    if (/status/i.test(detail)) return 'status';
  }
  const errors = error.problem.errors;
  if (code === 'SEAMLESS_ERR_VALIDATION' && Array.isArray(errors)) {
    const where = String((errors[0] as { where?: unknown } | undefined)?.where ?? '');
    const field = where.split('/')[1] as AgreementField | undefined;
    if (field && AGREEMENT_FIELDS.includes(field)) return field;
  }
  return undefined;
}
