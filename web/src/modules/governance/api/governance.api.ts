import { apiUrl, getJson, sendJson } from '../../../lib/http.ts';
import type {
  Agreement, AgreementInput, AgreementRegister, AuditPage, AuditQuery, BreakGlass, BreakGlassPage, BreakGlassStatusFilter, Consent,
  ConsentInput, ReviewDecision,
} from './governance.types.ts';

/** The governance capability's HTTP client: one function per route under /api/governance. */
const BASE = '/api/governance';

export const AUDIT_PAGE_SIZE = 50;
export const BREAK_GLASS_PAGE_SIZE = 50;

export function listAgreements(signal?: AbortSignal): Promise<AgreementRegister> {
  return getJson<AgreementRegister>(`${BASE}/agreements`, signal);
}

export function getAgreement(id: number, signal?: AbortSignal): Promise<Agreement> {
  return getJson<Agreement>(`${BASE}/agreements/${id}`, signal);
}

export function createAgreement(input: AgreementInput): Promise<Agreement> {
  return sendJson<Agreement>('POST', `${BASE}/agreements`, input);
}

export function updateAgreement(id: number, input: AgreementInput): Promise<Agreement> {
  return sendJson<Agreement>('PUT', `${BASE}/agreements/${id}`, input);
}

export function listBreakGlass(status: BreakGlassStatusFilter, cursor?: number, signal?: AbortSignal): Promise<BreakGlassPage> {
  return getJson<BreakGlassPage>(apiUrl(`${BASE}/break-glass`, { status, cursor, limit: BREAK_GLASS_PAGE_SIZE }), signal);
}

export function reviewBreakGlass(id: number, decision: ReviewDecision, note: string): Promise<BreakGlass> {
  return sendJson<BreakGlass>('POST', `${BASE}/break-glass/${id}/review`, { decision, note: note || null });
}

export function openBreakGlass(personId: number, reason: string): Promise<BreakGlass> {
  return sendJson<BreakGlass>('POST', `${BASE}/persons/${personId}/break-glass`, { reason });
}

export function searchAudit(query: AuditQuery, signal?: AbortSignal): Promise<AuditPage> {
  return getJson<AuditPage>(apiUrl(`${BASE}/audit`, { ...query, limit: query.limit ?? AUDIT_PAGE_SIZE }), signal);
}

export function getPersonAccessLog(personId: number, cursor?: number, signal?: AbortSignal): Promise<AuditPage> {
  return getJson<AuditPage>(apiUrl(`${BASE}/persons/${personId}/access-log`, { cursor, limit: AUDIT_PAGE_SIZE }), signal);
}

export function listConsents(personId: number, signal?: AbortSignal): Promise<Consent[]> {
  return getJson<{ items: Consent[] }>(apiUrl(`${BASE}/persons/${personId}/consents`, { includeWithdrawn: true }), signal).then((page) => page.items);
}

export function recordConsent(personId: number, input: ConsentInput): Promise<Consent> {
  return sendJson<Consent>('POST', `${BASE}/persons/${personId}/consents`, input);
}

export function withdrawConsent(consentId: number): Promise<Consent> {
  return sendJson<Consent>('POST', `${BASE}/consents/${consentId}/withdraw`);
}
