import { spawn } from 'node:child_process';
import path from 'node:path';
import { DEFAULT_GENERATION_DATE } from '../src/modules/population/index.ts';
import { runDuckDbCores } from './duckdb-cores.ts';
import { startPgCluster } from './pg-cluster.ts';
import { writeDayOfActivity, type DayOfActivity } from './day-of-activity.ts';
import { ensureGeneratedStore, OUT, ROOT, SEAMLESS, writeResult } from './support.ts';

/**
 * Full stratification (all scores, the predictive model, segmentation and case finding) of a generated
 * place, as `seamless stratify` runs it, on the embedded store and on PostgreSQL: wall time, persons/s,
 * events/s and peak memory (GNU time's maximum resident set size of the process). Then the yardstick:
 * DuckDB computing the eFI, HFRS and Charlson cores for the same events already in memory
 * (bench/duckdb-cores.ts), and Seamless's ratio to it.
 *
 * Then the incremental case on each store: one day of new activity (bench/day-of-activity.ts: the
 * place's own records of the day before, under new ids) is imported, and `seamless stratify --changed`
 * recomputes only the people in it; its time, and how many people it read, are reported beside the
 * full run's.
 *
 * The place is generated as of DEFAULT_GENERATION_DATE and stratified as of that date.
 */
interface StratifyRun { store: string; seconds: number; persons: number; events: number; personsPerSecond: number; eventsPerSecond: number; peakMiB: number; phases: string; output: string }

function runStratify(env: Record<string, string>, store: string, extra: string[] = []): Promise<StratifyRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'PEAK_KIB %M WALL %e', SEAMLESS, 'stratify', '--as-of', DEFAULT_GENERATION_DATE, '--quiet', ...extra], {
      env: { ...process.env, SEAMLESS_OPERATOR: 'bench', SEAMLESS_OPERATOR_ROLE: 'care_coordinator', SEAMLESS_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); process.stdout.write(c); });
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.on('exit', (code) => {
      const peak = /PEAK_KIB (\d+) WALL ([\d.]+)/.exec(err);
      const line = /Stratified ([\d,]+) people .* and ([\d,]+) events .* in ([\d.]+) s/.exec(out);
      if (code !== 0 || !peak || !line) return reject(new Error(`seamless stratify failed (${code}): ${err.slice(-2000)}`));
      const num = (s: string) => Number(s.replace(/,/g, ''));
      const seconds = Number(line[3]);
      resolve({
        store, seconds, persons: num(line[1]!), events: num(line[2]!),
        personsPerSecond: Math.round(num(line[1]!) / seconds), eventsPerSecond: Math.round(num(line[2]!) / seconds),
        peakMiB: Math.round(Number(peak[1]) / 1024), phases: /\(Model .*\)/.exec(out)?.[0] ?? '', output: out,
      });
    });
    child.on('error', reject);
  });
}

function runSeamless(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(SEAMLESS, args, { env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seamless ${args.join(' ')} exited ${code}`))));
  });
}

interface IncrementalRun { store: string; dayRecords: number; dayPersons: number; importSeconds: number; seconds: number; persons: number; peakMiB: number }

/** Imports the day's files into a stratified store, then times `seamless stratify --changed`. */
async function runIncremental(env: Record<string, string>, store: string, day: DayOfActivity): Promise<IncrementalRun> {
  console.log(`\none day of new activity into ${store}: ${day.records.toLocaleString('en-GB')} records for ${day.persons.toLocaleString('en-GB')} people`);
  const importStart = performance.now();
  await runSeamless(['import', day.dir], { SEAMLESS_OPERATOR: 'bench', SEAMLESS_LOG_LEVEL: 'warn', ...env });
  const importSeconds = (performance.now() - importStart) / 1000;
  console.log(`\nstratify --changed on ${store}`);
  const run = await runStratify(env, store, ['--changed']);
  return { store, dayRecords: day.records, dayPersons: day.persons, importSeconds, seconds: run.seconds, persons: run.persons, peakMiB: run.peakMiB };
}

export async function benchStratify(options: { people: number; stores: string[]; duckdb: boolean }): Promise<void> {
  const dir = await ensureGeneratedStore(options.people, 1);
  // The day before the generation date, under ids no earlier bench run has imported.
  const day = writeDayOfActivity(path.join(dir, 'seamless.db'), path.join(OUT, `day-${options.people}`), '2026-10-31', `DAY-${Date.now().toString(36)}-`);
  const runs: StratifyRun[] = [];
  const incremental: IncrementalRun[] = [];
  if (options.stores.includes('sqlite')) {
    console.log(`\nstratify on SQLite (${options.people.toLocaleString('en-GB')} people)`);
    runs.push(await runStratify({ SEAMLESS_DATA_DIR: dir }, 'sqlite'));
    incremental.push(await runIncremental({ SEAMLESS_DATA_DIR: dir }, 'sqlite', day));
  }
  if (options.stores.includes('postgres')) {
    const cluster = startPgCluster();
    try {
      console.log(`\ngenerating the same place into PostgreSQL (not timed)`);
      await runSeamless(['generate', '--people', String(options.people), '--seed', '1'], { SEAMLESS_DATABASE_URL: cluster.url });
      console.log(`\nstratify on PostgreSQL`);
      runs.push(await runStratify({ SEAMLESS_DATABASE_URL: cluster.url }, 'postgres'));
      incremental.push(await runIncremental({ SEAMLESS_DATABASE_URL: cluster.url }, 'postgres', day));
    } finally {
      cluster.stop();
    }
  }
  let duck: Awaited<ReturnType<typeof runDuckDbCores>> | undefined;
  if (options.duckdb) {
    console.log('\nDuckDB: eFI, HFRS and Charlson cores on the same events, in memory (copying the store to CSV once, not timed)');
    duck = await runDuckDbCores(path.join(dir, 'seamless.db'), path.join(OUT, `duckdb-csv-${options.people}-seed-1`), DEFAULT_GENERATION_DATE);
    console.log(`DuckDB ${duck.threads} threads: cores for ${duck.persons.toLocaleString('en-GB')} people over ${duck.events.toLocaleString('en-GB')} rows in ${duck.seconds.toFixed(2)} s (load ${duck.loadSeconds.toFixed(1)} s, not timed)`);
  }
  for (const r of runs) {
    console.log(`${r.store}: ${r.seconds.toFixed(1)} s, ${r.personsPerSecond.toLocaleString('en-GB')} persons/s, ${r.eventsPerSecond.toLocaleString('en-GB')} events/s, peak ${r.peakMiB} MiB ${r.phases}`
      + (duck ? `; ${(r.seconds / duck.seconds).toFixed(1)}× DuckDB's cores time` : ''));
  }
  for (const r of incremental) {
    console.log(`${r.store} incremental: one day (${r.dayRecords.toLocaleString('en-GB')} records, ${r.dayPersons.toLocaleString('en-GB')} people) imported in ${r.importSeconds.toFixed(1)} s;`
      + ` stratify --changed read ${r.persons.toLocaleString('en-GB')} people in ${r.seconds.toFixed(2)} s, peak ${r.peakMiB} MiB`);
  }
  writeResult('stratify', { people: options.people, runs: runs.map(({ output: _o, ...r }) => r), incremental, duckdb: duck ?? null, root: path.relative(ROOT, dir) });
}
