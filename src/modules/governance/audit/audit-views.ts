/**
 * The audit log as IG screens, the API and a subject access request see it. Pure types, shared by the
 * server and the web app.
 */
/** One audit entry as IG screens and a subject access request show it. */
export interface AuditLogEntry {
  seq: number;
  at: string;
  actorId: string;
  /** The staff member's name when the actor is on the staff list (not for the CLI operator or system jobs). */
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

export interface AuditPage { items: AuditLogEntry[]; nextCursor: number | null }

export interface AuditSearch {
  actor?: string | undefined;
  person?: number | undefined;
  action?: string | undefined;
  outcome?: string | undefined;
  /** From this date or instant, inclusive. */
  from?: string | undefined;
  /** To this instant, inclusive; a date means the whole of that day. */
  to?: string | undefined;
  /** Default 100, at most 1000. */
  limit?: number | undefined;
  /** The nextCursor of the previous page: entries older than it. */
  cursor?: number | undefined;
}
