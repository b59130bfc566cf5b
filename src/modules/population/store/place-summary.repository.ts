import { sql, type RawBuilder } from 'kysely';
import type { ActivityKind } from '../domain/activity.ts';
import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { PopulationTables } from './population.tables.ts';
import type { PlaceCounts } from '../domain/place-counts.ts';

export type { PlaceCounts };

type Handle = Database | Tx;

const yearsBefore = (isoDate: string, years: number) => `${Number(isoDate.slice(0, 4)) - years}${isoDate.slice(4, 10)}`;

/** Restricts what is counted (planning uses leave out persons with the national data opt-out). */
export interface CountFilter {
  person: RawBuilder<boolean>;
  activity: (kind: ActivityKind) => RawBuilder<boolean>;
}

/** The place's headline figures as at a date (living people; activity in the 12 months to that date). */
export async function countPlace(db: Handle, asOf: string, filter?: CountFilter): Promise<PlaceCounts> {
  const k = tables<PopulationTables>(db);
  const from = yearsBefore(asOf, 1);
  const to = `${asOf}T99`; // includes instants on the last day
  const n = (v: unknown) => Number(v ?? 0);
  const inWindow = (column: string) => sql<boolean>`${sql.ref(column)} >= ${from} and ${sql.ref(column)} <= ${to}`;

  const people = await k.selectFrom('person').select([
    (eb) => eb.fn.countAll().as('people'),
    sql<number>`sum(case when date_of_death is null then 1 else 0 end)`.as('living'),
    sql<number>`sum(case when date_of_death is null and date_of_birth <= ${yearsBefore(asOf, 65)} then 1 else 0 end)`.as('aged65'),
    sql<number>`sum(case when date_of_death is null and date_of_birth <= ${yearsBefore(asOf, 85)} then 1 else 0 end)`.as('aged85'),
    sql<number>`count(distinct gp_practice_code)`.as('practices'),
  ]).$if(filter !== undefined, (q) => q.where(filter!.person)).executeTakeFirstOrThrow();

  const localities = await k.selectFrom('locality')
    .leftJoin('person', (j) => {
      const joined = j.onRef('person.locality_code', '=', 'locality.code').on('person.date_of_death', 'is', null);
      return filter ? joined.on(filter.person) : joined;
    })
    .select(['locality.code', 'locality.name', (eb) => eb.fn.count('person.id').as('people')])
    .groupBy(['locality.code', 'locality.name']).orderBy('locality.name').execute();

  const count = async (table: keyof PopulationTables, column: string, extra?: (q: any) => any) => {
    let q: any = k.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where(inWindow(column));
    if (filter) q = q.where(filter.activity(table as ActivityKind));
    if (extra) q = extra(q);
    return n((await q.executeTakeFirstOrThrow()).n);
  };
  const emergency = (q: any) => q.where('admission_method', 'like', '2%');
  const elective = (q: any) => q.where('admission_method', 'not like', '2%');

  const [gpEvents, emergencyAdmissions, electiveAdmissions, aeAttendances, outpatientAppointments, communityContacts, urgentCareContacts, socialCareRequests] = await Promise.all([
    count('gp_event', 'event_date'),
    count('apc_spell', 'admission_date', emergency),
    count('apc_spell', 'admission_date', elective),
    count('ae_attendance', 'arrival_at'),
    count('op_appointment', 'appointment_date'),
    count('community_contact', 'contact_date'),
    count('urgent_care_contact', 'contact_at'),
    count('social_care_event', 'event_start_date', (q) => q.where('event_type', '=', 'Request')),
  ]);

  const longTerm = await k.selectFrom('social_care_event')
    .select([sql<number>`count(distinct person_id)`.as('people'), sql<number>`sum(weekly_cost_pence)`.as('weekly')])
    .where('event_type', '=', 'Service').where(sql`lower(service_type)`, 'like', 'long term%')
    .where('event_start_date', '<=', asOf)
    .where((eb) => eb.or([eb('event_end_date', 'is', null), eb('event_end_date', '>=', asOf)]))
    .$if(filter !== undefined, (q) => q.where(filter!.activity('social_care_event')))
    .executeTakeFirstOrThrow();

  const sumCost = async (table: 'apc_spell' | 'ae_attendance' | 'op_appointment', column: string) =>
    n((await k.selectFrom(table).select(sql<number>`sum(cost_pence)`.as('c')).where(inWindow(column))
      .$if(filter !== undefined, (q) => q.where(filter!.activity(table))).executeTakeFirstOrThrow()).c);
  const hospitalCost = (await sumCost('apc_spell', 'admission_date')) + (await sumCost('ae_attendance', 'arrival_at')) + (await sumCost('op_appointment', 'appointment_date'));

  return {
    people: n(people.people), living: n(people.living), aged65Plus: n(people.aged65), aged85Plus: n(people.aged85), gpPractices: n(people.practices),
    localities: localities.map((l) => ({ code: l.code, name: l.name, people: n(l.people) })),
    activityLast12Months: { gpEvents, emergencyAdmissions, electiveAdmissions, aeAttendances, outpatientAppointments, communityContacts, urgentCareContacts, socialCareRequests },
    socialCare: { peopleWithLongTermSupport: n(longTerm.people), weeklyCostPence: n(longTerm.weekly) },
    hospitalCostLast12MonthsPence: hospitalCost,
  };
}
