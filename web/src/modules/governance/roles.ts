/**
 * Names of roles, purposes, categories and audit terms as people read them, and which roles may use
 * which IG screens (the governance module's own rules, so screen and API cannot drift). The API still
 * decides; a screen that gets a 403 says so.
 */
import { DATA_CATEGORIES } from '../../../../src/kernel/access/actor.ts';
import { mayManageConsents, mayOpenBreakGlass, maySearchAudit } from '../../../../src/modules/governance/registers/ig-roles.ts';

export const ROLE_LABELS: Record<string, string> = {
  spa_call_handler: 'SPA call handler',
  triage_clinician: 'Triage clinician',
  care_coordinator: 'Care coordinator',
  social_worker: 'Social worker',
  gp: 'GP',
  community_nurse: 'Community nurse',
  occupational_therapist: 'Occupational therapist',
  link_worker: 'Link worker',
  commissioner: 'Commissioner',
  analyst: 'Analyst',
  ig_lead: 'Information governance lead',
  administrator: 'Administrator',
  operator: 'Local operator',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? humanise(role);
}

export const PURPOSE_LABELS: Record<string, string> = {
  direct_care: 'Direct care',
  planning: 'Planning',
  administration: 'Administration',
};

export function purposeLabel(purpose: string): string {
  return PURPOSE_LABELS[purpose] ?? humanise(purpose);
}

/** The data categories of src/kernel/access/actor.ts, in the same order. */
export const CATEGORY_LABELS: Record<string, string> = {
  demographics: 'Demographics',
  primary_care: 'Primary care',
  acute: 'Acute (hospital)',
  community: 'Community',
  mental_health: 'Mental health',
  urgent_care: 'Urgent care',
  social_care: 'Social care',
  safeguarding: 'Safeguarding',
  sexual_health: 'Sexual health',
};

export { DATA_CATEGORIES };

export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category] ?? humanise(category);
}

const ACTION_LABELS: Record<string, string> = {
  read: 'Read', search: 'Search', write: 'Write', export: 'Export', break_glass: 'Break-glass',
  sign_in: 'Sign in', sign_out: 'Sign out', admin: 'Administration',
};

export const AUDIT_ACTIONS = Object.keys(ACTION_LABELS);

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? humanise(action);
}

/** 'some_code' → 'Some code'. */
export function humanise(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : code;
}

/** The IG screens (agreements, break-glass review, audit search) are for IG leads and administrators. */
export const mayUseIgScreens = (role: string) => maySearchAudit(role);
/** A person's access log (who has looked at the record); other roles are not asked, so no refusal is audited. */
export const mayReadAccessLog = (role: string) => maySearchAudit(role);
export { mayManageConsents, mayOpenBreakGlass };
