import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Command } from 'commander';
import { sql } from 'kysely';
import { registerAuditCommands } from '../../../cli/commands/audit.ts';
import { reportCliError } from '../../../cli/context.ts';
import { openStore } from '../../../migrations.ts';
import { seedIgPlace, STAFF } from './registers-fixtures.ts';

/** Runs `seamless audit …` in this process with the given environment; returns exit status and output. */
async function seamlessAudit(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const saved = { ...process.env };
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  Object.assign(process.env, { SEAMLESS_DATABASE_URL: '', ...env });
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  process.exitCode = 0;
  try {
    const program = new Command().exitOverride();
    registerAuditCommands(program);
    await program.parseAsync(['node', 'seamless', ...args]).catch(reportCliError);
    return { code: Number(process.exitCode ?? 0), stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
    process.exitCode = 0;
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

test('seamless audit verify and seamless audit log', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-audit-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = { SEAMLESS_DATA_DIR: dir, SEAMLESS_OPERATOR: 'operator:test', SEAMLESS_OPERATOR_ORG: 'LA1' };
  const db = await openStore({ dataDir: dir });
  const place = await seedIgPlace(db);
  for (let i = 0; i < 5; i++) {
    await place.writer.record(STAFF.nurse, [{ action: 'read', resource: 'population.person', personId: place.ada, outcome: 'allowed', detail: 'care_relationship' }]);
  }
  await place.writer.record(STAFF.gp, [{ action: 'read', resource: 'population.person', personId: place.bert, outcome: 'allowed' }]);
  await place.writer.close();
  await db.close();

  await t.test('verify: intact, with the head to keep as an anchor', async () => {
    const res = await seamlessAudit(['audit', 'verify'], env);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /Audit log intact: 6 entries verified/);
    const anchor = /Head: (\d+:[0-9a-f]{64})/.exec(res.stdout)![1]!;
    const again = await seamlessAudit(['audit', 'verify', '--anchor', anchor], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /7 entries verified/); // the first verify audited itself
    assert.equal((await seamlessAudit(['audit', 'verify', '--anchor', 'nonsense'], env)).code, 1);
  });

  await t.test("log: a person's access log for an IG lead operator; refused (and audited) for other roles", async () => {
    const refused = await seamlessAudit(['audit', 'log', '9434765919'], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /may not see a person's access log.*SEAMLESS_ERR_GOVERNANCE_FORBIDDEN/);
    const res = await seamlessAudit(['audit', 'log', '943 476 5919'], { ...env, SEAMLESS_OPERATOR_ROLE: 'ig_lead' });
    assert.equal(res.code, 0, res.stderr);
    const lines = res.stdout.split('\n');
    assert.equal(lines.filter((l) => l.includes('Nina Nurse (S-N1), community_nurse, Northshire Community Health (RY6)')).length, 5);
    assert.ok(lines.some((l) => l.includes('operator:test') && l.includes('denied')));
    assert.ok(!res.stdout.includes('S-GP1'), "Bert's entries are not in Ada's log");
    const json = JSON.parse((await seamlessAudit(['audit', 'log', '9434765919', '--json', '--limit', '2'], { ...env, SEAMLESS_OPERATOR_ROLE: 'ig_lead' })).stdout);
    assert.equal(json.items.length, 2);
    assert.equal(json.items[0].resource, 'governance.access_log');
  });

  await t.test('verify after tampering: exit status 1 and the first bad entry named', async () => {
    const store = await openStore({ dataDir: dir });
    await sql`drop trigger audit_log_no_update`.execute(store.kysely);
    await sql`update audit_log set actor_id = 'S-GP1' where seq = 3`.execute(store.kysely);
    await store.close();
    const res = await seamlessAudit(['audit', 'verify'], env);
    assert.equal(res.code, 1);
    assert.match(res.stderr, /TAMPERED: the first bad entry is 3\. entry 3 does not match its hash/);
  });
});
