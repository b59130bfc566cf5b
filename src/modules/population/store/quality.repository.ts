import { sql } from 'kysely';
import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import { ACTIVITY_KINDS, type ActivityKind } from '../domain/activity.ts';
import type { PopulationTables } from './population.tables.ts';

type Handle = Database | Tx;

export interface QualityCounts {
  persons: number;
  filled: Record<'nhsNumber' | 'dateOfBirth' | 'postcode' | 'lsoaCode' | 'gpPracticeCode' | 'name' | 'sexKnown', number>;
  datesOfBirthInFuture: number;
  deathBeforeBirth: number;
  identifiersByMethod: Record<string, number>;
  possibleDuplicates: { open: number; reviewed: number };
  sameNameAndBirthPairs: number;
  activityByKind: Record<ActivityKind, number>;
  activityForPersonsWithNhsNumber: Record<ActivityKind, number>;
  personsWithActivityIn: { gp: number; hospital: number; socialCare: number; gpAndHospitalAndSocialCare: number };
  imports: { runs: number; loaded: number; duplicates: number; quarantined: number; skipped: number; interrupted: number };
  topQuarantineReasons: { reason: string; rows: number }[];
}

export async function countQuality(db: Handle, today: string): Promise<QualityCounts> {
  const k = tables<PopulationTables>(db);
  const n = (v: unknown) => Number(v ?? 0);
  const filled = (column: string) => sql<number>`sum(case when ${sql.ref(column)} is not null and ${sql.ref(column)} <> '' then 1 else 0 end)`;
  const p = await k.selectFrom('person').select([
    (eb) => eb.fn.countAll().as('persons'),
    filled('nhs_number').as('nhs'), filled('date_of_birth').as('dob'), filled('postcode').as('postcode'), filled('lsoa_code').as('lsoa'),
    filled('gp_practice_code').as('gp'), sql<number>`sum(case when family_name is not null and given_name is not null then 1 else 0 end)`.as('name'),
    sql<number>`sum(case when sex <> 'X' then 1 else 0 end)`.as('sex'),
    sql<number>`sum(case when date_of_birth > ${today} then 1 else 0 end)`.as('future'),
    sql<number>`sum(case when date_of_death < date_of_birth then 1 else 0 end)`.as('deathBeforeBirth'),
  ]).executeTakeFirstOrThrow();

  const methods = await k.selectFrom('person_identifier').select(['match_method', (eb) => eb.fn.countAll().as('n')]).groupBy('match_method').execute();
  const dups = await k.selectFrom('possible_duplicate').select([
    sql<number>`sum(case when status = 'open' then 1 else 0 end)`.as('open'),
    sql<number>`sum(case when status <> 'open' then 1 else 0 end)`.as('reviewed'),
  ]).executeTakeFirstOrThrow();
  const samePairs = await sql<{ n: number }>`select count(*) as n from (
      select lower(family_name) f, lower(given_name) g, date_of_birth d from person
      where family_name is not null and given_name is not null and date_of_birth is not null
      group by lower(family_name), lower(given_name), date_of_birth having count(*) > 1) t`.execute(db.kysely);

  const activityByKind = {} as Record<ActivityKind, number>;
  const withNhs = {} as Record<ActivityKind, number>;
  await Promise.all(ACTIVITY_KINDS.map(async (kind) => {
    const row = await sql<{ total: number; nhs: number }>`select count(*) as total,
        sum(case when p.nhs_number is not null then 1 else 0 end) as nhs
      from ${sql.table(kind)} a join person p on p.id = a.person_id`.execute(db.kysely);
    activityByKind[kind] = n(row.rows[0]?.total);
    withNhs[kind] = n(row.rows[0]?.nhs);
  }));

  const reach = await sql<{ gp: number; hospital: number; social: number; all3: number }>`
    select sum(gp) as gp, sum(hospital) as hospital, sum(social) as social, sum(gp * hospital * social) as all3 from (
      select p.id,
        case when exists (select 1 from gp_event e where e.person_id = p.id) then 1 else 0 end as gp,
        case when exists (select 1 from apc_spell s where s.person_id = p.id)
          or exists (select 1 from ae_attendance a where a.person_id = p.id)
          or exists (select 1 from op_appointment o where o.person_id = p.id) then 1 else 0 end as hospital,
        case when exists (select 1 from social_care_event c where c.person_id = p.id) then 1 else 0 end as social
      from person p) t`.execute(db.kysely);

  const runs = await k.selectFrom('import_run').select([
    (eb) => eb.fn.countAll().as('runs'), sql<number>`sum(loaded)`.as('loaded'), sql<number>`sum(duplicates)`.as('duplicates'),
    sql<number>`sum(quarantined)`.as('quarantined'), sql<number>`sum(skipped)`.as('skipped'),
    sql<number>`sum(case when status = 'running' then 1 else 0 end)`.as('interrupted'),
  ]).executeTakeFirstOrThrow();
  // Reasons carry the offending value after a colon or quote; group on the general part.
  const reasons = await k.selectFrom('import_quarantine').select(['reason', (eb) => eb.fn.countAll().as('n')])
    .groupBy('reason').orderBy('n', 'desc').limit(10).execute();

  const r = reach.rows[0];
  return {
    persons: n(p.persons),
    filled: { nhsNumber: n(p.nhs), dateOfBirth: n(p.dob), postcode: n(p.postcode), lsoaCode: n(p.lsoa), gpPracticeCode: n(p.gp), name: n(p.name), sexKnown: n(p.sex) },
    datesOfBirthInFuture: n(p.future),
    deathBeforeBirth: n(p.deathBeforeBirth),
    identifiersByMethod: Object.fromEntries(methods.map((m) => [m.match_method, n(m.n)])),
    possibleDuplicates: { open: n(dups.open), reviewed: n(dups.reviewed) },
    sameNameAndBirthPairs: n(samePairs.rows[0]?.n),
    activityByKind,
    activityForPersonsWithNhsNumber: withNhs,
    personsWithActivityIn: { gp: n(r?.gp), hospital: n(r?.hospital), socialCare: n(r?.social), gpAndHospitalAndSocialCare: n(r?.all3) },
    imports: { runs: n(runs.runs), loaded: n(runs.loaded), duplicates: n(runs.duplicates), quarantined: n(runs.quarantined), skipped: n(runs.skipped), interrupted: n(runs.interrupted) },
    topQuarantineReasons: reasons.map((x) => ({ reason: x.reason, rows: n(x.n) })),
  };
}
