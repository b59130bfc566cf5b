import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import type { CodeSystemId } from '../../../kernel/codes.ts';
import type { Database, Tx } from '../../../kernel/db/database.ts';
import type { SocialCareEvent } from '../domain/activity.ts';
import type { SexCode } from '../domain/demographics.ts';
import type {
  HistoryAeAttendance, HistoryCommunityContact, HistoryGpEvent, HistoryMedication, HistoryOutpatientAppointment, HistorySocialCareEvent,
  HistorySpell, HistoryUrgentCareContact, PersonHistoryDemographics,
} from '../domain/person-history.ts';

/**
 * The reads behind person histories: for a batch of persons (a range of ids, or a list), one query per
 * activity table, selecting only the columns a history holds. person_id leads every activity table's
 * primary key, so each read is one index range scan.
 *
 * This is the hot path of stratification: every activity row of the place, tens of millions at a
 * million people. Handing rows one by one from the database to JavaScript costs far more than
 * scanning them (better-sqlite3 builds a value per cell and crosses into JavaScript per row: about 5
 * times the cost of the scan itself), so each query returns ONE row per person, with that person's
 * records packed into one string by the database (string_agg, which SQLite 3.44+ and PostgreSQL both
 * have): fields separated by ASCII 31 (unit separator), records by ASCII 30 (record separator), a NULL
 * as an empty field. The parsers below cut the string with indexOf and slice. Codes, dates and the CLD
 * vocabulary never hold those control characters (imports validate them).
 *
 * Besides that:
 * - SQLite reads go straight to better-sqlite3 (prepared statements cached per connection, raw rows);
 *   PostgreSQL reads go through Kysely's connection (the caller's transaction, if any), one round
 *   trip per table.
 * - The most common value of a column ('SNOMED CT' for GP events, 'dm+d' for medications) is sent as
 *   an empty field and filled in from a constant; yes/no columns are sent as '1'/'0'.
 * - Each record becomes one small object of a fixed shape, written straight into its person's list.
 */
type Handle = Database | Tx;

/** Which persons a read covers: an inclusive range of ids, or a list of ids. */
export type PersonSelection = { kind: 'range'; from: number; to: number } | { kind: 'ids'; ids: readonly number[] };

/**
 * Where a person's records go: the list to append them to, or undefined to drop them (ids within a
 * range that are not in the batch, such as records left behind by a merge). Called with person ids
 * in ascending order.
 */
export type RecordSink<T> = (personId: number) => T[] | undefined;

const US = '\x1f';
const RS = '\x1e';

function sqliteOf(handle: Handle): BetterSqlite3.Database | undefined {
  return 'dialect' in handle ? handle.sqlite : handle.db.sqlite;
}

const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function prepared(sqlite: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) {
    statement = sqlite.prepare(text).raw(true);
    cache.set(text, statement);
  }
  return statement;
}

/** A further condition on one column: its value is one of a list (bound as one parameter). */
interface InList {
  column: string;
  values: readonly string[];
}

/** The WHERE condition and parameters for a selection (and an optional list filter), in the dialect's placeholder style. */
function where(column: string, selection: PersonSelection, sqlite: boolean, filter?: InList): { condition: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return sqlite ? '?' : `$${params.length}`;
  };
  let condition = selection.kind === 'range'
    ? `${column} BETWEEN ${bind(selection.from)} AND ${bind(selection.to)}`
    : sqlite
      ? `${column} IN (SELECT value FROM json_each(${bind(JSON.stringify(selection.ids))}))`
      : `${column} = ANY(${bind(selection.ids)}::bigint[])`;
  if (filter !== undefined) {
    condition += sqlite
      ? ` AND ${filter.column} IN (SELECT value FROM json_each(${bind(JSON.stringify(filter.values))}))`
      : ` AND ${filter.column} = ANY(${bind(filter.values)}::text[])`;
  }
  return { condition, params };
}

/** Runs a query with the selection's WHERE condition put in for `{where}`, handing each row to onRow as an array. */
async function run(
  handle: Handle, template: string, column: string, selection: PersonSelection, onRow: (row: unknown[]) => void, filter?: InList,
): Promise<void> {
  if (selection.kind === 'ids' && selection.ids.length === 0) return;
  if (filter !== undefined && filter.values.length === 0) return;
  const sqlite = sqliteOf(handle);
  const { condition, params } = where(column, selection, sqlite !== undefined, filter);
  const text = template.replace('{where}', condition);
  if (sqlite) {
    for (const row of prepared(sqlite, text).iterate(...params) as IterableIterator<unknown[]>) onRow(row);
    return;
  }
  const result = await handle.kysely.executeQuery(CompiledQuery.raw(text, params));
  for (const row of result.rows as Record<string, unknown>[]) onRow(Object.values(row));
}

/** `coalesce(CAST(column AS TEXT), '')`: a field of a packed record, NULL as empty. */
const field = (column: string) => `coalesce(CAST(${column} AS TEXT), '')`;

/** One row per person: the person's records, each the fields joined by US, joined by RS. */
function packed(table: string, fields: readonly string[]): string {
  return `SELECT person_id, string_agg(${fields.join(` || '${US}' || `)}, '${RS}') FROM ${table} WHERE {where} GROUP BY person_id ORDER BY person_id`;
}

/** Feeds each person's packed string to parse, with the list the sink gives for that person. */
async function readPacked<T>(
  handle: Handle, table: string, fields: readonly string[], selection: PersonSelection, sink: RecordSink<T>,
  parse: (text: string, into: T[]) => void, filter?: InList,
): Promise<void> {
  await run(handle, packed(table, fields), 'person_id', selection, (row) => {
    const into = sink(Number(row[0]));
    if (into !== undefined && row[1] !== null) parse(row[1] as string, into);
  }, filter);
}

const PERSON_COLUMNS = 'id, nhs_number, date_of_birth, sex, locality_code, gp_practice_code, date_of_death';

function toDemographics(r: unknown[]): PersonHistoryDemographics {
  return {
    id: Number(r[0]), nhsNumber: r[1] as string | null, dateOfBirth: r[2] as string | null, sex: r[3] as SexCode, localityCode: r[4] as string | null,
    gpPracticeCode: r[5] as string | null, dateOfDeath: r[6] as string | null,
  };
}

/** Persons in id order after `afterId` (exclusive), at most `limit`. */
export async function readPersonsAfter(handle: Handle, afterId: number, limit: number): Promise<PersonHistoryDemographics[]> {
  const sqlite = sqliteOf(handle);
  const text = `SELECT ${PERSON_COLUMNS} FROM person WHERE id > ${sqlite ? '?' : '$1'} ORDER BY id LIMIT ${sqlite ? '?' : '$2'}`;
  if (sqlite) return (prepared(sqlite, text).all(afterId, limit) as unknown[][]).map(toDemographics);
  const result = await handle.kysely.executeQuery(CompiledQuery.raw(text, [afterId, limit]));
  return (result.rows as Record<string, unknown>[]).map((row) => toDemographics(Object.values(row)));
}

/** Every person id, ascending. */
export async function readPersonIds(handle: Handle): Promise<number[]> {
  const sqlite = sqliteOf(handle);
  if (sqlite) return sqlite.prepare('SELECT id FROM person ORDER BY id').pluck(true).all() as number[];
  const result = await handle.kysely.executeQuery(CompiledQuery.raw('SELECT id FROM person ORDER BY id', []));
  return (result.rows as { id: unknown }[]).map((r) => Number(r.id));
}

/** The persons with these ids that exist, in id order. */
export async function readPersonsByIds(handle: Handle, ids: readonly number[]): Promise<PersonHistoryDemographics[]> {
  const persons: PersonHistoryDemographics[] = [];
  await run(handle, `SELECT ${PERSON_COLUMNS} FROM person WHERE {where} ORDER BY id`, 'id', { kind: 'ids', ids }, (r) => persons.push(toDemographics(r)));
  return persons;
}

// Parsers: `text` is one person's records; each loop cuts one record's fields at the separators.

const SNOMED: CodeSystemId = 'SNOMED CT';
const DMD: CodeSystemId = 'dm+d';

/** GP coded events; with `codes`, only events whose code is one of them (in any code system). */
export function readGpEvents(handle: Handle, selection: PersonSelection, sink: RecordSink<HistoryGpEvent>, codes?: readonly string[]): Promise<void> {
  return readPacked(handle, 'gp_event', ['event_date', `CASE WHEN code_system = '${SNOMED}' THEN '' ELSE code_system END`, 'code'], selection, sink,
    (text, into) => {
      for (let start = 0; start < text.length;) {
        const a = text.indexOf(US, start), b = text.indexOf(US, a + 1);
        let end = text.indexOf(RS, b + 1);
        if (end === -1) end = text.length;
        const system = b === a + 1 ? SNOMED : (text.slice(a + 1, b) as CodeSystemId);
        into.push({ eventDate: text.slice(start, a), code: { system, code: text.slice(b + 1, end) } });
        start = end + 1;
      }
    }, codes === undefined ? undefined : { column: 'code', values: codes });
}

export function readMedications(handle: Handle, selection: PersonSelection, sink: RecordSink<HistoryMedication>): Promise<void> {
  return readPacked(handle, 'gp_medication', ['start_date', field('end_date'), `CASE WHEN code_system = '${DMD}' THEN '' ELSE code_system END`, 'code'],
    selection, sink, (text, into) => {
      for (let start = 0; start < text.length;) {
        const a = text.indexOf(US, start), b = text.indexOf(US, a + 1), c = text.indexOf(US, b + 1);
        let end = text.indexOf(RS, c + 1);
        if (end === -1) end = text.length;
        const system = c === b + 1 ? DMD : (text.slice(b + 1, c) as CodeSystemId);
        into.push({ startDate: text.slice(start, a), endDate: b === a + 1 ? undefined : text.slice(a + 1, b), code: { system, code: text.slice(c + 1, end) } });
        start = end + 1;
      }
    });
}

/** Spells with their diagnoses (ICD-10, comma-separated in position order inside the packed record). */
export function readSpells(handle: Handle, selection: PersonSelection, sink: RecordSink<HistorySpell>): Promise<void> {
  const diagnoses = `coalesce((SELECT string_agg(d.icd10_code, ',' ORDER BY d.position) FROM apc_diagnosis d
    WHERE d.person_id = apc_spell.person_id AND d.record_key = apc_spell.record_key), '')`;
  return readPacked(handle, 'apc_spell', [
    'record_key', 'admission_date', field('discharge_date'), 'admission_method', field('discharge_method'), field('discharge_destination'),
    field('length_of_stay'), diagnoses,
  ], selection, sink, (text, into) => {
    for (let start = 0; start < text.length;) {
      const f1 = text.indexOf(US, start), f2 = text.indexOf(US, f1 + 1), f3 = text.indexOf(US, f2 + 1), f4 = text.indexOf(US, f3 + 1);
      const f5 = text.indexOf(US, f4 + 1), f6 = text.indexOf(US, f5 + 1), f7 = text.indexOf(US, f6 + 1);
      let end = text.indexOf(RS, f7 + 1);
      if (end === -1) end = text.length;
      into.push({
        recordKey: text.slice(start, f1),
        admissionDate: text.slice(f1 + 1, f2),
        dischargeDate: f3 === f2 + 1 ? undefined : text.slice(f2 + 1, f3),
        admissionMethod: text.slice(f3 + 1, f4),
        dischargeMethod: f5 === f4 + 1 ? undefined : text.slice(f4 + 1, f5),
        dischargeDestination: f6 === f5 + 1 ? undefined : text.slice(f5 + 1, f6),
        lengthOfStay: f7 === f6 + 1 ? null : Number(text.slice(f6 + 1, f7)),
        diagnoses: end === f7 + 1 ? [] : text.slice(f7 + 1, end).split(','),
      });
      start = end + 1;
    }
  });
}

export function readAeAttendances(handle: Handle, selection: PersonSelection, sink: RecordSink<HistoryAeAttendance>): Promise<void> {
  return readPacked(handle, 'ae_attendance', ['arrival_at', field('chief_complaint_snomed'), field('diagnosis_snomed')], selection, sink, (text, into) => {
    for (let start = 0; start < text.length;) {
      const a = text.indexOf(US, start), b = text.indexOf(US, a + 1);
      let end = text.indexOf(RS, b + 1);
      if (end === -1) end = text.length;
      into.push({
        arrivalAt: text.slice(start, a),
        chiefComplaintSnomed: b === a + 1 ? null : text.slice(a + 1, b),
        diagnosisSnomed: end === b + 1 ? null : text.slice(b + 1, end),
      });
      start = end + 1;
    }
  });
}

/** ATTENDED OR DID NOT ATTEND as one character: '1' seen (5, 6), '0' not seen (2, 3, 4, 7), empty when unknown. */
const ATTENDED = "CASE WHEN attended_or_dna IN ('5', '6') THEN '1' WHEN attended_or_dna IN ('2', '3', '4', '7') THEN '0' ELSE '' END";

export function readOutpatientAppointments(handle: Handle, selection: PersonSelection, sink: RecordSink<HistoryOutpatientAppointment>): Promise<void> {
  return readPacked(handle, 'op_appointment', ['appointment_date', ATTENDED], selection, sink, (text, into) => {
    for (let start = 0; start < text.length;) {
      const a = text.indexOf(US, start);
      let end = text.indexOf(RS, a + 1);
      if (end === -1) end = text.length;
      const flag = end === a + 1 ? -1 : text.charCodeAt(a + 1);
      into.push({ appointmentDate: text.slice(start, a), attended: flag === -1 ? null : flag === 49 });
      start = end + 1;
    }
  });
}

export function readCommunityContacts(handle: Handle, selection: PersonSelection, sink: RecordSink<HistoryCommunityContact>): Promise<void> {
  return readPacked(handle, 'community_contact', ["CASE WHEN setting = 'mental_health' THEN '1' ELSE '0' END", 'contact_date'], selection, sink,
    (text, into) => {
      for (let start = 0; start < text.length;) {
        let end = text.indexOf(RS, start + 2);
        if (end === -1) end = text.length;
        into.push({ setting: text.charCodeAt(start) === 49 ? 'mental_health' : 'community', contactDate: text.slice(start + 2, end) });
        start = end + 1;
      }
    });
}

export function readUrgentCareContacts(handle: Handle, selection: PersonSelection, sink: RecordSink<HistoryUrgentCareContact>): Promise<void> {
  return readPacked(handle, 'urgent_care_contact', ["CASE WHEN service = 'nhs111' THEN '1' ELSE '0' END", 'contact_at'], selection, sink,
    (text, into) => {
      for (let start = 0; start < text.length;) {
        let end = text.indexOf(RS, start + 2);
        if (end === -1) end = text.length;
        into.push({ service: text.charCodeAt(start) === 49 ? 'nhs111' : 'ambulance', contactAt: text.slice(start + 2, end) });
        start = end + 1;
      }
    });
}

export function readSocialCareEvents(handle: Handle, selection: PersonSelection, sink: RecordSink<HistorySocialCareEvent>): Promise<void> {
  return readPacked(handle, 'social_care_event', [
    'event_type', 'event_start_date', field('event_end_date'), field('weekly_cost_pence'), 'client_type', field('primary_support_reason'),
  ], selection, sink, (text, into) => {
    for (let start = 0; start < text.length;) {
      const a = text.indexOf(US, start), b = text.indexOf(US, a + 1), c = text.indexOf(US, b + 1), d = text.indexOf(US, c + 1), e = text.indexOf(US, d + 1);
      let end = text.indexOf(RS, e + 1);
      if (end === -1) end = text.length;
      into.push({
        eventType: text.slice(start, a) as SocialCareEvent['eventType'],
        startDate: text.slice(a + 1, b),
        endDate: c === b + 1 ? undefined : text.slice(b + 1, c),
        weeklyCostPence: d === c + 1 ? null : Number(text.slice(c + 1, d)),
        clientType: text.slice(d + 1, e),
        primarySupportReason: end === e + 1 ? null : text.slice(e + 1, end),
      });
      start = end + 1;
    }
  });
}
