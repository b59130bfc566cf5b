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
 * generated place — once with enforcement (signed-in session, access filter in the queries, every
 * read audited) and once without (bench/unenforced-server.ts), same people, same order.
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
  times.sort((a, b) => a - b);
  return { requests: summary.requests.total, non2xx: summary.non2xx, errors: summary.errors, requestsPerSecond: summary.requests.average,
    p50ms: percentile(times, 50), p95ms: percentile(times, 95), p99ms: percentile(times, 99) };
}

export async function benchPersonPage(options: { people: number; connections: number; seconds: number; port: number }): Promise<void> {
  const dir = await ensureGeneratedStore(options.people, 1);
  const db = await openStore({ dataDir: dir });
  const gp = (await createDemoUsers(db)).find((u) => u.role === 'gp');
  if (!gp?.password) throw new Error('no demo GP account with a known password in the bench store');
  const rows = await sql<{ id: number }>`select id from person where gp_practice_code = ${gp.orgCode} order by id`.execute(db.kysely);
  await db.close();
  // The same shuffled list for both runs (a fixed-seed shuffle), all on the GP's registered list.
  const ids = rows.rows.map((r) => Number(r.id));
  let seed = 7;
  for (let i = ids.length - 1; i > 0; i--) { seed = (seed * 1103515245 + 12345) % 2 ** 31; const j = seed % (i + 1); [ids[i], ids[j]] = [ids[j]!, ids[i]!]; }

  const env = { SEAMLESS_DATA_DIR: dir, SEAMLESS_PORT: String(options.port), SEAMLESS_LOG_LEVEL: 'warn', SEAMLESS_RATE_LIMIT: '0' };
  const targets: Target[] = [
    {
      name: 'enforced',
      start: () => startSeamless(['serve'], env),
      cookie: async () => {
        const res = await fetch(`http://127.0.0.1:${options.port}/api/governance/session`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: gp.username, password: gp.password }),
        });
        if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
        return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      },
    },
    {
      name: 'unenforced',
      start: () => spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'unenforced-server.ts'), dir, String(options.port)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] }),
    },
  ];
  const results: Record<string, Record<string, unknown>> = {};
  for (const target of targets) {
    const server = target.start();
    try {
      await waitForServer(server);
      const cookie = target.cookie ? await target.cookie() : undefined;
      results[target.name] = {};
      for (const [name, pathFor] of [
        ['record', (id: number) => `/api/population/persons/${id}`],
        ['timeline', (id: number) => `/api/population/persons/${id}/timeline`],
      ] as const) {
        const r = await load(options.port, ids, pathFor, options, cookie);
        results[target.name]![name] = r;
        console.log(`${target.name} ${name}: p50 ${r.p50ms} ms, p95 ${r.p95ms} ms, p99 ${r.p99ms} ms, ${r.requestsPerSecond} req/s, non-2xx ${r.non2xx}`);
      }
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
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
