/** Tables of the IG registers (migration 2026_11_23_0200_create_governance_access). */
export interface DataSharingAgreementTable {
  id: number;
  title: string;
  legal_basis: string;
  /** JSON array of AgreementPurpose. */
  purposes: string;
  /** JSON array of DataCategory. */
  data_categories: string;
  start_date: string;
  end_date: string;
  status: string;
  created_by: string;
  created_at: string;
  updated_by: string | null;
  updated_at: string | null;
}

export interface DataSharingPartyTable { agreement_id: number; org_code: string }

/**
 * A person's consents and objections; a row is active while withdrawn_at is null. What each kind
 * means to the access filter is documented on ConsentKind (consent.ts).
 */
export interface PersonConsentTable {
  id: number;
  person_id: number;
  kind: string;
  category: string | null;
  org_code: string | null;
  recorded_at: string;
  recorded_by: string;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  note: string | null;
}

/** Break-glass access: a relationship with the person for staff_id while expires_at is in the future. */
export interface BreakGlassTable {
  id: number;
  person_id: number;
  staff_id: string;
  org_code: string;
  reason: string;
  opened_at: string;
  expires_at: string;
  review_status: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_note: string | null;
}

export interface RegisterTables {
  data_sharing_agreement: DataSharingAgreementTable;
  data_sharing_party: DataSharingPartyTable;
  person_consent: PersonConsentTable;
  break_glass: BreakGlassTable;
  organisation: { code: string; name: string };
  staff: { id: string; given_name: string; family_name: string };
  person: { id: number };
}
