import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../src/migrations.ts';
import { importFiles } from '../src/modules/population/index.ts';

/**
 * One measured import in its own process, so its peak memory (maxRSS) is the import's alone.
 * argv: <dir of files> <'sqlite' | postgres URL>. Prints one JSON line.
 */
const [dir, target] = process.argv.slice(2) as [string, string];
const sqliteDir = target === 'sqlite' ? fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-bench-import-')) : undefined;
const db = await openStore(sqliteDir ? { dataDir: sqliteDir, backgroundCheckpoints: true } : { databaseUrl: target });
try {
  const summary = await importFiles(db, [dir], { progress: 'lines', today: '2026-11-23' });
  const bytes = fs.readdirSync(dir).reduce((t, f) => t + fs.statSync(path.join(dir, f)).size, 0);
  console.log(JSON.stringify({
    records: summary.records, loaded: summary.loaded, duplicates: summary.duplicates, quarantined: summary.quarantined, skipped: summary.skipped,
    personsCreated: summary.personsCreated, seconds: summary.seconds, recordsPerSecond: Math.round(summary.eventsPerSecond),
    inputBytes: bytes, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
} finally {
  await db.close();
  if (sqliteDir) fs.rmSync(sqliteDir, { recursive: true, force: true });
}
