/**
 * The shapes the IG routes answer with: the server's own types (pure files of the governance module),
 * so screen and API cannot drift apart. Only the route envelopes are declared here.
 */
import type { AgreementView } from '../../../../../src/modules/governance/registers/agreement.ts';
import type { BreakGlass, BreakGlassDecision } from '../../../../../src/modules/governance/registers/break-glass.ts';
import type { AuditLogEntry } from '../../../../../src/modules/governance/audit/audit-views.ts';

export type { AgreementInput } from '../../../../../src/modules/governance/registers/agreement.ts';
export type { Consent, ConsentInput, ConsentKind } from '../../../../../src/modules/governance/registers/consent.ts';
export type { BreakGlass } from '../../../../../src/modules/governance/registers/break-glass.ts';
export type { AuditPage, AuditSearch as AuditQuery } from '../../../../../src/modules/governance/audit/audit-views.ts';
export type Agreement = AgreementView;
export type AuditEntry = AuditLogEntry;
export type ReviewDecision = BreakGlassDecision;
export type BreakGlassStatusFilter = 'open' | ReviewDecision | 'all';

/** GET /api/governance/agreements */
export interface AgreementRegister {
  items: Agreement[];
  /** Active agreements ending within the warning window, soonest first. */
  expiring: { id: number; title: string; endDate: string; daysToEnd: number }[];
  warningDays: number;
}

/** GET /api/governance/break-glass */
export interface BreakGlassPage {
  items: BreakGlass[];
  nextCursor: number | null;
}
