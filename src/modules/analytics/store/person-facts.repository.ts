import type { RawBuilder } from 'kysely';
import type { BulkTable, Cell } from '../../../kernel/db/bulk.ts';
import { insertRows } from '../../../kernel/db/bulk.ts';
import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { PersonFacts, SexCode } from '../domain/person-facts.ts';
import type { PersonProfile, ProfileScore } from '../domain/person-profile.ts';
import type { ScoreName } from '../domain/score-result.ts';
import type { AnalyticsTables, PersonFactsTable } from './analytics.tables.ts';
import type { PersonRows } from './stratification.repository.ts';

/**
 * person_facts: each person's profile (facts, score values and bands, segment, risk percentile, and
 * their risk at the previous stratification) as the latest run that recomputed them left it. The
 * stratification run writes it batch by batch with the segments (same transaction, bulk insert);
 * the API reads it back whole, once per run (services/profile-cache.service.ts).
 */
type Handle = Database | Tx;

export const PERSON_FACTS_COLUMNS: BulkTable = {
  table: 'person_facts',
  columns: [
    ['person_id', 'bigint'], ['run_id', 'bigint'], ['as_of', 'text'], ['age', 'integer'], ['sex', 'text'], ['locality_code', 'text'],
    ['gp_practice_code', 'text'], ['dead', 'integer'], ['long_term_conditions', 'text'], ['unstable_conditions', 'text'],
    ['medication_count', 'integer'], ['emergency_admissions_12m', 'integer'], ['elective_admissions_12m', 'integer'], ['bed_days_12m', 'integer'],
    ['ae_attendances_12m', 'integer'], ['outpatient_appointments_12m', 'integer'], ['falls_12m', 'integer'], ['community_contacts_12m', 'integer'],
    ['mental_health_contacts_12m', 'integer'], ['ambulance_contacts_12m', 'integer'], ['nhs111_contacts_12m', 'integer'],
    ['known_to_social_care', 'integer'], ['receiving_social_care', 'integer'], ['social_care_weekly_cost_pence', 'bigint'], ['end_of_life', 'integer'],
    ['hfrs', 'double precision'], ['hfrs_band', 'text'], ['efi', 'double precision'], ['efi_band', 'text'], ['charlson', 'integer'],
    ['charlson_band', 'text'], ['charlson_quan', 'integer'], ['charlson_quan_band', 'text'], ['lace', 'integer'], ['lace_band', 'text'],
    ['risk_value', 'double precision'], ['risk_band', 'text'], ['risk_percentile', 'double precision'], ['segment', 'text'],
    ['previous_risk_value', 'double precision'], ['previous_risk_percentile', 'double precision'], ['previous_as_of', 'text'],
  ],
};

/** The person's risk at the latest earlier-dated stratification. */
export interface PreviousRisk {
  value: number | null;
  percentile: number | null;
  asOf: string | null;
}

export const NO_PREVIOUS_RISK: PreviousRisk = { value: null, percentile: null, asOf: null };

interface StoredRisk {
  asOf: string;
  value: number | null;
  percentile: number | null;
  previous: PreviousRisk;
}

const list = (keys: readonly string[]) => keys.join(',');
const flag = (value: boolean) => (value ? 1 : 0);
const value = (score: ProfileScore | undefined) => (score === undefined ? null : score.value);
const band = (score: ProfileScore | undefined) => (score === undefined ? null : score.band);

/** One person_facts row (cells in PERSON_FACTS_COLUMNS order). */
export function personFactsRow(profile: PersonProfile, runId: number, previous: PreviousRisk): Cell[] {
  const f = profile.facts, s = profile.scores;
  return [
    f.personId, runId, f.asOf, f.age, f.sex, f.localityCode, f.gpPracticeCode, flag(f.dead), list(f.longTermConditions), list(f.unstableConditions),
    f.medicationCount, f.emergencyAdmissions12m, f.electiveAdmissions12m, f.bedDays12m, f.aeAttendances12m, f.outpatientAppointments12m, f.falls12m,
    f.communityContacts12m, f.mentalHealthContacts12m, f.ambulanceContacts12m, f.nhs111Contacts12m, flag(f.knownToSocialCare),
    flag(f.receivingSocialCare), f.socialCareWeeklyCostPence, flag(f.endOfLife),
    value(s.hfrs), band(s.hfrs), value(s.efi), band(s.efi), value(s.charlson), band(s.charlson), value(s.charlson_quan), band(s.charlson_quan),
    value(s.lace), band(s.lace), value(s.emergency_admission_risk), band(s.emergency_admission_risk), profile.riskPercentile ?? null,
    profile.segment ?? null, previous.value, previous.percentile, previous.asOf,
  ];
}

export function insertPersonFacts(tx: Tx, rows: readonly (readonly Cell[])[]): Promise<number> {
  return insertRows(tx, PERSON_FACTS_COLUMNS, rows);
}

/**
 * The stored risks of some persons (before a run replaces their rows), so the run can carry each
 * person's risk forward as their previous risk.
 */
export async function listStoredRisks(db: Handle, persons: PersonRows): Promise<Map<number, StoredRisk>> {
  let query = tables<AnalyticsTables>(db).selectFrom('person_facts')
    .select(['person_id', 'as_of', 'risk_value', 'risk_percentile', 'previous_risk_value', 'previous_risk_percentile', 'previous_as_of']);
  if (persons.kind === 'ids') {
    if (persons.ids.length === 0) return new Map();
    query = query.where('person_id', 'in', [...persons.ids]);
  } else {
    query = query.where('person_id', '>', persons.after);
    if (persons.upTo !== undefined) query = query.where('person_id', '<=', persons.upTo);
  }
  const rows = await query.execute();
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return new Map(rows.map((r) => [Number(r.person_id), {
    asOf: r.as_of, value: num(r.risk_value), percentile: num(r.risk_percentile),
    previous: { value: num(r.previous_risk_value), percentile: num(r.previous_risk_percentile), asOf: r.previous_as_of },
  }]));
}

/**
 * The previous risk to store for a person recomputed as of `asOf`: their stored risk when it is from
 * an earlier date; when it is from the same date (a re-run), what that row held as previous, so
 * re-running a date does not make everyone's previous risk their current one.
 */
export function previousRiskOf(stored: StoredRisk | undefined, asOf: string): PreviousRisk {
  if (stored === undefined) return NO_PREVIOUS_RISK;
  if (stored.asOf < asOf) return stored.value === null ? NO_PREVIOUS_RISK : { value: stored.value, percentile: stored.percentile, asOf: stored.asOf };
  return stored.previous;
}

const SCORE_COLUMNS: ReadonlyArray<readonly [ScoreName, keyof PersonFactsTable, keyof PersonFactsTable]> = [
  ['hfrs', 'hfrs', 'hfrs_band'], ['efi', 'efi', 'efi_band'], ['charlson', 'charlson', 'charlson_band'],
  ['charlson_quan', 'charlson_quan', 'charlson_quan_band'], ['lace', 'lace', 'lace_band'], ['emergency_admission_risk', 'risk_value', 'risk_band'],
];

const split = (text: string): string[] => (text === '' ? [] : text.split(','));

/** A stored row as the profile it was written from. */
export function rowToProfile(r: PersonFactsTable): PersonProfile {
  const n = (v: unknown) => Number(v);
  const facts: PersonFacts = {
    personId: n(r.person_id), asOf: r.as_of, age: r.age === null ? null : n(r.age), sex: r.sex as SexCode, localityCode: r.locality_code,
    gpPracticeCode: r.gp_practice_code, dead: n(r.dead) === 1, longTermConditions: split(r.long_term_conditions),
    unstableConditions: split(r.unstable_conditions), medicationCount: n(r.medication_count), emergencyAdmissions12m: n(r.emergency_admissions_12m),
    electiveAdmissions12m: n(r.elective_admissions_12m), bedDays12m: n(r.bed_days_12m), aeAttendances12m: n(r.ae_attendances_12m),
    outpatientAppointments12m: n(r.outpatient_appointments_12m), falls12m: n(r.falls_12m), communityContacts12m: n(r.community_contacts_12m),
    mentalHealthContacts12m: n(r.mental_health_contacts_12m), ambulanceContacts12m: n(r.ambulance_contacts_12m), nhs111Contacts12m: n(r.nhs111_contacts_12m),
    knownToSocialCare: n(r.known_to_social_care) === 1, receivingSocialCare: n(r.receiving_social_care) === 1,
    socialCareWeeklyCostPence: n(r.social_care_weekly_cost_pence), endOfLife: n(r.end_of_life) === 1,
  };
  const scores: PersonProfile['scores'] = {};
  for (const [name, valueColumn, bandColumn] of SCORE_COLUMNS) {
    const v = r[valueColumn];
    if (v !== null) scores[name] = { value: n(v), band: r[bandColumn] as string | null };
  }
  return {
    facts, scores,
    riskPercentile: r.risk_percentile === null ? undefined : n(r.risk_percentile),
    previousRiskValue: r.previous_risk_value === null ? undefined : n(r.previous_risk_value),
    previousRiskPercentile: r.previous_risk_percentile === null ? undefined : n(r.previous_risk_percentile),
    segment: r.segment ?? undefined,
  };
}

/** A page of stored profiles in person order, after a person id (keyset paging: each page is one index range). */
export async function listProfilePage(db: Handle, afterPersonId: number, limit: number): Promise<PersonProfile[]> {
  const rows = await tables<AnalyticsTables>(db).selectFrom('person_facts').selectAll()
    .where('person_id', '>', afterPersonId).orderBy('person_id').limit(limit).execute();
  return rows.map(rowToProfile);
}

export async function countProfiles(db: Handle): Promise<number> {
  const row = await tables<AnalyticsTables>(db).selectFrom('person_facts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findProfile(db: Handle, personId: number): Promise<PersonProfile | undefined> {
  const row = await tables<AnalyticsTables>(db).selectFrom('person_facts').selectAll().where('person_id', '=', personId).executeTakeFirst();
  return row && rowToProfile(row);
}

/** Ids of stored profiles for which `predicate` (an access predicate over person_facts.person_id) holds. */
export async function listProfileIdsWhere(db: Handle, predicate: RawBuilder<boolean>): Promise<number[]> {
  const rows = await tables<AnalyticsTables>(db).selectFrom('person_facts').select('person_id').where(predicate).execute();
  return rows.map((r) => Number(r.person_id));
}

/** The ids among `personIds` for which `predicate` holds, in the order given. */
export async function filterProfileIds(db: Handle, personIds: readonly number[], predicate: RawBuilder<boolean>): Promise<number[]> {
  const kept = new Set<number>();
  for (let start = 0; start < personIds.length; start += 1_000) {
    const rows = await tables<AnalyticsTables>(db).selectFrom('person_facts').select('person_id')
      .where('person_id', 'in', personIds.slice(start, start + 1_000)).where(predicate).execute();
    for (const r of rows) kept.add(Number(r.person_id));
  }
  return personIds.filter((id) => kept.has(id));
}
