import fs from 'node:fs';
import { createCsvTokenizer } from '../domain/csv-reader.ts';
import { detectCsvLayout, parseCsvRow, type BoundCsvLayout, type CsvParseContext } from '../domain/csv-layouts.ts';
import type { ItemSink } from './import-item.ts';

export interface CsvFileResult { format: string; ignoredColumns: string[] }

export const READ_CHUNK_BYTES = 1 << 20;

/**
 * Streams a CSV file through the tokenizer and the layout its header names, one chunk at a time.
 * A header no layout matches quarantines line 1 and reads no further.
 */
export async function readCsvFile(file: string, ctx: CsvParseContext, sink: ItemSink): Promise<CsvFileResult> {
  let bound: BoundCsvLayout | undefined;
  let headerError: string | undefined;
  let sawHeader = false;
  const resumeAfter = sink.resumeAfter;
  const tokenizer = createCsvTokenizer((fields, line, raw, error) => {
    if (!sawHeader) {
      sawHeader = true;
      if (error !== undefined) { headerError = `header: ${error}`; sink.push({ t: 'quarantine', line, raw, reason: headerError }); return; }
      const detected = detectCsvLayout(fields);
      if (!detected.ok) { headerError = detected.reason; if (line > resumeAfter) sink.push({ t: 'quarantine', line, raw, reason: detected.reason }); return; }
      bound = detected.bound;
      return;
    }
    if (bound === undefined || line <= resumeAfter) return;
    if (error !== undefined) { sink.push({ t: 'quarantine', line, raw, reason: error }); return; }
    const row = parseCsvRow(bound, fields, ctx);
    if (row.ok) sink.push({ t: 'record', line, identity: row.identity, activity: row.activity });
    else sink.push({ t: 'quarantine', line, raw, reason: row.reason });
  });
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: READ_CHUNK_BYTES });
  try {
    for await (const chunk of stream) {
      tokenizer.push(chunk as string);
      if (headerError !== undefined) break;
      await sink.drain(stream.bytesRead);
    }
    if (headerError === undefined) tokenizer.end();
  } finally {
    stream.destroy();
  }
  if (!sawHeader && resumeAfter < 1) sink.push({ t: 'quarantine', line: 1, raw: '', reason: 'file is empty: a CSV file needs a header row' });
  await sink.drain(stream.bytesRead);
  return { format: bound ? `csv/${bound.layout.name}` : 'csv', ignoredColumns: bound?.ignoredColumns ?? [] };
}
