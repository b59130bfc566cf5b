import { DATA_CATEGORIES, type DataCategory } from '../../../kernel/access/actor.ts';
import { igError } from './ig-errors.ts';

/**
 * A person's consents and objections (table person_consent). A row is active while withdrawn_at is
 * null; withdrawing keeps the row, so the history stays. What each kind means to the access filter:
 *
 * - national_data_opt_out: the person is left out of every planning use (analytics, commissioning,
 *   needs profiles). Direct care is not affected. No category, no organisation.
 * - objection_to_sharing: the person's records stay with the organisation that recorded them; other
 *   organisations do not see them, whatever agreement is in force. With org_code, the objection is to
 *   sharing with that one organisation only (it may not see records other organisations hold).
 * - restrict_category: records of one category (category required) stay with the organisation that
 *   recorded them. No organisation.
 * - consent_to_share: explicit consent to share (optionally one category, optionally with one
 *   organisation), recorded where a legal basis needs consent. It never overrides an opt-out or an
 *   objection.
 */
export const CONSENT_KINDS = ['national_data_opt_out', 'objection_to_sharing', 'consent_to_share', 'restrict_category'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export interface ConsentInput {
  kind: string;
  category?: string | null | undefined;
  orgCode?: string | null | undefined;
  note?: string | null | undefined;
}

export interface ValidConsent { kind: ConsentKind; category: DataCategory | null; orgCode: string | null; note: string | null }

export interface Consent extends ValidConsent {
  id: number;
  personId: number;
  recordedAt: string;
  recordedBy: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  active: boolean;
}

export function validateConsentInput(input: ConsentInput): ValidConsent {
  const kind = input.kind as ConsentKind;
  if (!CONSENT_KINDS.includes(kind)) throw igError('CONSENT_INVALID', `Unknown kind '${input.kind}'; use any of ${CONSENT_KINDS.join(', ')}.`);
  const category = input.category ? input.category : null;
  if (category !== null && !(DATA_CATEGORIES as readonly string[]).includes(category)) {
    throw igError('UNKNOWN_CATEGORY', `Unknown data category '${category}'; use any of ${DATA_CATEGORIES.join(', ')}.`);
  }
  const orgCode = input.orgCode ? input.orgCode.trim().toUpperCase() : null;
  const note = input.note ? input.note.trim().slice(0, 1000) || null : null;
  if (kind === 'national_data_opt_out' && (category || orgCode)) throw igError('CONSENT_INVALID', 'A national data opt-out covers all planning uses: give no category or organisation.');
  if (kind === 'objection_to_sharing' && category) throw igError('CONSENT_INVALID', 'An objection to sharing covers every category; to restrict one category use restrict_category.');
  if (kind === 'restrict_category' && !category) throw igError('CONSENT_INVALID', 'A category restriction needs the category it restricts.');
  if (kind === 'restrict_category' && orgCode) throw igError('CONSENT_INVALID', 'A category restriction keeps the records with the organisation that recorded them: give no organisation.');
  return { kind, category: category as DataCategory | null, orgCode, note };
}

export function describeConsent(c: Pick<ValidConsent, 'kind' | 'category' | 'orgCode'>): string {
  return [c.kind, c.category, c.orgCode ? `org ${c.orgCode}` : null].filter(Boolean).join(' ');
}
