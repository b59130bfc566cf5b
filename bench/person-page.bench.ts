import fs from 'node:fs';
import os from 'node:os';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openStore } from '../src/migrations.ts';
import { createDemoUsers } from '../src/modules/governance/index.ts';
import { ensureGeneratedStore, percentile, ROOT, startSeamless, writeResult } from './support.ts';

/**
 * Person page API latency: the two requests the person page makes (record + timeline) for people on
 * a GP's registered list, from 50 concurrent clients, against a server in its own process on a
 * generated place — with enforcement (signed-in session, access filter in the queries, every read
 * audited) and without (bench/unenforced-server.ts), same people, same order, the two servers side by
 * side taking the load in alternating slices.
 * p95 is computed from every response time (autocannon's summary has no p95).
 */
interface Target { name: string; start: () => ChildProcess; cookie?: () => Promise<string> }

async function waitForServer(server: ChildProcess): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => { if (chunk.toString().includes('running at')) resolve(); });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function load(port: number, ids: number[], pathFor: (id: number) => string, options: { connections: number; seconds: number }, cookie?: string) {
  let next = 0;
  const times: number[] = [];
  const summary = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: options.connections,
      duration: options.seconds,
      headers: cookie ? { cookie } : {},
      requests: [{ setupRequest: (req) => ({ ...req, path: pathFor(ids[next++ % ids.length]!) }) }],
    }, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => { if (status === 200) times.push(responseTime); });
  });
  return { times, requests: summary.requests.total, non2xx: summary.non2xx, errors: summary.errors, seconds: options.seconds };
}

/** CPU time (user + system, all threads) a process has used so far, in ms (Linux /proc). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

/** Latency figures over every response of a target's slices, and the server's CPU per request. */
function summarise(slices: (Awaited<ReturnType<typeof load>> & { cpuMs: number })[]) {
  const times = slices.flatMap((r) => r.times).sort((a, b) => a - b);
  const requests = slices.reduce((n, r) => n + r.requests, 0);
  const seconds = slices.reduce((n, r) => n + r.seconds, 0);
  return { requests, non2xx: slices.reduce((n, r) => n + r.non2xx, 0), errors: slices.reduce((n, r) => n + r.errors, 0), requestsPerSecond: Math.round(requests / seconds),
    p50ms: percentile(times, 50), p95ms: percentile(times, 95), p99ms: percentile(times, 99),
    serverCpuMsPerRequest: Number((slices.reduce((n, r) => n + r.cpuMs, 0) / requests).toFixed(3)) };
}

export async function benchPersonPage(options: { people: number; connections: number; seconds: number; port: number }): Promise<void> {
  const dir = await ensureGeneratedStore(options.people, 1);
  const db = await openStore({ dataDir: dir });
  const gp = (await createDemoUsers(db)).find((u) => u.role === 'gp');
  if (!gp?.password) throw new Error('no demo GP account with a known password in the bench store');
  const rows = await sql<{ id: number }>`select id from person where gp_practice_code = ${gp.orgCode} order by id`.execute(db.kysely);
  await db.close();
  // Both servers work on a copy, dropped afterwards: every run starts from the same store (the audit
  // log, for one, grows by about 100,000 rows a run, which made runs drift apart).
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-bench-person-page-'));
  fs.cpSync(dir, work, { recursive: true, filter: (source) => !/-(wal|shm)$/.test(source) });
  // The same shuffled list for both runs (a fixed-seed shuffle), all on the GP's registered list.
  const ids = rows.rows.map((r) => Number(r.id));
  let seed = 7;
  for (let i = ids.length - 1; i > 0; i--) { seed = (seed * 1103515245 + 12345) % 2 ** 31; const j = seed % (i + 1); [ids[i], ids[j]] = [ids[j]!, ids[i]!]; }

  // Both servers run side by side (enforced on port, unenforced on port + 1) and take the load in
  // alternating slices, so drift on the machine (other work, caches, clock) falls on both alike.
  const env = (port: number) => ({ SEAMLESS_DATA_DIR: work, SEAMLESS_PORT: String(port), SEAMLESS_LOG_LEVEL: 'warn', SEAMLESS_RATE_LIMIT: '0' });
  const enforcedPort = options.port;
  const unenforcedPort = options.port + 1;
  const targets: (Target & { port: number })[] = [
    {
      name: 'enforced',
      port: enforcedPort,
      start: () => startSeamless(['serve'], env(enforcedPort)),
      cookie: async () => {
        const res = await fetch(`http://127.0.0.1:${enforcedPort}/api/governance/session`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: gp.username, password: gp.password }),
        });
        if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
        return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      },
    },
    {
      name: 'unenforced',
      port: unenforcedPort,
      start: () => spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'unenforced-server.ts'), work, String(unenforcedPort)], { cwd: ROOT, env: { ...process.env, ...env(unenforcedPort) }, stdio: ['ignore', 'pipe', 'inherit'] }),
    },
  ];
  const results: Record<string, Record<string, unknown>> = {};
  const servers = targets.map((t) => t.start());
  try {
    await Promise.all(servers.map(waitForServer));
    const cookies = await Promise.all(targets.map((t) => (t.cookie ? t.cookie() : Promise.resolve(undefined))));
    const SLICES = 4;
    for (const [name, pathFor] of [
      ['record', (id: number) => `/api/population/persons/${id}`],
      ['timeline', (id: number) => `/api/population/persons/${id}/timeline`],
    ] as const) {
      // Warm both first (JIT, and the store's pages in the OS cache).
      for (const [i, t] of targets.entries()) await load(t.port, ids, pathFor, { ...options, seconds: Math.min(5, options.seconds) }, cookies[i]);
      const slices: (Awaited<ReturnType<typeof load>> & { cpuMs: number })[][] = targets.map(() => []);
      for (let slice = 0; slice < SLICES; slice++) {
        const order = slice % 2 === 0 ? [0, 1] : [1, 0];
        for (const i of order) {
          const before = cpuMs(servers[i]!.pid!);
          const r = await load(targets[i]!.port, ids, pathFor, { ...options, seconds: Math.max(1, Math.round(options.seconds / SLICES)) }, cookies[i]);
          slices[i]!.push({ ...r, cpuMs: cpuMs(servers[i]!.pid!) - before });
        }
      }
      for (const [i, t] of targets.entries()) {
        const r = summarise(slices[i]!);
        (results[t.name] ??= {})[name] = r;
        console.log(`${t.name} ${name}: p50 ${r.p50ms} ms, p95 ${r.p95ms} ms, p99 ${r.p99ms} ms, ${r.requestsPerSecond} req/s, server CPU ${r.serverCpuMsPerRequest} ms/request, non-2xx ${r.non2xx}`);
      }
    }
  } finally {
    for (const server of servers) server.kill('SIGTERM');
    await Promise.all(servers.map((server) => new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)))));
    fs.rmSync(work, { recursive: true, force: true });
  }
  const overhead: Record<string, string> = {};
  for (const name of ['record', 'timeline']) {
    const on = (results.enforced![name] as { p95ms: number }).p95ms;
    const off = (results.unenforced![name] as { p95ms: number }).p95ms;
    overhead[name] = `${(((on - off) / off) * 100).toFixed(1)}%`;
    console.log(`${name}: p95 with enforcement ${on} ms, without ${off} ms, overhead ${overhead[name]}`);
  }
  writeResult('person-page', { people: options.people, connections: options.connections, seconds: options.seconds, gpListSize: ids.length, results, p95Overhead: overhead });
}
