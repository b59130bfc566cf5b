import { sql } from 'kysely';
import type { Actor } from '../src/kernel/access/actor.ts';
import type { Scope } from '../src/kernel/access/scope.ts';
import { buildApp } from '../src/app.ts';
import { openStore } from '../src/migrations.ts';

/**
 * The same server with access control taken out — no session, every row visible, nothing audited —
 * so the person-page bench can measure what enforcement costs. Never used outside the bench.
 * argv: <data dir> <port>
 */
const [dir, port] = process.argv.slice(2) as [string, string];
const db = await openStore({ dataDir: dir });
const actor: Actor = { id: 'bench', displayName: 'bench', orgCode: 'BENCH', role: 'gp', teamCodes: [], purpose: 'direct_care', channel: 'system' };
const open = sql<boolean>`1 = 1`;
const app = await buildApp({
  db,
  logger: false,
  scopeForBenchmark: (store): Scope => ({
    db: store, actor,
    access: { identifiable: true, personKey: String, canRead: () => true, personVisible: () => open, recordVisible: () => open, sourceVisible: () => open },
    audit: { record: async () => {} },
  }),
});
await app.listen({ host: '127.0.0.1', port: Number(port) });
console.log(`Seamless (unenforced, bench only) is running at http://127.0.0.1:${port}/`);
