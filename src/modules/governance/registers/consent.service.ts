import { describeConsent, validateConsentInput, type Consent, type ConsentInput } from './consent.ts';
import { findActiveConsentLike, findConsent, insertConsent, markConsentWithdrawn, selectConsents } from './consent.repository.ts';
import { igError } from './ig-errors.ts';
import { knownOrganisations } from './agreement.repository.ts';
import { personExists } from './person-lookup.repository.ts';
import type { Scope } from '../../../kernel/access/scope.ts';
import { audit, inUnitOfWork } from './register-scope.ts';
import { requireCareRelationship, requireWritable } from './person-access.ts';

/**
 * Consent and objections: record, withdraw and list for a person; every call is audited against the
 * person. Care roles need a care relationship with the person (IG leads and administrators manage
 * anyone's), and staff of read-only partners may list but not record or withdraw.
 */
export interface ConsentOptions { now?: Date | undefined }

async function requirePerson(scope: Scope, personId: number, what: string): Promise<void> {
  if (!(await personExists(scope.db, personId))) throw igError('PERSON_NOT_FOUND', `There is no person ${personId} in the index.`);
  await requireCareRelationship(scope, personId, 'governance.consent', what);
}

export async function recordConsent(scope: Scope, personId: number, input: ConsentInput, options: ConsentOptions = {}): Promise<Consent> {
  const valid = validateConsentInput(input);
  await requireWritable(scope, personId, 'governance.consent', 'record consents or objections');
  await requirePerson(scope, personId, "record this person's consents or objections");
  if (valid.orgCode && !(await knownOrganisations(scope.db, [valid.orgCode])).has(valid.orgCode)) {
    throw igError('UNKNOWN_ORGANISATION', `Unknown organisation '${valid.orgCode}': name a partner organisation of the place.`);
  }
  const existing = await findActiveConsentLike(scope.db, personId, valid);
  if (existing) throw igError('CONSENT_ALREADY_ACTIVE', `The person already has an active ${describeConsent(valid)} (recorded ${existing.recordedAt.slice(0, 10)}).`, { consentId: existing.id });
  const now = (options.now ?? new Date()).toISOString();
  const id = await inUnitOfWork(scope.db, (tx) => insertConsent(tx, personId, valid, scope.actor.id, now));
  await audit(scope, { action: 'write', resource: 'governance.consent', personId, outcome: 'allowed', detail: `recorded ${describeConsent(valid)} (consent ${id})` });
  return (await findConsent(scope.db, id))!;
}

export async function withdrawConsent(scope: Scope, consentId: number, options: ConsentOptions = {}): Promise<Consent> {
  await requireWritable(scope, undefined, 'governance.consent', 'withdraw consents or objections');
  const consent = await findConsent(scope.db, consentId);
  if (!consent) throw igError('CONSENT_NOT_FOUND', `There is no consent or objection ${consentId}.`);
  await requireCareRelationship(scope, consent.personId, 'governance.consent', "withdraw this person's consents or objections");
  const now = (options.now ?? new Date()).toISOString();
  const changed = await inUnitOfWork(scope.db, (tx) => markConsentWithdrawn(tx, consentId, scope.actor.id, now));
  if (!changed) throw igError('CONSENT_ALREADY_WITHDRAWN', `This ${describeConsent(consent)} was already withdrawn on ${consent.withdrawnAt?.slice(0, 10) ?? 'an earlier date'}.`);
  await audit(scope, { action: 'write', resource: 'governance.consent', personId: consent.personId, outcome: 'allowed', detail: `withdrew ${describeConsent(consent)} (consent ${consentId})` });
  return (await findConsent(scope.db, consentId))!;
}

/** A person's consents and objections, newest first; withdrawn ones too when asked. */
export async function listConsents(scope: Scope, personId: number, options: { includeWithdrawn?: boolean } = {}): Promise<Consent[]> {
  await requirePerson(scope, personId, "see this person's consents and objections");
  const consents = await selectConsents(scope.db, personId, options.includeWithdrawn ?? true);
  await audit(scope, { action: 'read', resource: 'governance.consent', personId, outcome: 'allowed', detail: `${consents.length} consents and objections` });
  return consents;
}
