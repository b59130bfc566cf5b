import { parentPort, workerData } from 'node:worker_threads';
import type { CsvParseContext } from '../domain/csv-layouts.ts';
import { readCsvFile } from './csv-file.source.ts';
import { readBundleFile, readNdjsonFile } from './fhir-file.source.ts';
import type { ImportItem, ItemSink } from './import-item.ts';
import { loadImportVocabulary } from './import-vocabulary.ts';
import { encodeItems } from './item-codec.ts';

/**
 * The parsing half of an import, on its own thread: reads and parses one file and posts its records in
 * batches as text (item-codec.ts: cheaper to pass and read back than structured clones of small objects).
 * At most two batches are in flight; the thread waits for the writer's acknowledgement beyond that, so
 * memory stays bounded whatever the file size.
 */
export interface ParseJob {
  file: string;
  kind: 'csv' | 'ndjson' | 'bundle';
  resumeAfter: number;
  batchSize: number;
  today: string;
  now: string;
}

export type ParseMessage =
  | { type: 'items'; text: string; bytesRead: number }
  | { type: 'done'; format: string; ignoredColumns: string[]; bytesRead: number }
  | { type: 'error'; message: string };

const MAX_IN_FLIGHT = 2;

async function run(job: ParseJob): Promise<void> {
  const port = parentPort!;
  let inFlight = 0;
  let wake: (() => void) | undefined;
  port.on('message', () => { inFlight--; wake?.(); wake = undefined; });
  let items: ImportItem[] = [];
  const post = async (bytesRead: number) => {
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => { wake = resolve; });
    inFlight++;
    const message: ParseMessage = { type: 'items', text: encodeItems(items), bytesRead };
    items = [];
    port.postMessage(message);
  };
  const sink: ItemSink = {
    resumeAfter: job.resumeAfter,
    push(item) { items.push(item); },
    async drain(bytesRead) { if (items.length >= job.batchSize) await post(bytesRead); },
  };
  const ctx: CsvParseContext = { today: job.today, now: job.now, vocabulary: loadImportVocabulary() };
  let format: string;
  let ignoredColumns: string[] = [];
  if (job.kind === 'csv') ({ format, ignoredColumns } = await readCsvFile(job.file, ctx, sink));
  else if (job.kind === 'ndjson') ({ format } = await readNdjsonFile(job.file, ctx, sink));
  else ({ format } = await readBundleFile(job.file, ctx, sink));
  if (items.length > 0) await post(Number.MAX_SAFE_INTEGER);
  while (inFlight > 0) await new Promise<void>((resolve) => { wake = resolve; });
  const done: ParseMessage = { type: 'done', format, ignoredColumns, bytesRead: Number.MAX_SAFE_INTEGER };
  port.postMessage(done);
}

run(workerData as ParseJob).catch((error: unknown) => {
  const message: ParseMessage = { type: 'error', message: error instanceof Error ? error.message : String(error) };
  parentPort!.postMessage(message);
});
