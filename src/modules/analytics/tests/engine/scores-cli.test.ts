import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runSeamlessCli } from '../../../../testing/cli.ts';
import BetterSqlite3 from 'better-sqlite3';

const seamless = runSeamlessCli;

test('seamless stratify, then seamless scores <nhs-number> --json within the operator\'s access', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-scores-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = { SEAMLESS_DATA_DIR: dir };
  const generated = await seamless(['generate', '--people', '400', '--seed', '9', '--today', '2026-11-01', '--quiet'], env);
  assert.equal(generated.code, 0, generated.stderr);

  const stratified = await seamless(['stratify', '--as-of', '2026-11-01', '--quiet'], env);
  assert.equal(stratified.code, 0, stratified.stderr);
  assert.match(stratified.stdout, /Stratified 400 people \([\d,]+ scored\) and [\d,]+ events as of 2026-11-01 in [\d.]+ s: [\d,]+ persons\/s, [\d,]+ events\/s/);
  assert.match(stratified.stdout, /Emergency admission model ear-[0-9a-f]{16}, validation AUC 0\.\d{3}\./);
  assert.match(stratified.stdout, /Frail\s+[\d,]+/);

  // Someone old enough for every frailty score, and their GP practice (the operator's relationship).
  const db = new BetterSqlite3(path.join(dir, 'seamless.db'), { readonly: true });
  const person = db.prepare(`SELECT p.id, p.nhs_number, p.gp_practice_code FROM person p
    WHERE p.nhs_number IS NOT NULL AND EXISTS (SELECT 1 FROM person_facts f WHERE f.person_id = p.id AND f.efi IS NOT NULL)
    ORDER BY p.id LIMIT 1`).get() as { id: number; nhs_number: string; gp_practice_code: string };
  db.close();
  assert.ok(person, 'someone has an eFI');

  const shown = await seamless(['scores', person.nhs_number, '--json'], { ...env, SEAMLESS_OPERATOR_ORG: person.gp_practice_code });
  assert.equal(shown.code, 0, shown.stderr);
  const output = JSON.parse(shown.stdout) as { nhsNumber: string; scores: Array<Record<string, unknown>> };
  assert.deepEqual(Object.keys(output), ['nhsNumber', 'scores']);
  assert.equal(output.nhsNumber, person.nhs_number);
  const order = ['hfrs', 'efi', 'charlson', 'charlson_quan', 'lace', 'emergency_admission_risk'];
  const names = output.scores.map((s) => s.name as string);
  assert.deepEqual(names, order.filter((n) => names.includes(n)));
  for (const name of ['efi', 'charlson', 'charlson_quan', 'emergency_admission_risk']) assert.ok(names.includes(name), name);
  for (const score of output.scores) {
    assert.deepEqual(Object.keys(score), ['name', 'value', 'band', 'version', 'computedAt', 'factors']);
    assert.equal(typeof score.value, 'number');
    assert.match(score.computedAt as string, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.ok(Array.isArray(score.factors));
  }
  const efi = output.scores.find((s) => s.name === 'efi')!;
  assert.equal(efi.version, 'efi-clegg-2016-snomed-gmsde');
  assert.ok((efi.factors as unknown[]).length > 0);

  const refused = await seamless(['scores', person.nhs_number, '--json'], { ...env, SEAMLESS_OPERATOR_ORG: 'NOT-THEIR-GP' });
  assert.equal(refused.code, 1);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, /no care relationship.*SEAMLESS_ERR_POPULATION_NO_CARE_RELATIONSHIP/s);

  const audit = new BetterSqlite3(path.join(dir, 'seamless.db'), { readonly: true });
  const entries = audit.prepare(`SELECT action, resource, person_id, outcome, detail FROM audit_log WHERE actor_id = 'cli-test' AND resource LIKE 'analytics.%' ORDER BY seq`).all();
  audit.close();
  assert.deepEqual(entries.map((e) => { const r = e as { action: string; resource: string; person_id: number | null; outcome: string }; return [r.action, r.resource, r.person_id, r.outcome]; }), [
    ['write', 'analytics.stratify', null, 'allowed'],
    ['read', 'analytics.person_score', person.id, 'allowed'],
    ['read', 'analytics.person_score', person.id, 'denied'],
  ]);
});
