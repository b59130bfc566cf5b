import type { ConsentKind } from './api/governance.types.ts';

/** How each kind of consent or objection reads on screen, and what it does (see registers/consent.ts). */
export const CONSENT_KIND_LABELS: Record<ConsentKind, { label: string; effect: string }> = {
  national_data_opt_out: {
    label: 'National data opt-out',
    effect: 'Left out of planning and analytics. Care is not affected.',
  },
  objection_to_sharing: {
    label: 'Objection to sharing',
    effect: 'Records stay with the organisation that made them; other partners do not see them.',
  },
  consent_to_share: {
    label: 'Consent to share',
    effect: 'Explicit consent where the legal basis needs it. It never overrides an opt-out or objection.',
  },
  restrict_category: {
    label: 'Restricted category',
    effect: 'Records of one category stay with the organisation that made them.',
  },
};

export const CONSENT_KINDS = Object.keys(CONSENT_KIND_LABELS) as ConsentKind[];

export function consentKindLabel(kind: string): string {
  return (CONSENT_KIND_LABELS as Record<string, { label: string } | undefined>)[kind]?.label ?? kind;
}
