import { sql } from 'kysely';
import { insertRows, type BulkTable } from '../../../kernel/db/bulk.ts';
import type { Tx } from '../../../kernel/db/database.ts';
import { recordActivityChange } from '../store/activity-change.repository.ts';

/**
 * Diagnoses and procedures that arrive apart from their hospital spell (FHIR Conditions and
 * Procedures that reference an Encounter). They are added to the stored spell at the next free
 * position; a code the spell already has is not added again, so re-sending them changes nothing.
 */
export interface SpellRef { personId: number; recordKey: string }

export interface StoredSpell {
  diagnoses: string[];
  procedures: string[];
}

const DIAGNOSIS: BulkTable = { table: 'apc_diagnosis', columns: [['person_id', 'bigint'], ['record_key', 'text'], ['position', 'integer'], ['icd10_code', 'text']] };
const PROCEDURE: BulkTable = {
  table: 'apc_procedure',
  columns: [['person_id', 'bigint'], ['record_key', 'text'], ['position', 'integer'], ['opcs4_code', 'text'], ['procedure_date', 'text']],
};

export const spellRefKey = (personId: number, recordKey: string) => `${personId}|${recordKey}`;

/** The stored spells among refs, with their diagnoses and procedures in position order. */
export async function findStoredSpells(tx: Tx, refs: readonly SpellRef[]): Promise<Map<string, StoredSpell>> {
  const found = new Map<string, StoredSpell>();
  const unique = [...new Map(refs.map((r) => [spellRefKey(r.personId, r.recordKey), r])).values()];
  for (let i = 0; i < unique.length; i += 1000) {
    const chunk = unique.slice(i, i + 1000);
    // Row values: one primary-key probe per spell (an IN list per column would probe every combination).
    const pairs = sql.join(chunk.map((r) => sql`(${r.personId}, ${r.recordKey})`));
    const cast = tx.db.dialect === 'postgres' ? sql`::bigint` : sql``;
    const wanted = sql`(person_id, record_key) in (select column1${cast}, column2 from (values ${pairs}) as wanted)`;
    const spells = await sql<{ person_id: number; record_key: string }>`select person_id, record_key from apc_spell where ${wanted}`.execute(tx.kysely);
    for (const s of spells.rows) found.set(spellRefKey(Number(s.person_id), s.record_key), { diagnoses: [], procedures: [] });
    if (spells.rows.length === 0) continue;
    const diagnoses = await sql<{ person_id: number; record_key: string; icd10_code: string }>`select person_id, record_key, icd10_code
      from apc_diagnosis where ${wanted} order by person_id, record_key, position`.execute(tx.kysely);
    for (const d of diagnoses.rows) found.get(spellRefKey(Number(d.person_id), d.record_key))?.diagnoses.push(d.icd10_code);
    const procedures = await sql<{ person_id: number; record_key: string; opcs4_code: string }>`select person_id, record_key, opcs4_code
      from apc_procedure where ${wanted} order by person_id, record_key, position`.execute(tx.kysely);
    for (const p of procedures.rows) found.get(spellRefKey(Number(p.person_id), p.record_key))?.procedures.push(p.opcs4_code);
  }
  return found;
}

export interface SpellDiagnosisRow extends SpellRef { position: number; code: string }
export interface SpellProcedureRow extends SpellRef { position: number; code: string; date: string | undefined }

/** Adds diagnoses to stored spells (the persons go in the activity change log when any was new). */
export async function insertSpellDiagnoses(tx: Tx, rows: readonly SpellDiagnosisRow[]): Promise<void> {
  const inserted = await insertRows(tx, DIAGNOSIS, rows.map((r) => [r.personId, r.recordKey, r.position, r.code]));
  if (inserted > 0) await recordActivityChange(tx, rows.map((r) => r.personId));
}

/** Adds procedures to stored spells (the persons go in the activity change log when any was new). */
export async function insertSpellProcedures(tx: Tx, rows: readonly SpellProcedureRow[]): Promise<void> {
  const inserted = await insertRows(tx, PROCEDURE, rows.map((r) => [r.personId, r.recordKey, r.position, r.code, r.date ?? null]));
  if (inserted > 0) await recordActivityChange(tx, rows.map((r) => r.personId));
}

/** A spell stored without diagnoses gets its first one as the primary diagnosis. */
export async function setPrimaryDiagnosis(tx: Tx, ref: SpellRef, code: string): Promise<void> {
  await sql`update apc_spell set primary_diagnosis = ${code}
    where person_id = ${ref.personId} and record_key = ${ref.recordKey} and primary_diagnosis is null`.execute(tx.kysely);
}
