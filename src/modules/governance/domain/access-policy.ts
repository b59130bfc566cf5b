import type { Actor, DataCategory, Purpose } from '../../../kernel/access/actor.ts';
import type { StaffRole } from './organisation.ts';

/**
 * Who may see what, and why: the access policy as data and one pure decision function. The SQL
 * filter in access/access-filter.ts compiles the same rules into queries; tests hold the two to the
 * same worked cases.
 *
 * Rules (Caldicott principles, UK GDPR Art. 6/9, the national data opt-out):
 * 1. A role reads only the categories it needs (restricted categories — mental health, safeguarding,
 *    sexual health — only for the named roles below).
 * 2. Direct care needs a legitimate relationship: an open case, referral or episode of one of the
 *    actor's teams; the person's registered GP practice being the actor's organisation; or an
 *    unexpired break-glass the actor opened with a reason. Roles at the front door ("no wrong door")
 *    may find anyone by demographics to start a contact, but see no record without a relationship.
 * 3. Records from another organisation are shared only under a data sharing agreement in force that
 *    names both organisations and covers the category and purpose.
 * 4. A person's objection to sharing keeps their records with the organisation that made them; a
 *    category restriction does the same for one category.
 * 5. Planning (analysts, commissioners) sees pseudonymised keys and suppressed aggregates only, never
 *    identities, and never persons with the national data opt-out.
 */
export interface RolePolicy {
  purpose: Purpose;
  categories: readonly DataCategory[];
  /** May look anyone up by demographics (to start a contact or referral). */
  findAnyPerson: boolean;
}

const CLINICAL: DataCategory[] = ['demographics', 'primary_care', 'acute', 'community', 'urgent_care', 'social_care'];

export const ROLE_POLICIES: Record<StaffRole, RolePolicy> = {
  spa_call_handler: { purpose: 'direct_care', categories: ['demographics', 'community', 'urgent_care', 'social_care'], findAnyPerson: true },
  triage_clinician: { purpose: 'direct_care', categories: [...CLINICAL, 'mental_health'], findAnyPerson: true },
  care_coordinator: { purpose: 'direct_care', categories: [...CLINICAL, 'mental_health', 'safeguarding'], findAnyPerson: true },
  social_worker: { purpose: 'direct_care', categories: [...CLINICAL, 'safeguarding'], findAnyPerson: true },
  gp: { purpose: 'direct_care', categories: [...CLINICAL, 'mental_health', 'safeguarding', 'sexual_health'], findAnyPerson: true },
  community_nurse: { purpose: 'direct_care', categories: [...CLINICAL, 'mental_health'], findAnyPerson: false },
  occupational_therapist: { purpose: 'direct_care', categories: CLINICAL, findAnyPerson: false },
  link_worker: { purpose: 'direct_care', categories: ['demographics', 'community', 'social_care'], findAnyPerson: false },
  commissioner: { purpose: 'planning', categories: CLINICAL, findAnyPerson: false },
  analyst: { purpose: 'planning', categories: [...CLINICAL, 'mental_health'], findAnyPerson: false },
  ig_lead: { purpose: 'administration', categories: [], findAnyPerson: false },
  administrator: { purpose: 'administration', categories: [], findAnyPerson: false },
};

/**
 * Partners whose staff have a read-only view: they may read shared records under the agreements (to
 * care for the person in front of them) but record nothing in the place's shared registers. The
 * statutory and NHS partners who hold the records write; care homes, home care agencies and
 * voluntary organisations read.
 */
export const READ_ONLY_ORGANISATION_TYPES: readonly string[] = ['care_provider', 'voluntary_organisation'];

export const isReadOnlyOrganisationType = (type: string | null | undefined): boolean => type != null && READ_ONLY_ORGANISATION_TYPES.includes(type);

export function rolePolicy(role: string): RolePolicy {
  return (ROLE_POLICIES as Record<string, RolePolicy | undefined>)[role] ?? { purpose: 'administration', categories: [], findAnyPerson: false };
}

/** Which other organisations' records of which categories an organisation may see, and for what. */
export interface SharingGrant { sourceOrg: string; categories: readonly DataCategory[]; purposes: readonly Purpose[] }

export interface PersonConsentFact {
  kind: 'national_data_opt_out' | 'objection_to_sharing' | 'consent_to_share' | 'restrict_category';
  orgCode?: string | null | undefined;
  category?: DataCategory | null | undefined;
}

/** Everything known about one record request, gathered by the caller. */
export interface RecordFacts {
  category: DataCategory;
  sourceOrg: string | null;
  /** Team codes with an open care relationship with the person. */
  openRelationshipTeams: readonly string[];
  registeredPracticeCode?: string | null | undefined;
  breakGlassActive: boolean;
  consents: readonly PersonConsentFact[];
  grants: readonly SharingGrant[];
}

export type AccessBasis = 'care_relationship' | 'registered_practice' | 'break_glass' | 'find_any_person' | 'planning';

export type AccessDecision =
  | { allowed: true; basis: AccessBasis; reason: string }
  | { allowed: false; reason: string };

export function personRelationshipBasis(actor: Actor, facts: Pick<RecordFacts, 'category' | 'openRelationshipTeams' | 'registeredPracticeCode' | 'breakGlassActive'>): AccessBasis | undefined {
  if (facts.openRelationshipTeams.some((team) => actor.teamCodes.includes(team))) return 'care_relationship';
  if (facts.registeredPracticeCode && facts.registeredPracticeCode === actor.orgCode) return 'registered_practice';
  if (facts.breakGlassActive) return 'break_glass';
  if (facts.category === 'demographics' && rolePolicy(actor.role).findAnyPerson) return 'find_any_person';
  return undefined;
}

export function sharingCovers(actor: Actor, sourceOrg: string | null, category: DataCategory, grants: readonly SharingGrant[]): boolean {
  if (sourceOrg === null) return false;
  if (sourceOrg === actor.orgCode) return true;
  return grants.some((g) => g.sourceOrg === sourceOrg && g.categories.includes(category) && g.purposes.includes(actor.purpose));
}

export function objectionBlocks(actor: Actor, sourceOrg: string | null, category: DataCategory, consents: readonly PersonConsentFact[]): PersonConsentFact | undefined {
  if (sourceOrg !== null && sourceOrg === actor.orgCode) return undefined;
  return consents.find((c) =>
    (c.kind === 'objection_to_sharing' && (!c.orgCode || c.orgCode === actor.orgCode)) ||
    (c.kind === 'restrict_category' && c.category === category));
}

/** The decision for one record, with the basis or the reason for refusal in words an IG lead can check. */
export function decideRecordAccess(actor: Actor, facts: RecordFacts): AccessDecision {
  const policy = rolePolicy(actor.role);
  if (!policy.categories.includes(facts.category)) return { allowed: false, reason: `the ${actor.role} role does not read ${facts.category} records` };
  if (actor.purpose === 'administration') return { allowed: false, reason: 'administration roles do not read personal records' };
  if (actor.purpose === 'planning') {
    if (facts.consents.some((c) => c.kind === 'national_data_opt_out')) return { allowed: false, reason: 'the person has registered a national data opt-out' };
    if (!sharingCovers(actor, facts.sourceOrg, facts.category, facts.grants)) return { allowed: false, reason: `no data sharing agreement in force covers ${facts.category} records from ${facts.sourceOrg ?? 'an unknown source'} for planning` };
    return { allowed: true, basis: 'planning', reason: 'planning use of pseudonymised data under an agreement in force' };
  }
  const basis = personRelationshipBasis(actor, facts);
  if (!basis) return { allowed: false, reason: 'no care relationship with the person (an open case, referral or episode of your team, their GP practice, or break-glass)' };
  if (facts.category === 'demographics') return { allowed: true, basis, reason: describeBasis(basis) };
  if (basis === 'find_any_person') return { allowed: false, reason: 'finding a person does not open their records: a care relationship is needed' };
  if (!sharingCovers(actor, facts.sourceOrg, facts.category, facts.grants)) {
    return { allowed: false, reason: `no data sharing agreement in force lets ${actor.orgCode} see ${facts.category} records from ${facts.sourceOrg ?? 'an unknown source'} for direct care` };
  }
  const objection = objectionBlocks(actor, facts.sourceOrg, facts.category, facts.consents);
  if (objection) return { allowed: false, reason: objection.kind === 'objection_to_sharing' ? 'the person objects to sharing their records beyond the organisation that holds them' : `the person has restricted sharing of ${facts.category} records` };
  return { allowed: true, basis, reason: describeBasis(basis) };
}

function describeBasis(basis: AccessBasis): string {
  switch (basis) {
    case 'care_relationship': return 'open care relationship with one of your teams';
    case 'registered_practice': return 'registered with your GP practice';
    case 'break_glass': return 'break-glass access opened with a reason';
    case 'find_any_person': return 'finding a person at the front door';
    case 'planning': return 'planning use';
  }
}
