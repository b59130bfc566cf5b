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
 * - SQLite reads go straight to better-sqlite3 (prepared statements cached per connection, raw rows),
 *   on this thread or on a reading thread with its own connection (services/person-history.worker.ts
 *   runs the same queries); PostgreSQL reads go through Kysely's connection (the caller's transaction,
 *   if any), one round trip per table.
 * - The most common value of a column ('SNOMED CT' for GP events, 'dm+d' for medications) is sent as
 *   an empty field and filled in from a constant; yes/no columns are sent as '1'/'0'.
 * - Each record becomes one small object of a fixed shape, written straight into its person's list.
 */
type Handle = Database | Tx;

/** Which persons a read covers: an inclusive range of ids, or a list of ids. */
export type PersonSelection = { kind: 'range'; from: number; to: number } | { kind: 'ids'; ids: readonly number[] };

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

/** `coalesce(CAST(column AS TEXT), '')`: a field of a packed record, NULL as empty. */
const field = (column: string) => `coalesce(CAST(${column} AS TEXT), '')`;

/** The activity tables a history is read from, in the order they are read. */
export const HISTORY_TABLES = [
  'gp_event', 'gp_medication', 'apc_spell', 'ae_attendance', 'op_appointment', 'community_contact', 'urgent_care_contact', 'social_care_event',
] as const;
export type HistoryTable = (typeof HISTORY_TABLES)[number];

/** The record type of each table's history list. */
export interface HistoryRecords {
  gp_event: HistoryGpEvent;
  gp_medication: HistoryMedication;
  apc_spell: HistorySpell;
  ae_attendance: HistoryAeAttendance;
  op_appointment: HistoryOutpatientAppointment;
  community_contact: HistoryCommunityContact;
  urgent_care_contact: HistoryUrgentCareContact;
  social_care_event: HistorySocialCareEvent;
}

const SNOMED: CodeSystemId = 'SNOMED CT';
const DMD: CodeSystemId = 'dm+d';
/** ATTENDED OR DID NOT ATTEND as one character: '1' seen (5, 6), '0' not seen (2, 3, 4, 7), empty when unknown. */
const ATTENDED = "CASE WHEN attended_or_dna IN ('5', '6') THEN '1' WHEN attended_or_dna IN ('2', '3', '4', '7') THEN '0' ELSE '' END";
/** A spell's diagnoses, comma-separated in position order, inside its packed record. */
const DIAGNOSES = `coalesce((SELECT string_agg(d.icd10_code, ',' ORDER BY d.position) FROM apc_diagnosis d
    WHERE d.person_id = apc_spell.person_id AND d.record_key = apc_spell.record_key), '')`;

/** The fields packed for each table, in the order its parser reads them. */
const FIELDS: Record<HistoryTable, readonly string[]> = {
  gp_event: ['event_date', `CASE WHEN code_system = '${SNOMED}' THEN '' ELSE code_system END`, 'code'],
  gp_medication: ['start_date', field('end_date'), `CASE WHEN code_system = '${DMD}' THEN '' ELSE code_system END`, 'code'],
  apc_spell: ['record_key', 'admission_date', field('discharge_date'), 'admission_method', field('discharge_method'), field('discharge_destination'),
    field('length_of_stay'), DIAGNOSES],
  ae_attendance: ['arrival_at', field('chief_complaint_snomed'), field('diagnosis_snomed')],
  op_appointment: ['appointment_date', ATTENDED],
  community_contact: ["CASE WHEN setting = 'mental_health' THEN '1' ELSE '0' END", 'contact_date'],
  urgent_care_contact: ["CASE WHEN service = 'nhs111' THEN '1' ELSE '0' END", 'contact_at'],
  social_care_event: ['event_type', 'event_start_date', field('event_end_date'), field('weekly_cost_pence'), 'client_type', field('primary_support_reason')],
};

/**
 * The query that reads one table for a selection: one row per person (person_id, packed records),
 * ordered by person. With gpEventCodes, GP events are only those with one of the codes. Undefined when
 * there is nothing to read (an empty id or code list).
 */
export function packedTableQuery(
  table: HistoryTable, selection: PersonSelection, sqlite: boolean, gpEventCodes?: readonly string[],
): { text: string; params: unknown[] } | undefined {
  const filter = table === 'gp_event' && gpEventCodes !== undefined ? { column: 'code', values: gpEventCodes } : undefined;
  if ((selection.kind === 'ids' && selection.ids.length === 0) || filter?.values.length === 0) return undefined;
  const { condition, params } = where('person_id', selection, sqlite, filter);
  const text = `SELECT person_id, string_agg(${FIELDS[table].join(` || '${US}' || `)}, '${RS}') FROM ${table} WHERE ${condition} GROUP BY person_id ORDER BY person_id`;
  return { text, params };
}

/**
 * The SQLite text of each table's packed query for a range of ids and for a list of ids, with the
 * parameters that follow the selection's own (the GP code list): what a reading thread needs to run
 * the same reads with nothing but better-sqlite3. A table with nothing to read is null.
 */
export interface PackedQueryTemplate {
  /** Parameters: from, to, then `extra`. */
  range: { text: string; extra: unknown[] };
  /** Parameters: the ids as a JSON array, then `extra`. */
  ids: { text: string; extra: unknown[] };
}

export function packedQueryTemplates(gpEventCodes?: readonly string[]): (PackedQueryTemplate | null)[] {
  return HISTORY_TABLES.map((table) => {
    const range = packedTableQuery(table, { kind: 'range', from: 0, to: 0 }, true, gpEventCodes);
    const ids = packedTableQuery(table, { kind: 'ids', ids: [0] }, true, gpEventCodes);
    return range === undefined || ids === undefined ? null : { range: { text: range.text, extra: range.params.slice(2) }, ids: { text: ids.text, extra: ids.params.slice(1) } };
  });
}

/** Runs a packed query on a SQLite connection (this thread's or a reading thread's own), row by row. */
export function scanPackedSqlite(sqlite: BetterSqlite3.Database, query: { text: string; params: unknown[] }, onRow: (personId: number, text: string) => void): void {
  for (const row of prepared(sqlite, query.text).iterate(...query.params) as IterableIterator<[number, string | null]>) {
    if (row[1] !== null) onRow(row[0], row[1]);
  }
}

/** Reads one table for a selection, handing each person's packed records to onRow (ascending person id). */
export async function readPackedTable(
  handle: Handle, table: HistoryTable, selection: PersonSelection, onRow: (personId: number, text: string) => void, gpEventCodes?: readonly string[],
): Promise<void> {
  const sqlite = sqliteOf(handle);
  const query = packedTableQuery(table, selection, sqlite !== undefined, gpEventCodes);
  if (query === undefined) return;
  if (sqlite) return scanPackedSqlite(sqlite, query, onRow);
  const result = await handle.kysely.executeQuery(CompiledQuery.raw(query.text, query.params));
  for (const row of result.rows as Record<string, unknown>[]) {
    const [personId, text] = Object.values(row);
    if (text !== null) onRow(Number(personId), text as string);
  }
}

export const PERSON_COLUMNS = 'id, nhs_number, date_of_birth, sex, locality_code, gp_practice_code, date_of_death';

export function toDemographics(r: unknown[]): PersonHistoryDemographics {
  return {
    id: Number(r[0]), nhsNumber: r[1] as string | null, dateOfBirth: r[2] as string | null, sex: r[3] as SexCode, localityCode: r[4] as string | null,
    gpPracticeCode: r[5] as string | null, dateOfDeath: r[6] as string | null,
  };
}

/** The query for persons in id order after an id, at most a limit. */
export function personsAfterQuery(sqlite: boolean): string {
  return `SELECT ${PERSON_COLUMNS} FROM person WHERE id > ${sqlite ? '?' : '$1'} ORDER BY id LIMIT ${sqlite ? '?' : '$2'}`;
}

/** The query for the persons of an id list, in id order. */
export function personsByIdsQuery(ids: readonly number[], sqlite: boolean): { text: string; params: unknown[] } {
  const { condition, params } = where('id', { kind: 'ids', ids }, sqlite);
  return { text: `SELECT ${PERSON_COLUMNS} FROM person WHERE ${condition} ORDER BY id`, params };
}

/** Runs a query on a SQLite connection and returns its rows as arrays (statements cached per connection). */
export function allSqlite(sqlite: BetterSqlite3.Database, text: string, params: readonly unknown[]): unknown[][] {
  return prepared(sqlite, text).all(...params) as unknown[][];
}

/** Persons in id order after `afterId` (exclusive), at most `limit`. */
export async function readPersonsAfter(handle: Handle, afterId: number, limit: number): Promise<PersonHistoryDemographics[]> {
  const sqlite = sqliteOf(handle);
  if (sqlite) return allSqlite(sqlite, personsAfterQuery(true), [afterId, limit]).map(toDemographics);
  const result = await handle.kysely.executeQuery(CompiledQuery.raw(personsAfterQuery(false), [afterId, limit]));
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
  if (ids.length === 0) return [];
  const sqlite = sqliteOf(handle);
  const query = personsByIdsQuery(ids, sqlite !== undefined);
  if (sqlite) return allSqlite(sqlite, query.text, query.params).map(toDemographics);
  const result = await handle.kysely.executeQuery(CompiledQuery.raw(query.text, query.params));
  return (result.rows as Record<string, unknown>[]).map((row) => toDemographics(Object.values(row)));
}

// Parsers: `text` is one person's records; each loop cuts one record's fields at the separators.

function parseGpEvents(text: string, into: HistoryGpEvent[]): void {
  for (let start = 0; start < text.length;) {
    const a = text.indexOf(US, start), b = text.indexOf(US, a + 1);
    let end = text.indexOf(RS, b + 1);
    if (end === -1) end = text.length;
    const system = b === a + 1 ? SNOMED : (text.slice(a + 1, b) as CodeSystemId);
    into.push({ eventDate: text.slice(start, a), code: { system, code: text.slice(b + 1, end) } });
    start = end + 1;
  }
}

function parseMedications(text: string, into: HistoryMedication[]): void {
  for (let start = 0; start < text.length;) {
    const a = text.indexOf(US, start), b = text.indexOf(US, a + 1), c = text.indexOf(US, b + 1);
    let end = text.indexOf(RS, c + 1);
    if (end === -1) end = text.length;
    const system = c === b + 1 ? DMD : (text.slice(b + 1, c) as CodeSystemId);
    into.push({ startDate: text.slice(start, a), endDate: b === a + 1 ? undefined : text.slice(a + 1, b), code: { system, code: text.slice(c + 1, end) } });
    start = end + 1;
  }
}

function parseSpells(text: string, into: HistorySpell[]): void {
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
}

function parseAeAttendances(text: string, into: HistoryAeAttendance[]): void {
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
}

function parseOutpatientAppointments(text: string, into: HistoryOutpatientAppointment[]): void {
  for (let start = 0; start < text.length;) {
    const a = text.indexOf(US, start);
    let end = text.indexOf(RS, a + 1);
    if (end === -1) end = text.length;
    const flag = end === a + 1 ? -1 : text.charCodeAt(a + 1);
    into.push({ appointmentDate: text.slice(start, a), attended: flag === -1 ? null : flag === 49 });
    start = end + 1;
  }
}

function parseCommunityContacts(text: string, into: HistoryCommunityContact[]): void {
  for (let start = 0; start < text.length;) {
    let end = text.indexOf(RS, start + 2);
    if (end === -1) end = text.length;
    into.push({ setting: text.charCodeAt(start) === 49 ? 'mental_health' : 'community', contactDate: text.slice(start + 2, end) });
    start = end + 1;
  }
}

function parseUrgentCareContacts(text: string, into: HistoryUrgentCareContact[]): void {
  for (let start = 0; start < text.length;) {
    let end = text.indexOf(RS, start + 2);
    if (end === -1) end = text.length;
    into.push({ service: text.charCodeAt(start) === 49 ? 'nhs111' : 'ambulance', contactAt: text.slice(start + 2, end) });
    start = end + 1;
  }
}

function parseSocialCareEvents(text: string, into: HistorySocialCareEvent[]): void {
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
}

const PARSERS: { [K in HistoryTable]: (text: string, into: HistoryRecords[K][]) => void } = {
  gp_event: parseGpEvents,
  gp_medication: parseMedications,
  apc_spell: parseSpells,
  ae_attendance: parseAeAttendances,
  op_appointment: parseOutpatientAppointments,
  community_contact: parseCommunityContacts,
  urgent_care_contact: parseUrgentCareContacts,
  social_care_event: parseSocialCareEvents,
};

/** Appends the records packed in one person's text for a table to their list. */
export function parsePackedRecords<K extends HistoryTable>(table: K, text: string, into: HistoryRecords[K][]): void {
  PARSERS[table](text, into);
}
