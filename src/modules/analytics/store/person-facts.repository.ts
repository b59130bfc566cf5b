import type { RawBuilder } from 'kysely';
import type { BulkTable, Cell } from '../../../kernel/db/bulk.ts';
import { replaceRows } from '../../../kernel/db/bulk.ts';
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
  key: ['person_id'],
};

/** The person's risk at the latest earlier-dated stratification. */
export interface PreviousRisk {
  value: number | null;
  percentile: number | null;
  asOf: string | null;
}

export const NO_PREVIOUS_RISK: PreviousRisk = { value: null, percentile: null, asOf: null };

/** What a run reads of a person's stored row before replacing it. */
export interface StoredRow {
  asOf: string;
  /** Their stored risk, and the previous risk stored with it. */
  value: number | null;
  percentile: number | null;
  previous: PreviousRisk;
  /** The indexed columns (a replacement leaves them to writePersonFacts to update where they changed). */
  gpPracticeCode: string | null;
  localityCode: string | null;
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

/** The columns of person_facts' secondary indexes: replacing a row leaves them alone unless they changed. */
const INDEXED = ['gp_practice_code', 'locality_code'] as const;

/**
 * Writes profiles (rows from personFactsRow), overwriting stored ones. `stored` is what
 * listStoredRows read of the same persons: a stored row's practice and locality (the indexed columns)
 * are rewritten only where they changed, so most rows' index entries stay as they are.
 */
export async function writePersonFacts(tx: Tx, rows: readonly (readonly Cell[])[], stored: ReadonlyMap<number, StoredRow>): Promise<void> {
  await replaceRows(tx, PERSON_FACTS_COLUMNS, rows, INDEXED);
  const practice = COLUMN.gp_practice_code, locality = COLUMN.locality_code;
  for (const row of rows) {
    const before = stored.get(Number(row[COLUMN.person_id]));
    if (before === undefined || (before.gpPracticeCode === row[practice] && before.localityCode === row[locality])) continue;
    await tables<AnalyticsTables>(tx).updateTable('person_facts')
      .set({ gp_practice_code: row[practice] as string | null, locality_code: row[locality] as string | null })
      .where('person_id', '=', Number(row[COLUMN.person_id])).execute();
  }
}

/**
 * Some persons' stored rows (before a run replaces them), so the run can carry each person's risk
 * forward as their previous risk, and update the indexed columns only where they change.
 */
export async function listStoredRows(db: Handle, persons: PersonRows): Promise<Map<number, StoredRow>> {
  let query = tables<AnalyticsTables>(db).selectFrom('person_facts')
    .select(['person_id', 'as_of', 'risk_value', 'risk_percentile', 'previous_risk_value', 'previous_risk_percentile', 'previous_as_of', ...INDEXED]);
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
    gpPracticeCode: r.gp_practice_code, localityCode: r.locality_code,
  }]));
}

/**
 * The previous risk to store for a person recomputed as of `asOf`: their stored risk when it is from
 * an earlier date; when it is from the same date (a re-run), what that row held as previous, so
 * re-running a date does not make everyone's previous risk their current one.
 */
export function previousRiskOf(stored: StoredRow | undefined, asOf: string): PreviousRisk {
  if (stored === undefined) return NO_PREVIOUS_RISK;
  if (stored.asOf < asOf) return stored.value === null ? NO_PREVIOUS_RISK : { value: stored.value, percentile: stored.percentile, asOf: stored.asOf };
  return stored.previous;
}

const SCORE_COLUMNS: ReadonlyArray<readonly [ScoreName, keyof PersonFactsTable, keyof PersonFactsTable]> = [
  ['hfrs', 'hfrs', 'hfrs_band'], ['efi', 'efi', 'efi_band'], ['charlson', 'charlson', 'charlson_band'],
  ['charlson_quan', 'charlson_quan', 'charlson_quan_band'], ['lace', 'lace', 'lace_band'], ['emergency_admission_risk', 'risk_value', 'risk_band'],
];

const split = (text: string): string[] => (text === '' ? [] : text.split(','));

const COLUMN_NAMES = PERSON_FACTS_COLUMNS.columns.map(([name]) => name);
const COLUMN = Object.fromEntries(COLUMN_NAMES.map((name, i) => [name, i])) as Record<keyof PersonFactsTable, number>;
const SCORE_CELLS = SCORE_COLUMNS.map(([name, value, band]) => [name, COLUMN[value], COLUMN[band]] as const);

/**
 * A stored row (cells in PERSON_FACTS_COLUMNS order) as a profile. Condition lists are shared
 * read-only arrays, one per distinct stored list (`lists` caches them), so reading a million rows
 * allocates a handful of them.
 */
function cellsToProfile(c: readonly unknown[], lists: Map<string, string[]>): PersonProfile {
  // Helpers at module level, not closures per row: this runs a million times when a place loads.
  const facts: PersonFacts = {
    personId: num(c, COLUMN.person_id), asOf: c[COLUMN.as_of] as string, age: c[COLUMN.age] === null ? null : num(c, COLUMN.age), sex: c[COLUMN.sex] as SexCode,
    localityCode: text(c, COLUMN.locality_code), gpPracticeCode: text(c, COLUMN.gp_practice_code), dead: num(c, COLUMN.dead) === 1,
    longTermConditions: keyList(c, COLUMN.long_term_conditions, lists), unstableConditions: keyList(c, COLUMN.unstable_conditions, lists),
    medicationCount: num(c, COLUMN.medication_count), emergencyAdmissions12m: num(c, COLUMN.emergency_admissions_12m),
    electiveAdmissions12m: num(c, COLUMN.elective_admissions_12m), bedDays12m: num(c, COLUMN.bed_days_12m), aeAttendances12m: num(c, COLUMN.ae_attendances_12m),
    outpatientAppointments12m: num(c, COLUMN.outpatient_appointments_12m), falls12m: num(c, COLUMN.falls_12m), communityContacts12m: num(c, COLUMN.community_contacts_12m),
    mentalHealthContacts12m: num(c, COLUMN.mental_health_contacts_12m), ambulanceContacts12m: num(c, COLUMN.ambulance_contacts_12m),
    nhs111Contacts12m: num(c, COLUMN.nhs111_contacts_12m), knownToSocialCare: num(c, COLUMN.known_to_social_care) === 1,
    receivingSocialCare: num(c, COLUMN.receiving_social_care) === 1, socialCareWeeklyCostPence: num(c, COLUMN.social_care_weekly_cost_pence),
    endOfLife: num(c, COLUMN.end_of_life) === 1,
  };
  const scores: PersonProfile['scores'] = {};
  for (let k = 0; k < SCORE_CELLS.length; k++) {
    const [name, valueCell, bandCell] = SCORE_CELLS[k]!;
    const v = c[valueCell];
    if (v !== null && v !== undefined) scores[name] = { value: Number(v), band: text(c, bandCell) };
  }
  return {
    facts, scores, riskPercentile: optionalNum(c, COLUMN.risk_percentile), previousRiskValue: optionalNum(c, COLUMN.previous_risk_value),
    previousRiskPercentile: optionalNum(c, COLUMN.previous_risk_percentile), segment: text(c, COLUMN.segment) ?? undefined,
  };
}

function num(c: readonly unknown[], i: number): number {
  return Number(c[i]);
}

function optionalNum(c: readonly unknown[], i: number): number | undefined {
  return c[i] === null || c[i] === undefined ? undefined : Number(c[i]);
}

function text(c: readonly unknown[], i: number): string | null {
  return c[i] as string | null;
}

function keyList(c: readonly unknown[], i: number, lists: Map<string, string[]>): string[] {
  const stored = c[i] as string;
  let list = lists.get(stored);
  if (!list) lists.set(stored, (list = split(stored)));
  return list;
}

/** A stored row as the profile it was written from. */
export function rowToProfile(row: PersonFactsTable): PersonProfile {
  return cellsToProfile(COLUMN_NAMES.map((name) => (row as unknown as Record<string, unknown>)[name]), new Map());
}

/**
 * Visits every stored profile in person order, a page at a time (keyset paging, each page one index
 * range), yielding to the event loop between pages so a server keeps answering while a large place
 * loads. On SQLite rows are read as arrays (no object per row); returns the number visited.
 */
export async function forEachStoredProfile(db: Handle, visit: (profile: PersonProfile) => void, pageSize = 20_000): Promise<number> {
  const lists = new Map<string, string[]>();
  const sqlite = 'dialect' in db ? db.sqlite : db.db.sqlite;
  const statement = sqlite?.prepare(`SELECT ${COLUMN_NAMES.join(', ')} FROM person_facts WHERE person_id > ? ORDER BY person_id LIMIT ?`).raw(true);
  let after = 0, visited = 0;
  for (;;) {
    const page: unknown[][] = statement
      ? statement.all(after, pageSize) as unknown[][]
      : (await tables<AnalyticsTables>(db).selectFrom('person_facts').select(COLUMN_NAMES as (keyof PersonFactsTable)[])
        .where('person_id', '>', after).orderBy('person_id').limit(pageSize).execute()).map((row) => COLUMN_NAMES.map((name) => (row as Record<string, unknown>)[name]));
    for (const cells of page) visit(cellsToProfile(cells, lists));
    visited += page.length;
    if (page.length < pageSize) return visited;
    after = Number(page[page.length - 1]![COLUMN.person_id]);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export async function countProfiles(db: Handle): Promise<number> {
  const row = await tables<AnalyticsTables>(db).selectFrom('person_facts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ids of stored profiles for which `predicate` (an access predicate over person_facts.person_id) holds. */
export async function listProfileIdsWhere(db: Handle, predicate: RawBuilder<boolean>): Promise<number[]> {
  const rows = await tables<AnalyticsTables>(db).selectFrom('person_facts').select('person_id').where(predicate).execute();
  return rows.map((r) => Number(r.person_id));
}

/** A person's stored segment and the date of the run that assigned it, or undefined when they have none. */
export async function findStoredSegment(db: Handle, personId: number): Promise<{ segment: string; asOf: string } | undefined> {
  const row = await tables<AnalyticsTables>(db).selectFrom('person_facts').select(['segment', 'as_of'])
    .where('person_id', '=', personId).executeTakeFirst();
  return row?.segment ? { segment: row.segment, asOf: row.as_of } : undefined;
}

/** Every stored predicted risk except those of the persons given (an incremental run's own), unsorted. */
export async function listStoredRiskValuesExcept(db: Handle, excluded: ReadonlySet<number>): Promise<number[]> {
  const sqlite = 'dialect' in db ? db.sqlite : db.db.sqlite;
  const rows: unknown[][] = sqlite
    ? sqlite.prepare('SELECT person_id, risk_value FROM person_facts WHERE risk_value IS NOT NULL').raw(true).all() as unknown[][]
    : (await tables<AnalyticsTables>(db).selectFrom('person_facts').select(['person_id', 'risk_value']).where('risk_value', 'is not', null).execute())
      .map((r) => [r.person_id, r.risk_value]);
  const values: number[] = [];
  for (const [id, value] of rows) if (!excluded.has(Number(id))) values.push(Number(value));
  return values;
}
