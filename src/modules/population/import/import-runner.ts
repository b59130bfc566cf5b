import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { withTransaction, type Database, type Tx } from '../../../kernel/db/database.ts';
import { todayIso } from '../../../kernel/dates.ts';
import { SeamlessError } from '../../../kernel/errors.ts';
import { createProgress, type Progress, type ProgressMode } from '../../../kernel/progress.ts';
import type { ActivityKind, ApcSpell } from '../domain/activity.ts';
import { detectCsvLayout } from '../domain/csv-layouts.ts';
import { ownString } from '../domain/csv-values.ts';
import { createCsvTokenizer } from '../domain/csv-reader.ts';
import { insertActivities, type PersonActivity } from '../store/activity.repository.ts';
import { readCsvFile } from './csv-file.source.ts';
import { readBundleFile, readNdjsonFile } from './fhir-file.source.ts';
import {
  completeImportRun, createImportRun, findImportRunBySha, insertQuarantine, listQuarantine, saveImportCheckpoint,
  type ImportCounters, type QuarantineRow,
} from './import-run.repository.ts';
import type { ImportItem, ItemSink } from './import-item.ts';
import type { ParseJob, ParseMessage } from './parse.worker.ts';
import { decodeItems } from './item-codec.ts';
import { loadImportVocabulary } from './import-vocabulary.ts';
import { createPersonResolver, type PersonResolver } from './person-resolver.ts';
import {
  findStoredSpells, insertSpellDiagnoses, insertSpellProcedures, setPrimaryDiagnosis, spellRefKey, type SpellDiagnosisRow,
  type SpellProcedureRow, type SpellRef,
} from './spell-detail.repository.ts';

/**
 * Loads CSV extracts and FHIR R4 files into the linked population, a batch of records per transaction.
 * Each batch writes its persons, activity, quarantined rows and the run's checkpoint together, so a
 * run that is killed resumes after its last committed batch when started again, and a file already
 * imported (same SHA-256) is reported and left alone. Every rejected record is kept in
 * import_quarantine with its line, reason and raw text.
 */
export interface ImportOptions {
  /** Records per transaction (default DEFAULT_PERSONS_BATCH_SIZE for persons files, else DEFAULT_IMPORT_BATCH_SIZE). */
  batchSize?: number;
  /** Progress display: the CLI uses 'auto'; the default is silent. */
  progress?: ProgressMode;
  /** Today's date (YYYY-MM-DD) for the 'in the future' checks; default the real date. */
  today?: string;
  /** Tests: fail inside the transaction of the batch after this many batches have committed. */
  failAfterBatches?: number;
  /** Quarantined rows to return per file in the summary (default 5). */
  quarantineSample?: number;
  /**
   * Parse on a second thread while this one writes: 'auto' (default) for FHIR files of 8 MB or more on
   * a machine with 4 or more cores, 'always' (tests), 'never'. CSV stays on this thread under 'auto':
   * reading a CSV row costs about as much as passing the parsed record between threads. On two cores the
   * parsing thread competes with the writer and the database and was measured slower, so it is not used.
   */
  parseInWorker?: 'auto' | 'always' | 'never';
}

/**
 * Records per transaction, by default. A persons file writes into indexes keyed at random (date of
 * birth, family name, NHS number), so each insert lands on a different page, and every commit writes
 * each page it touched to the write-ahead log in full: fewer, larger commits write each page once for
 * many persons. Loading 1,000,000 persons into SQLite wrote 9.4 GB and took 44.4 s in batches of
 * 5,000, and wrote 2.1 GB in 31.6 s in batches of 50,000. Activity is keyed by person, so its inserts
 * land together whatever the batch; there larger batches only keep more records alive between
 * collections, and 2.8M activity records loaded 5-8% slower in batches of 50,000. Resuming after a
 * crash repeats at most one batch.
 */
export const DEFAULT_IMPORT_BATCH_SIZE = 5000;
export const DEFAULT_PERSONS_BATCH_SIZE = 50_000;

export type FileImportStatus = 'imported' | 'resumed' | 'already_imported';

export interface FileImportSummary {
  file: string;
  format: string;
  status: FileImportStatus;
  runId: number;
  /** Records read in this invocation (a resumed run counts only what it read after the checkpoint). */
  records: number;
  loaded: number;
  duplicates: number;
  quarantined: number;
  skipped: number;
  skippedByType: Record<string, number>;
  personsCreated: number;
  seconds: number;
  ignoredColumns: string[];
  quarantineSample: QuarantineRow[];
}

export interface ImportSummary {
  files: FileImportSummary[];
  records: number;
  loaded: number;
  duplicates: number;
  quarantined: number;
  skipped: number;
  personsCreated: number;
  seconds: number;
  eventsPerSecond: number;
}

const IMPORT_EXTENSIONS = new Set(['.csv', '.json', '.ndjson', '.jsonl']);
const RUN_INDEX_LIMIT = 2_000_000;

/** Imports files and directories (every .csv, .json and .ndjson inside, persons and Patients first). */
export async function importFiles(db: Database, paths: readonly string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const files = await orderInputs(await expandPaths(paths));
  const totalKb = Math.max(1, Math.round(files.reduce((sum, f) => sum + f.size, 0) / 1024));
  const progress = createProgress('Importing', totalKb, 'kB', options.progress ?? 'silent');
  const state: RunnerState = { batchesCommitted: 0, resolver: createPersonResolver(), progress, encounters: new Map() };
  const summaries: FileImportSummary[] = [];
  try {
    for (const file of files) summaries.push(await importOneFile(db, file, options, state));
  } finally {
    progress.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  // Files imported before count in their own line of the summary, not in this invocation's totals.
  const sum = (pick: (s: FileImportSummary) => number) => summaries.reduce((t, s) => t + (s.status === 'already_imported' ? 0 : pick(s)), 0);
  const records = sum((s) => s.records);
  return {
    files: summaries, records, loaded: sum((s) => s.loaded), duplicates: sum((s) => s.duplicates), quarantined: sum((s) => s.quarantined),
    skipped: sum((s) => s.skipped), personsCreated: sum((s) => s.personsCreated), seconds, eventsPerSecond: seconds > 0 ? records / seconds : 0,
  };
}

interface InputFile { path: string; kind: 'csv' | 'ndjson' | 'bundle'; size: number; priority: number; personsFile: boolean }

interface RunnerState {
  batchesCommitted: number;
  resolver: PersonResolver;
  progress: Progress;
  /** Encounters loaded in this run (all files), by every reference other resources may use for them. */
  encounters: Map<string, EncounterEntry>;
}

async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try { stat = await fs.promises.stat(p); } catch {
      throw new SeamlessError('SEAMLESS_ERR_POPULATION_IMPORT_NOT_FOUND', 400, `${p}: no such file or directory`);
    }
    if (stat.isDirectory()) {
      const names = (await fs.promises.readdir(p)).filter((n) => IMPORT_EXTENSIONS.has(path.extname(n).toLowerCase())).sort();
      for (const name of names) out.push(path.join(p, name));
    } else {
      if (!IMPORT_EXTENSIONS.has(path.extname(p).toLowerCase())) {
        throw new SeamlessError('SEAMLESS_ERR_POPULATION_IMPORT_FORMAT', 400, `${p}: not a .csv, .json or .ndjson file`);
      }
      out.push(p);
    }
  }
  return out;
}

/**
 * Persons before what refers to them: CSV persons files and NDJSON Patients first, then NDJSON
 * Encounters (so Conditions and Procedures find their spells), then everything else, by name.
 */
async function orderInputs(files: string[]): Promise<InputFile[]> {
  const inputs: InputFile[] = [];
  for (const file of files) {
    const ext = path.extname(file).toLowerCase();
    const kind = ext === '.csv' ? 'csv' : ext === '.json' ? 'bundle' : 'ndjson';
    const size = (await fs.promises.stat(file)).size;
    const head = await readHead(file);
    let priority = 2;
    if (kind === 'csv') {
      let header: string[] | undefined;
      const tokenizer = createCsvTokenizer((fields) => { header ??= fields; });
      tokenizer.push(head);
      const detected = header ? detectCsvLayout(header) : undefined;
      if (detected?.ok && detected.bound.layout.kind === 'person') priority = 0;
    } else if (kind === 'ndjson') {
      const type = /"resourceType"\s*:\s*"([A-Za-z]+)"/.exec(head.slice(0, head.indexOf('\n') >= 0 ? head.indexOf('\n') : head.length))?.[1];
      priority = type === 'Patient' ? 0 : type === 'Encounter' ? 1 : 2;
    }
    inputs.push({ path: file, kind, size, priority, personsFile: priority === 0 });
  }
  return inputs.sort((a, b) => a.priority - b.priority || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function readHead(file: string): Promise<string> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** What a later record may need to know about an Encounter loaded earlier in the same run. */
interface EncounterEntry { kind: ActivityKind; personId: number; key: string; spell?: ApcSpell | undefined }

async function importOneFile(db: Database, file: InputFile, options: ImportOptions, state: RunnerState): Promise<FileImportSummary> {
  const started = performance.now();
  const sha = await sha256File(file.path);
  const existing = await findImportRunBySha(db, sha);
  const sampleSize = options.quarantineSample ?? 5;
  if (existing?.status === 'completed') {
    state.progress.increment(Math.round(file.size / 1024));
    return {
      file: file.path, format: existing.format, status: 'already_imported', runId: existing.id, records: 0, loaded: existing.loaded,
      duplicates: existing.duplicates, quarantined: existing.quarantined, skipped: existing.skipped, skippedByType: existing.skippedByType,
      personsCreated: 0, seconds: (performance.now() - started) / 1000, ignoredColumns: [], quarantineSample: await listQuarantine(db, existing.id, sampleSize),
    };
  }
  const run = existing ?? await createImportRun(db, file.path, sha, file.kind === 'csv' ? 'csv' : file.kind === 'ndjson' ? 'fhir-ndjson' : 'fhir-bundle');
  const counters: ImportCounters = {
    linesDone: run.linesDone, loaded: run.loaded, duplicates: run.duplicates, quarantined: run.quarantined, skipped: run.skipped,
    skippedByType: { ...run.skippedByType },
  };
  const batchSize = Math.max(1, options.batchSize ?? (file.personsFile ? DEFAULT_PERSONS_BATCH_SIZE : DEFAULT_IMPORT_BATCH_SIZE));
  const today = options.today ?? todayIso();
  const now = options.today ? `${options.today}T23:59:59.999Z` : new Date().toISOString();
  const parse = { today, now, vocabulary: loadImportVocabulary() };
  const createdBefore = state.resolver.stats.created;
  let records = 0;
  let pending: ImportItem[] = [];
  let bytesReported = 0;

  const flush = async (items: ImportItem[]) => {
    if (items.length === 0) return;
    const next = await writeBatch(db, run.id, file.path, items, counters, state, options);
    Object.assign(counters, next);
    records += items.length;
  };
  // One batch may be committing while the next is read, so PostgreSQL works while this thread parses;
  // a batch never starts before the one ahead of it has committed, and a failure surfaces at the next.
  let writing: Promise<void> | undefined;
  const write = async (items: ImportItem[]) => {
    if (writing) await writing;
    writing = flush(items);
    writing.catch(() => undefined);
  };
  const sink: ItemSink = {
    resumeAfter: run.linesDone,
    push(item) { pending.push(item); },
    async drain(bytesRead) {
      while (pending.length >= batchSize) {
        const batch = pending.slice(0, batchSize);
        pending = pending.slice(batchSize);
        await write(batch);
      }
      const kb = Math.floor(Math.min(bytesRead, file.size) / 1024);
      if (kb > bytesReported) { state.progress.increment(kb - bytesReported); bytesReported = kb; }
    },
  };
  let format: string;
  let ignoredColumns: string[] = [];
  const inWorker = options.parseInWorker === 'always'
    || ((options.parseInWorker ?? 'auto') === 'auto' && file.kind !== 'csv' && file.size >= WORKER_MIN_BYTES && os.availableParallelism() >= WORKER_MIN_CORES);
  try {
    if (inWorker) {
      ({ format, ignoredColumns } = await readInWorker({ file: file.path, kind: file.kind, resumeAfter: run.linesDone, batchSize, today, now }, sink));
    } else if (file.kind === 'csv') {
      ({ format, ignoredColumns } = await readCsvFile(file.path, parse, sink));
    } else if (file.kind === 'ndjson') {
      format = (await readNdjsonFile(file.path, parse, sink)).format;
    } else {
      format = (await readBundleFile(file.path, parse, sink)).format;
    }
  } catch (error) {
    await writing?.catch(() => undefined); // let a batch still committing finish before reporting
    throw error;
  }
  const last = pending;
  pending = [];
  await write(last);
  await writing;
  await completeImportRun(db, run.id, format);
  const totalKb = Math.round(file.size / 1024);
  if (totalKb > bytesReported) state.progress.increment(totalKb - bytesReported);
  return {
    file: file.path, format, status: existing ? 'resumed' : 'imported', runId: run.id, records, loaded: counters.loaded,
    duplicates: counters.duplicates, quarantined: counters.quarantined, skipped: counters.skipped, skippedByType: counters.skippedByType,
    personsCreated: state.resolver.stats.created - createdBefore, seconds: (performance.now() - started) / 1000, ignoredColumns,
    quarantineSample: counters.quarantined > 0 ? await listQuarantine(db, run.id, sampleSize) : [],
  };
}

const WORKER_MIN_BYTES = 8 * 1024 * 1024;
const WORKER_MIN_CORES = 4;

/** Reads a file on the parsing thread, handing its records to the sink in order, batch by batch. */
async function readInWorker(job: ParseJob, sink: ItemSink): Promise<{ format: string; ignoredColumns: string[] }> {
  const worker = new Worker(new URL('./parse-worker-boot.mjs', import.meta.url), { workerData: job });
  try {
    return await new Promise((resolve, reject) => {
      let chain = Promise.resolve();
      worker.on('message', (message: ParseMessage) => {
        chain = chain.then(async () => {
          if (message.type === 'items') {
            for (const item of decodeItems(message.text)) sink.push(item);
            await sink.drain(message.bytesRead);
            worker.postMessage('ack');
          } else if (message.type === 'done') {
            await sink.drain(message.bytesRead);
            resolve({ format: message.format, ignoredColumns: message.ignoredColumns });
          } else {
            reject(new SeamlessError('SEAMLESS_ERR_POPULATION_IMPORT_READ', 500, `${job.file}: ${message.message}`));
          }
        }).catch(reject);
      });
      worker.on('error', reject);
      worker.on('exit', (code) => { if (code !== 0) reject(new SeamlessError('SEAMLESS_ERR_POPULATION_IMPORT_READ', 500, `${job.file}: the parsing thread stopped (exit ${code})`)); });
    });
  } finally {
    await worker.terminate();
  }
}

/** One batch in one transaction: persons, activity, spell details, quarantine and the checkpoint. */
async function writeBatch(
  db: Database, runId: number, fileName: string, items: ImportItem[], before: ImportCounters, state: RunnerState, options: ImportOptions,
): Promise<ImportCounters> {
  const runIndex = state.encounters;
  const counters: ImportCounters = { ...before, skippedByType: { ...before.skippedByType } };
  const batchEncounters = new Map<string, EncounterEntry>();
  try {
    await withTransaction(db, async (tx) => {
      const located = items.filter((i): i is Extract<ImportItem, { t: 'record' | 'detail' }> => i.t === 'record' || i.t === 'detail');
      const resolved = await state.resolver.resolve(tx, located.map((i) => i.identity));
      const activities: PersonActivity[] = [];
      const quarantine: QuarantineRow[] = [];
      const details: { item: Extract<ImportItem, { t: 'detail' }>; personId: number }[] = [];
      located.forEach((item, i) => {
        const { personId, created } = resolved[i]!;
        if (item.t === 'detail') { details.push({ item, personId }); return; }
        if (item.activity === undefined) {
          if (created) counters.loaded++; else counters.duplicates++;
          return;
        }
        activities.push({ personId, activity: item.activity });
        for (const ref of item.encounterRefs ?? []) {
          batchEncounters.set(ref, {
            kind: item.activity.kind, personId, key: item.activity.recordKey,
            spell: item.activity.kind === 'apc_spell' ? item.activity : undefined,
          });
        }
      });
      for (const item of items) {
        if (item.t === 'quarantine') { quarantine.push({ line: item.line, reason: item.reason, raw: item.raw }); counters.quarantined++; }
        else if (item.t === 'skip') { counters.skipped++; counters.skippedByType[item.label] = (counters.skippedByType[item.label] ?? 0) + 1; }
      }
      if (details.length > 0) await applySpellDetails(tx, details, batchEncounters, runIndex, activities, quarantine, counters);
      const written = await insertActivities(tx, activities);
      counters.loaded += written.inserted;
      counters.duplicates += written.duplicates;
      await insertQuarantine(tx, runId, fileName, quarantine);
      counters.linesDone = items[items.length - 1]!.line;
      await saveImportCheckpoint(tx, runId, counters);
      if (options.failAfterBatches !== undefined && state.batchesCommitted >= options.failAfterBatches) {
        throw new SeamlessError('SEAMLESS_ERR_POPULATION_IMPORT_INTERRUPTED', 500,
          `import interrupted on purpose after ${options.failAfterBatches} batch(es) (failAfterBatches)`);
      }
    });
  } catch (error) {
    state.resolver.rollback();
    throw error;
  }
  state.resolver.commit();
  state.batchesCommitted++;
  if (runIndex.size + batchEncounters.size > RUN_INDEX_LIMIT) runIndex.clear();
  for (const [ref, entry] of batchEncounters) runIndex.set(ownString(ref), { kind: entry.kind, personId: entry.personId, key: ownString(entry.key) });
  return counters;
}

/**
 * Conditions and Procedures that belong to a hospital spell: added to the spell in this batch, or to
 * one stored earlier; when the Encounter is not a spell, a SNOMED CT coding still makes a GP coded
 * event; when the Encounter is unknown the record is quarantined with what to do.
 */
async function applySpellDetails(
  tx: Tx, details: { item: Extract<ImportItem, { t: 'detail' }>; personId: number }[], batchEncounters: Map<string, EncounterEntry>,
  runIndex: Map<string, EncounterEntry>, activities: PersonActivity[], quarantine: QuarantineRow[], counters: ImportCounters,
): Promise<void> {
  const stored: { item: Extract<ImportItem, { t: 'detail' }>; personId: number; ref: SpellRef }[] = [];
  const skip = (label: string) => { counters.skipped++; counters.skippedByType[label] = (counters.skippedByType[label] ?? 0) + 1; };
  const reject = (item: Extract<ImportItem, { t: 'detail' }>, reason: string) => {
    quarantine.push({ line: item.line, reason: `${item.resourceType}: ${reason}`, raw: item.raw });
    counters.quarantined++;
  };
  const notSpell = (item: Extract<ImportItem, { t: 'detail' }>, personId: number, what: string) => {
    if (item.otherwise) activities.push({ personId, activity: item.otherwise });
    else skip(`${item.resourceType} (${item.diagnosis !== undefined ? 'ICD-10' : 'OPCS-4'} on ${what})`);
  };
  for (const detail of details) {
    const { item, personId } = detail;
    const entry = batchEncounters.get(item.link.ref) ?? runIndex.get(item.link.ref);
    if (entry === undefined) { stored.push({ item, personId, ref: { personId, recordKey: item.link.key ?? item.link.id } }); continue; }
    if (entry.kind !== 'apc_spell') { notSpell(item, personId, `an Encounter that is not a hospital spell`); continue; }
    if (entry.personId !== personId) { reject(item, `its subject is not the patient of ${item.link.ref}`); continue; }
    if (entry.spell) {
      if (addToSpell(entry.spell, item)) counters.loaded++; else counters.duplicates++;
      continue;
    }
    stored.push({ item, personId, ref: { personId, recordKey: entry.key } });
  }
  if (stored.length === 0) return;
  const spells = await findStoredSpells(tx, stored.map((s) => s.ref));
  const diagnoses: SpellDiagnosisRow[] = [];
  const procedures: SpellProcedureRow[] = [];
  for (const { item, personId, ref } of stored) {
    const spell = spells.get(spellRefKey(ref.personId, ref.recordKey));
    if (!spell) {
      if (item.otherwise) activities.push({ personId, activity: item.otherwise });
      else reject(item, `refers to ${item.link.ref}, which is not a hospital spell loaded in Seamless (import the Encounter first; ICD-10 and OPCS-4 codes are kept on hospital spells only)`);
      continue;
    }
    if (item.diagnosis !== undefined) {
      if (spell.diagnoses.includes(item.diagnosis)) { counters.duplicates++; continue; }
      spell.diagnoses.push(item.diagnosis);
      diagnoses.push({ ...ref, position: spell.diagnoses.length, code: item.diagnosis });
      if (spell.diagnoses.length === 1) await setPrimaryDiagnosis(tx, ref, item.diagnosis);
    } else if (item.procedure !== undefined) {
      if (spell.procedures.includes(item.procedure.code)) { counters.duplicates++; continue; }
      spell.procedures.push(item.procedure.code);
      procedures.push({ ...ref, position: spell.procedures.length, code: item.procedure.code, date: item.procedure.date });
    }
    counters.loaded++;
  }
  await insertSpellDiagnoses(tx, diagnoses);
  await insertSpellProcedures(tx, procedures);
}

/** Adds a diagnosis or procedure to a spell read in the same batch; false when it already has it. */
function addToSpell(spell: ApcSpell, item: Extract<ImportItem, { t: 'detail' }>): boolean {
  if (item.diagnosis !== undefined) {
    if (spell.diagnoses.includes(item.diagnosis)) return false;
    spell.diagnoses.push(item.diagnosis);
    return true;
  }
  if (item.procedure !== undefined) {
    if (spell.procedures.some((p) => p.code === item.procedure!.code)) return false;
    spell.procedures.push({ code: item.procedure.code, date: item.procedure.date });
    return true;
  }
  return false;
}
