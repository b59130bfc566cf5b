import autocannon from 'autocannon';
import { ensureGeneratedStore, percentile, startSeamless, writeResult } from './support.ts';

/**
 * Person page API latency: the two requests the person page makes (record + timeline) for random
 * people, from 50 concurrent clients, against `seamless serve` in its own process on a generated
 * place. p95 is computed from every response time (autocannon's summary has no p95).
 */
export async function benchPersonPage(options: { people: number; connections: number; seconds: number; port: number }): Promise<void> {
  const dir = await ensureGeneratedStore(options.people, 1);
  const server = startSeamless(['serve'], { SEAMLESS_DATA_DIR: dir, SEAMLESS_PORT: String(options.port), SEAMLESS_LOG_LEVEL: 'warn' });
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (chunk: Buffer) => { if (chunk.toString().includes('running at')) resolve(); });
      server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const results: Record<string, unknown> = {};
    for (const [name, pathFor] of [
      ['record', (id: number) => `/api/population/persons/${id}`],
      ['timeline', (id: number) => `/api/population/persons/${id}/timeline`],
    ] as const) {
      let seed = 12345;
      const nextId = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return 1 + (seed % options.people); };
      const times: number[] = [];
      const summary = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon({
          url: `http://127.0.0.1:${options.port}`,
          connections: options.connections,
          duration: options.seconds,
          requests: [{ setupRequest: (req) => ({ ...req, path: pathFor(nextId()) }) }],
        }, (error, result) => (error ? reject(error) : resolve(result)));
        instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => { if (status === 200) times.push(responseTime); });
      });
      times.sort((a, b) => a - b);
      results[name] = {
        requests: summary.requests.total, non2xx: summary.non2xx, errors: summary.errors, requestsPerSecond: summary.requests.average,
        p50ms: percentile(times, 50), p95ms: percentile(times, 95), p99ms: percentile(times, 99),
      };
      console.log(`${name}: p50 ${percentile(times, 50)} ms, p95 ${percentile(times, 95)} ms, p99 ${percentile(times, 99)} ms, ${summary.requests.average} req/s, non-2xx ${summary.non2xx}`);
    }
    writeResult('person-page', { people: options.people, connections: options.connections, seconds: options.seconds, results });
  } finally {
    server.kill('SIGTERM');
  }
}
