import { sql, type RawBuilder } from 'kysely';
import type { DataCategory } from '../../../kernel/access/actor.ts';
import type { AccessFilter } from '../../../kernel/access/scope.ts';
import type { ActivityKind } from '../domain/activity.ts';

/** The data category of each kind of activity, which decides who may read it. */
export const CATEGORY_BY_KIND: Record<Exclude<ActivityKind, 'community_contact'>, DataCategory> = {
  gp_event: 'primary_care',
  gp_medication: 'primary_care',
  apc_spell: 'acute',
  ae_attendance: 'acute',
  op_appointment: 'acute',
  urgent_care_contact: 'urgent_care',
  social_care_event: 'social_care',
};

/**
 * The access predicate for rows of one activity table (community contacts split by setting: mental
 * health is restricted). 'record' checks everything; 'source' leaves out the care relationship, for
 * one person's rows once the relationship has been checked.
 */
export function activityVisible(access: AccessFilter, kind: ActivityKind, mode: 'record' | 'source' = 'record', personHasObjections = true): RawBuilder<boolean> {
  let byKey = built.get(access);
  if (!byKey) built.set(access, (byKey = new Map()));
  const key = `${kind}|${mode}|${personHasObjections}`;
  let predicate = byKey.get(key);
  if (!predicate) byKey.set(key, (predicate = buildActivityVisible(access, kind, mode, personHasObjections)));
  return predicate;
}

// Predicates are immutable: one per filter, kind and mode, reused while the filter is.
const built = new WeakMap<AccessFilter, Map<string, RawBuilder<boolean>>>();

function buildActivityVisible(access: AccessFilter, kind: ActivityKind, mode: 'record' | 'source', personHasObjections: boolean): RawBuilder<boolean> {
  const person = `${kind}.person_id`;
  const source = `${kind}.source_org`;
  const visible = (category: DataCategory) => (mode === 'record' ? access.recordVisible(person, source, category) : access.sourceVisible(person, source, category, { personHasObjections }));
  if (kind === 'community_contact') {
    return sql<boolean>`((community_contact.setting = 'mental_health' and ${visible('mental_health')})
      or (community_contact.setting <> 'mental_health' and ${visible('community')}))`;
  }
  return visible(CATEGORY_BY_KIND[kind]);
}
