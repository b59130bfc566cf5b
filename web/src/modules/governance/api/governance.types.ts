/**
 * The shapes the IG routes answer with (src/modules/governance/routes/ig.routes.ts and the register
 * services behind them).
 */
export interface Agreement {
  id: number;
  title: string;
  legalBasis: string;
  purposes: string[];
  dataCategories: string[];
  startDate: string;
  endDate: string;
  status: string;
  /** Organisation codes. */
  parties: string[];
  createdBy: string;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string | null;
  /** In force today. */
  inForce: boolean;
  /** Days from today to the end date (negative once ended). */
  daysToEnd: number;
  /** Active and ending within the warning window (30 days). */
  expiring: boolean;
}

export interface AgreementRegister {
  items: Agreement[];
  /** Active agreements ending within the warning window, soonest first. */
  expiring: { id: number; title: string; endDate: string; daysToEnd: number }[];
  warningDays: number;
}

export interface AgreementInput {
  title: string;
  legalBasis: string;
  purposes: string[];
  dataCategories: string[];
  startDate: string;
  endDate: string;
  status: string;
  parties: string[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string;
  actorName: string | null;
  actorOrg: string;
  actorOrgName: string | null;
  actorRole: string;
  purpose: string;
  channel: string;
  action: string;
  resource: string;
  personId: number | null;
  outcome: string;
  detail: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: number | null;
}

export interface AuditQuery {
  actor?: string | undefined;
  person?: number | undefined;
  action?: string | undefined;
  outcome?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
  cursor?: number | undefined;
}

export type ConsentKind = 'national_data_opt_out' | 'objection_to_sharing' | 'consent_to_share' | 'restrict_category';

export interface Consent {
  id: number;
  personId: number;
  kind: ConsentKind;
  category: string | null;
  orgCode: string | null;
  recordedAt: string;
  recordedBy: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  note: string | null;
  /** Not withdrawn. */
  active: boolean;
}

export interface ConsentInput {
  kind: ConsentKind;
  category?: string | undefined;
  orgCode?: string | undefined;
  note?: string | undefined;
}

export interface BreakGlass {
  id: number;
  personId: number;
  staffId: string;
  staffName?: string | null | undefined;
  orgCode: string;
  reason: string;
  openedAt: string;
  expiresAt: string;
  /** Still giving access now. */
  active: boolean;
  reviewStatus: 'open' | 'appropriate' | 'inappropriate';
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
}

export type ReviewDecision = 'appropriate' | 'inappropriate';
export type BreakGlassStatusFilter = 'open' | ReviewDecision | 'all';

export interface BreakGlassPage {
  items: BreakGlass[];
  nextCursor: number | null;
}
