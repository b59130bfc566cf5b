import { sql } from 'kysely';
import type { Actor } from '../src/kernel/access/actor.ts';
import type { Scope } from '../src/kernel/access/scope.ts';
import { readConfig } from '../src/kernel/config.ts';
import { openStore } from '../src/migrations.ts';
import { startServer } from '../src/server.ts';

/**
 * The server `seamless serve` runs (same logger, web app and hardening), with access control taken
 * out — no session, every row visible, nothing audited — so the person-page bench measures what
 * enforcement costs and nothing else. Never used outside the bench.
 * argv: <data dir> <port>
 */
const [dir, port] = process.argv.slice(2) as [string, string];
const db = await openStore({ dataDir: dir, backgroundCheckpoints: true });
const actor: Actor = { id: 'bench', displayName: 'bench', orgCode: 'BENCH', role: 'gp', teamCodes: [], purpose: 'direct_care', channel: 'system' };
const open = sql<boolean>`1 = 1`;
const server = await startServer({ ...readConfig(), dataDir: dir, port: Number(port) }, db, {
  scopeForBenchmark: (store): Scope => ({
    db: store, actor,
    access: { identifiable: true, personKey: String, canRead: () => true, personVisible: () => open, recordVisible: () => open, sourceVisible: () => open, careRelationship: () => open },
    audit: { record: async () => {} },
  }),
});
console.log(`Seamless (unenforced, bench only) is running at ${server.url}`);
