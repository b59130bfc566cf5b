import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const OUT = path.join(ROOT, 'bench', 'out');
export const SEAMLESS = path.join(ROOT, 'bin', 'seamless');

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Runs bin/seamless with an environment and resolves with its exit code; output goes to ours. */
export function runSeamless(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(SEAMLESS, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

export function startSeamless(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(SEAMLESS, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function writeResult(name: string, result: unknown): void {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ machine: machine(), ...result as object }, null, 2));
  console.log(`result written to ${path.relative(ROOT, file)}`);
}

/** A generated place kept between runs (bench/out/place-N-seed-S/seamless.db), so benches reuse it. */
export async function ensureGeneratedStore(people: number, seed: number): Promise<string> {
  const dir = path.join(OUT, `place-${people}-seed-${seed}`);
  const done = path.join(dir, '.complete');
  if (fs.existsSync(done)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const code = await runSeamless(['generate', '--people', String(people), '--seed', String(seed)], { SEAMLESS_DATA_DIR: dir });
  if (code !== 0) throw new Error(`seamless generate failed with exit code ${code}`);
  fs.writeFileSync(done, new Date().toISOString());
  return dir;
}
