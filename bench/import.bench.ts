import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startPgCluster } from './pg-cluster.ts';
import { OUT, ROOT, runSeamless, writeResult } from './support.ts';

/**
 * Import throughput of the CSV and FHIR NDJSON importers into SQLite and PostgreSQL, for a place
 * written to files by the generator, each import in a fresh store and its own process (peak memory).
 */
const FORMAT_DIRS: Record<string, string> = { csv: 'csv', ndjson: 'fhir' };

async function ensureFiles(people: number, format: string): Promise<string> {
  const dir = path.join(OUT, `files-${people}-seed-1`, FORMAT_DIRS[format]!);
  const done = path.join(path.dirname(dir), `.${format}-complete`);
  if (fs.existsSync(done)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`writing a ${people.toLocaleString('en-GB')}-person place as ${format} to ${path.relative(ROOT, dir)}`);
  const code = await runSeamless(['generate', '--people', String(people), '--seed', '1', '--today', '2026-11-01', '--out', dir, '--format', FORMAT_DIRS[format]!], {});
  if (code !== 0) throw new Error(`seamless generate --out failed with exit code ${code}`);
  fs.writeFileSync(done, new Date().toISOString());
  return dir;
}

function runChild(dir: string, target: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'import-child.ts'), dir, target], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 && code !== 2) return reject(new Error(`import exited with ${code}: ${out.slice(-500)}`));
      try { resolve(JSON.parse(line) as Record<string, number>); } catch { reject(new Error(`no result from import: ${out.slice(-500)}`)); }
    });
  });
}

export async function benchImport(options: { people: number; stores: string[]; formats: string[] }): Promise<void> {
  const cluster = options.stores.includes('postgres') ? startPgCluster() : undefined;
  const results: Record<string, unknown>[] = [];
  try {
    for (const format of options.formats) {
      const dir = await ensureFiles(options.people, format);
      for (const store of options.stores) {
        let target = 'sqlite';
        if (store === 'postgres') {
          const name = `bench_${format}_${Date.now()}`;
          const admin = new pg.Client({ connectionString: cluster!.url });
          await admin.connect();
          await admin.query(`CREATE DATABASE ${name}`);
          await admin.end();
          const url = new URL(cluster!.url);
          url.pathname = `/${name}`;
          target = url.toString();
        }
        console.log(`importing ${format} into ${store}…`);
        const r = await runChild(dir, target);
        console.log(`${format} → ${store}: ${r.records!.toLocaleString('en-GB')} records in ${r.seconds!.toFixed(1)} s = ${r.recordsPerSecond!.toLocaleString('en-GB')} records/s; peak memory ${r.peakRssMiB} MiB for ${(r.inputBytes! / 2 ** 30).toFixed(2)} GiB of files`);
        results.push({ format, store, ...r });
      }
    }
  } finally {
    cluster?.stop();
  }
  writeResult('import', { people: options.people, results });
}
