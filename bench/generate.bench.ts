import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../src/migrations.ts';
import { generateSyntheticPlace } from '../src/modules/population/index.ts';
import { writeResult } from './support.ts';

/** Generate and load a place into a fresh embedded SQLite store (file, WAL), timed end to end. */
export async function benchGenerate(options: { people: number; seed: number }): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-bench-generate-'));
  try {
    const started = process.hrtime.bigint();
    const db = await openStore({ dataDir: dir, backgroundCheckpoints: true });
    const summary = await generateSyntheticPlace(db, { people: options.people, seed: options.seed, today: '2026-11-01' });
    await db.close();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rows = summary.events + summary.people;
    console.log(`generated and loaded ${options.people.toLocaleString('en-GB')} people, ${summary.events.toLocaleString('en-GB')} events in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString('en-GB')} rows/s)`);
    writeResult('generate', { people: options.people, seed: options.seed, events: summary.events, seconds, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
