/**
 * Who is asking, and why. Built once per request (from the session) or per CLI command (the named
 * local operator), and carried with the database handle in a Scope, so no store function can be called
 * without it. The kernel knows only the shape; the governance module decides what an actor may see.
 */
export type Purpose = 'direct_care' | 'planning' | 'administration';

export interface Actor {
  /** Staff id, or the operator id for the CLI. */
  id: string;
  displayName: string;
  /** Employing organisation (ODS-shaped code); distinct from teams. */
  orgCode: string;
  role: string;
  teamCodes: readonly string[];
  purpose: Purpose;
  /** 'session' for signed-in users, 'cli' for the local operator, 'system' for internal jobs. */
  channel: 'session' | 'cli' | 'system';
  /**
   * Staff of a partner whose view of the place is read-only (care providers and voluntary
   * organisations): they read what the access rules allow and write no personal data.
   */
  readOnly?: boolean | undefined;
}

/** Categories of personal data; some are restricted to named roles (see governance access policy). */
export const DATA_CATEGORIES = [
  'demographics', 'primary_care', 'acute', 'community', 'mental_health', 'urgent_care', 'social_care',
  'safeguarding', 'sexual_health',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** The categories of care records a care relationship opens (not demographics, nor the restricted safeguarding and sexual health kinds). */
export const CARE_RECORD_CATEGORIES: readonly DataCategory[] = ['primary_care', 'acute', 'community', 'social_care', 'urgent_care', 'mental_health'];
