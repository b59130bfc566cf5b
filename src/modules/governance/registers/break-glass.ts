import { igError } from './ig-errors.ts';

/**
 * Break-glass: someone without a care relationship opens a person's record in an emergency, giving a
 * reason. Until expires_at it counts as a relationship of that staff member with that person (the
 * access filter reads break_glass directly); every opening waits in the IG review queue until an IG
 * lead marks it appropriate or inappropriate.
 */
export const BREAK_GLASS_REVIEW_STATUSES = ['open', 'appropriate', 'inappropriate'] as const;
export type BreakGlassReviewStatus = (typeof BREAK_GLASS_REVIEW_STATUSES)[number];
export type BreakGlassDecision = Exclude<BreakGlassReviewStatus, 'open'>;

export const DEFAULT_BREAK_GLASS_HOURS = 4;
export const MIN_BREAK_GLASS_REASON = 10;
export const MAX_BREAK_GLASS_REASON = 2000;

export interface BreakGlass {
  id: number;
  personId: number;
  staffId: string;
  /** The staff member's name, when listed for review. */
  staffName?: string | null | undefined;
  orgCode: string;
  reason: string;
  openedAt: string;
  expiresAt: string;
  /** Still giving access at the time asked about. */
  active: boolean;
  reviewStatus: BreakGlassReviewStatus;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
}

export function validateBreakGlassReason(raw: string | undefined | null): string {
  const reason = (raw ?? '').trim();
  if (reason.length < MIN_BREAK_GLASS_REASON) {
    throw igError('BREAK_GLASS_REASON', `Give the reason for break-glass access in at least ${MIN_BREAK_GLASS_REASON} characters: it is reviewed by the IG lead.`);
  }
  if (reason.length > MAX_BREAK_GLASS_REASON) throw igError('BREAK_GLASS_REASON', `Keep the reason under ${MAX_BREAK_GLASS_REASON} characters.`);
  return reason;
}

export function breakGlassExpiry(openedAt: Date, hours = DEFAULT_BREAK_GLASS_HOURS): string {
  if (!(hours > 0 && hours <= 72)) throw igError('BREAK_GLASS_REASON', 'Break-glass access lasts between a few minutes and 72 hours.');
  return new Date(openedAt.getTime() + hours * 3_600_000).toISOString();
}
