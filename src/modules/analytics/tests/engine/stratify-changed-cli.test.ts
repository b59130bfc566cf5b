import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { runSeamlessCli } from '../../../../testing/cli.ts';

const seamless = runSeamlessCli;

/**
 * `seamless stratify --changed` after importing a day of activity: only the persons in the day's
 * files are read and rewritten (population's activity change log says who they are).
 */
test('seamless stratify --changed recomputes only the people with activity imported since the last run', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-changed-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = { SEAMLESS_DATA_DIR: dir };
  const generated = await seamless(['generate', '--people', '300', '--seed', '4', '--today', '2026-11-01', '--quiet'], env);
  assert.equal(generated.code, 0, generated.stderr);

  const first = await seamless(['stratify', '--as-of', '2026-11-01', '--changed', '--quiet'], env);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /Stratified 300 people/);
  assert.match(first.stderr, /No earlier stratification recorded which changes it reflected, so everyone was recomputed/);

  const store = () => new BetterSqlite3(path.join(dir, 'seamless.db'), { readonly: true });
  let db = store();
  const people = db.prepare(`SELECT p.id, p.nhs_number FROM person p JOIN person_facts f ON f.person_id = p.id
    WHERE p.nhs_number IS NOT NULL ORDER BY p.id LIMIT 2`).all() as Array<{ id: number; nhs_number: string }>;
  const before = new Map((db.prepare('SELECT person_id, run_id FROM person_score').all() as Array<{ person_id: number; run_id: number }>).map((r) => [r.person_id, r.run_id]));
  db.close();

  // One day of activity: a GP event for one person, an A&E attendance for the other.
  const day = path.join(dir, 'day');
  fs.mkdirSync(day);
  fs.writeFileSync(path.join(day, 'gp_events.csv'), 'nhs_number,local_person_id,record_id,source_org,event_date,snomed_code,term,value,unit\n'
    + `${people[0]!.nhs_number},,DAY-GP-1,B86001,2026-10-31,161898004,Falls,,\n`);
  fs.writeFileSync(path.join(day, 'ae_attendances.csv'), 'nhs_number,local_person_id,record_id,source_org,arrival_at,departure_at,arrival_mode,'
    + 'chief_complaint_snomed,diagnosis_snomed,disposal,cost\n'
    + `${people[1]!.nhs_number},,DAY-AE-1,RR8,2026-10-31T10:00:00Z,2026-10-31T13:00:00Z,ambulance,267036007,233604007,admitted,263.00\n`);
  const imported = await seamless(['import', day], env);
  assert.equal(imported.code, 0, imported.stdout + imported.stderr);
  assert.match(imported.stdout, /`seamless stratify --changed` recomputes the people they are about/);

  const second = await seamless(['stratify', '--as-of', '2026-11-01', '--changed', '--quiet'], env);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /Stratified 2 people/);
  assert.match(second.stdout, /Recomputed the 2 people whose records changed since run 1;/);
  db = store();
  const after = db.prepare('SELECT person_id, run_id FROM person_score').all() as Array<{ person_id: number; run_id: number }>;
  db.close();
  const rewritten = after.filter((r) => r.run_id !== before.get(r.person_id)).map((r) => r.person_id).sort((a, b) => a - b);
  assert.deepEqual(rewritten, people.map((p) => p.id).sort((a, b) => a - b));

  const third = await seamless(['stratify', '--as-of', '2026-11-01', '--changed', '--quiet'], env);
  assert.equal(third.code, 0, third.stderr);
  assert.match(third.stdout, /Recomputed the 0 people whose records changed since run 2;/);
});
