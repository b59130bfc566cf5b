import type { Scope } from '../../../kernel/access/scope.ts';
import { tables } from '../../../kernel/db/database.ts';
import { igError } from './ig-errors.ts';
import { IG_MANAGER_ROLES } from './ig-roles.ts';
import type { RegisterTables } from './registers.tables.ts';

/**
 * Person-level checks for the registers, beyond the role rules of ig-roles.ts:
 * - Care roles act on a person's consents only with a legitimate care relationship (their team's open
 *   case, referral or episode, their registered GP practice, or their own unexpired break-glass) —
 *   the same relationship the access filter requires to read the person's records. IG leads and
 *   administrators manage any person's consents (the IG consent screen).
 * - Staff of read-only partners write no personal data.
 * Each refusal is audited before it is thrown.
 */
export async function requireCareRelationship(scope: Scope, personId: number, resource: string, what: string): Promise<void> {
  if (IG_MANAGER_ROLES.includes(scope.actor.role)) return;
  const related = (await tables<RegisterTables>(scope.db).selectFrom('person').select('id')
    .where('id', '=', personId).where(scope.access.careRelationship('person.id')).executeTakeFirst()) !== undefined;
  if (related) return;
  await scope.audit.record(scope.actor, [{ action: 'write', resource, personId, outcome: 'denied', detail: `no care relationship: may not ${what}` }]);
  throw igError('NO_CARE_RELATIONSHIP', `You have no care relationship with this person, so you may not ${what}. Their care team, their GP practice or information governance can.`);
}

export async function requireWritable(scope: Scope, personId: number | undefined, resource: string, what: string): Promise<void> {
  if (!scope.actor.readOnly) return;
  await scope.audit.record(scope.actor, [{ action: 'write', resource, personId, outcome: 'denied', detail: `read-only partner: may not ${what}` }]);
  throw igError('READ_ONLY', `Your organisation has read-only access in this place, so you may not ${what}.`);
}

