import { insertRows, type BulkTable } from '../../../kernel/db/bulk.ts';
import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { PopulationTables } from '../store/population.tables.ts';

/**
 * Import runs and the quarantine. A run is keyed by the SHA-256 of the file's content; its checkpoint
 * (lines done and counters) is written in the same transaction as each batch's records, so a killed
 * import resumes after the last committed batch with nothing lost or stored twice.
 */
export type ImportRunStatus = 'running' | 'completed';

export interface ImportCounters {
  linesDone: number;
  loaded: number;
  duplicates: number;
  quarantined: number;
  skipped: number;
  skippedByType: Record<string, number>;
}

export interface ImportRun extends ImportCounters {
  id: number;
  fileName: string;
  sha256: string;
  format: string;
  status: ImportRunStatus;
  startedAt: string;
  finishedAt: string | undefined;
}

const QUARANTINE: BulkTable = {
  table: 'import_quarantine',
  columns: [['run_id', 'bigint'], ['line', 'bigint'], ['file_name', 'text'], ['reason', 'text'], ['raw', 'text']],
};

/** Raw text kept per quarantined row: enough to see what was wrong, not a whole file. */
export const QUARANTINE_RAW_LIMIT = 2000;

export interface QuarantineRow { line: number; reason: string; raw: string | undefined }

function parseSkipped(text: string | null): Record<string, number> {
  if (!text) return {};
  try { return JSON.parse(text) as Record<string, number>; } catch { return {}; }
}

export async function findImportRunBySha(db: Database | Tx, sha256: string): Promise<ImportRun | undefined> {
  const row = await tables<PopulationTables>(db).selectFrom('import_run').selectAll().where('file_sha256', '=', sha256).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: Number(row.id), fileName: row.file_name, sha256: row.file_sha256, format: row.format, status: row.status as ImportRunStatus,
    linesDone: Number(row.lines_done), loaded: Number(row.loaded), duplicates: Number(row.duplicates), quarantined: Number(row.quarantined),
    skipped: Number(row.skipped), skippedByType: parseSkipped(row.skipped_by_type), startedAt: row.started_at, finishedAt: row.finished_at ?? undefined,
  };
}

export async function createImportRun(db: Database | Tx, fileName: string, sha256: string, format: string): Promise<ImportRun> {
  await tables<PopulationTables>(db).insertInto('import_run')
    .values({ file_name: fileName, file_sha256: sha256, format, status: 'running', skipped_by_type: null, finished_at: null })
    .onConflict((oc) => oc.column('file_sha256').doNothing())
    .execute();
  return (await findImportRunBySha(db, sha256))!;
}

/** The checkpoint: written inside each batch's transaction. */
export async function saveImportCheckpoint(tx: Tx, runId: number, counters: ImportCounters): Promise<void> {
  await tables<PopulationTables>(tx).updateTable('import_run')
    .set({
      lines_done: counters.linesDone, loaded: counters.loaded, duplicates: counters.duplicates, quarantined: counters.quarantined,
      skipped: counters.skipped, skipped_by_type: JSON.stringify(counters.skippedByType),
    })
    .where('id', '=', runId)
    .execute();
}

export async function completeImportRun(db: Database | Tx, runId: number, format: string): Promise<void> {
  await tables<PopulationTables>(db).updateTable('import_run')
    .set({ status: 'completed', format, finished_at: new Date().toISOString() })
    .where('id', '=', runId)
    .execute();
}

export async function insertQuarantine(tx: Tx, runId: number, fileName: string, rows: readonly QuarantineRow[]): Promise<void> {
  await insertRows(tx, QUARANTINE, rows.map((r) => [runId, r.line, fileName, r.reason,
    r.raw === undefined ? null : r.raw.length > QUARANTINE_RAW_LIMIT ? `${r.raw.slice(0, QUARANTINE_RAW_LIMIT)}…` : r.raw]));
}

/** The first quarantined rows of a run, in line order (for the import summary and the UI). */
export async function listQuarantine(db: Database | Tx, runId: number, limit = 100): Promise<QuarantineRow[]> {
  const rows = await tables<PopulationTables>(db).selectFrom('import_quarantine').select(['line', 'reason', 'raw'])
    .where('run_id', '=', runId).orderBy('line').limit(limit).execute();
  return rows.map((r) => ({ line: Number(r.line), reason: r.reason, raw: r.raw ?? undefined }));
}
