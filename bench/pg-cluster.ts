import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL cluster on a temporary directory and Unix socket (no TCP), for benchmarks.
 * initdb refuses to run as root, so as root the server runs as the postgres user.
 */
export interface PgCluster { url: string; stop(): void }

export function startPgCluster(): PgCluster {
  const bin = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-bench-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const run = (cmd: string, args: string[]) =>
    asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { stdio: 'ignore' })
      : execFileSync(path.join(bin, cmd), args, { stdio: 'ignore' });
  run('initdb', ['-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres']);
  // Durability settings as a bulk-load window would use them; the figures say so.
  run('pg_ctl', ['-D', `${dir}/data`, '-l', `${dir}/log`, '-w', '-o',
    `-k ${dir} -c listen_addresses='' -c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min -c synchronous_commit=off -c max_connections=100`, 'start']);
  return {
    url: `postgres://postgres@localhost/postgres?host=${dir}`,
    stop() {
      try { run('pg_ctl', ['-D', `${dir}/data`, '-m', 'immediate', 'stop']); } catch { /* already stopped */ }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
