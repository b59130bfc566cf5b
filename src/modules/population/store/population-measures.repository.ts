import type { RawBuilder } from 'kysely';
import { addDays } from '../../../kernel/dates.ts';
import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { PopulationTables } from './population.tables.ts';

/**
 * Reads for measures over many people (population analytics): activity of several kinds counted in
 * date windows, the demographics of everyone an actor may count, deaths in a period, and identities
 * of a list of persons. Each query takes the access predicates as arguments, so they are part of the
 * WHERE clause (never a post-filter); services build them from the actor's Scope.
 */
type Handle = Database | Tx;

/** An inclusive range of ISO dates. */
export interface DateWindow {
  from: string;
  to: string;
}

/** The whole span of the windows, as bounds for ISO dates and instants alike: from ≤ x < toExclusive. */
function span(windows: readonly DateWindow[]): { from: string; toExclusive: string } {
  let from = windows[0]!.from, to = windows[0]!.to;
  for (const w of windows) {
    if (w.from < from) from = w.from;
    if (w.to > to) to = w.to;
  }
  return { from, toExclusive: addDays(to, 1) };
}

/** A&E attendances (arrival instant) with their person, in the span of the windows. */
export async function listAttendanceDays(db: Handle, windows: readonly DateWindow[], visible: RawBuilder<boolean>): Promise<Array<{ personId: number; day: string }>> {
  const { from, toExclusive } = span(windows);
  const rows = await tables<PopulationTables>(db).selectFrom('ae_attendance').select(['person_id', 'arrival_at'])
    .where('arrival_at', '>=', from).where('arrival_at', '<', toExclusive).where(visible).execute();
  return rows.map((r) => ({ personId: Number(r.person_id), day: String(r.arrival_at).slice(0, 10) }));
}

/** Hospital spells admitted on or before the span's end and not discharged before its start. */
export async function listSpellsOverlapping(db: Handle, windows: readonly DateWindow[], visible: RawBuilder<boolean>): Promise<Array<{
  personId: number; admissionDate: string; dischargeDate: string | null; admissionMethod: string;
}>> {
  const { from, toExclusive } = span(windows);
  const rows = await tables<PopulationTables>(db).selectFrom('apc_spell').select(['person_id', 'admission_date', 'discharge_date', 'admission_method'])
    .where('admission_date', '<', toExclusive)
    .where((eb) => eb.or([eb('discharge_date', 'is', null), eb('discharge_date', '>=', from)]))
    .where(visible).execute();
  return rows.map((r) => ({ personId: Number(r.person_id), admissionDate: r.admission_date, dischargeDate: r.discharge_date, admissionMethod: r.admission_method }));
}

/** Adult social care services (CLD 'Service' events) open at some time in the span, with their weekly cost. */
export async function listServicesOverlapping(db: Handle, windows: readonly DateWindow[], visible: RawBuilder<boolean>): Promise<Array<{
  personId: number; startDate: string; endDate: string | null; clientType: string; weeklyCostPence: number | null;
}>> {
  const { from, toExclusive } = span(windows);
  const rows = await tables<PopulationTables>(db).selectFrom('social_care_event')
    .select(['person_id', 'event_start_date', 'event_end_date', 'client_type', 'weekly_cost_pence'])
    .where('event_type', '=', 'Service').where('event_start_date', '<', toExclusive)
    .where((eb) => eb.or([eb('event_end_date', 'is', null), eb('event_end_date', '>=', from)]))
    .where(visible).execute();
  return rows.map((r) => ({
    personId: Number(r.person_id), startDate: r.event_start_date, endDate: r.event_end_date, clientType: r.client_type,
    weeklyCostPence: r.weekly_cost_pence === null ? null : Number(r.weekly_cost_pence),
  }));
}

export interface PersonDemographicsRow {
  id: number;
  dateOfBirth: string | null;
  sex: string;
  dateOfDeath: string | null;
  localityCode: string | null;
  gpPracticeCode: string | null;
}

/** Every person `visible` lets through, without identities, in id order. */
export async function listDemographics(db: Handle, visible: RawBuilder<boolean> | undefined): Promise<PersonDemographicsRow[]> {
  let q = tables<PopulationTables>(db).selectFrom('person').select(['id', 'date_of_birth', 'sex', 'date_of_death', 'locality_code', 'gp_practice_code']);
  if (visible) q = q.where(visible);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({
    id: Number(r.id), dateOfBirth: r.date_of_birth, sex: r.sex, dateOfDeath: r.date_of_death, localityCode: r.locality_code, gpPracticeCode: r.gp_practice_code,
  }));
}

/** Persons who died in [from, to] (inclusive ISO dates), without identities. */
export async function listDeathsBetween(db: Handle, from: string, to: string, visible: RawBuilder<boolean> | undefined): Promise<PersonDemographicsRow[]> {
  let q = tables<PopulationTables>(db).selectFrom('person').select(['id', 'date_of_birth', 'sex', 'date_of_death', 'locality_code', 'gp_practice_code'])
    .where('date_of_death', '>=', from).where('date_of_death', '<=', to);
  if (visible) q = q.where(visible);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: Number(r.id), dateOfBirth: r.date_of_birth, sex: r.sex, dateOfDeath: r.date_of_death, localityCode: r.locality_code, gpPracticeCode: r.gp_practice_code,
  }));
}

export interface PersonIdentityRow {
  id: number;
  nhsNumber: string | null;
  givenName: string | null;
  familyName: string | null;
}

/** Names and NHS numbers of the listed persons `visible` lets through. */
export async function listIdentities(db: Handle, ids: readonly number[], visible: RawBuilder<boolean>): Promise<PersonIdentityRow[]> {
  const out: PersonIdentityRow[] = [];
  for (let start = 0; start < ids.length; start += 1_000) {
    const rows = await tables<PopulationTables>(db).selectFrom('person').select(['id', 'nhs_number', 'given_name', 'family_name'])
      .where('id', 'in', ids.slice(start, start + 1_000)).where(visible).execute();
    for (const r of rows) out.push({ id: Number(r.id), nhsNumber: r.nhs_number, givenName: r.given_name, familyName: r.family_name });
  }
  return out;
}

export async function listLocalityRows(db: Handle): Promise<Array<{ code: string; name: string }>> {
  return tables<PopulationTables>(db).selectFrom('locality').select(['code', 'name']).orderBy('code').execute();
}
