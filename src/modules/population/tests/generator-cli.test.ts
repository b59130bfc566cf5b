import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runSeamlessCli } from '../../../testing/cli.ts';

const seamless = runSeamlessCli;

test('seamless generate writes into an empty store and refuses a second place unless asked to append', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-generate-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = { SEAMLESS_DATA_DIR: dir };
  const first = await seamless(['generate', '--people', '120', '--seed', '5', '--today', '2026-11-01', '--quiet'], env);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /Generated 120 people/);
  const second = await seamless(['generate', '--people', '10', '--quiet'], env);
  assert.equal(second.code, 1);
  assert.match(second.stderr, /already holds 120 people.*SEAMLESS_ERR_POPULATION_STORE_NOT_EMPTY/s);
  const appended = await seamless(['generate', '--people', '10', '--seed', '6', '--append', '--quiet'], env);
  assert.equal(appended.code, 0, appended.stderr);
  assert.match(appended.stdout, /Generated 10 people/);
});

test('seamless generate --out writes CSV extracts, one person per row of persons.csv', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-generate-out-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const result = await seamless(['generate', '--people', '80', '--seed', '5', '--today', '2026-11-01', '--out', dir, '--quiet'], {});
  assert.equal(result.code, 0, result.stderr);
  const persons = fs.readFileSync(path.join(dir, 'persons.csv'), 'utf8').trim().split('\n');
  assert.equal(persons.length, 81);
  assert.ok(fs.existsSync(path.join(dir, 'gp_events.csv')));
  const bad = await seamless(['generate', '--people', 'many', '--out', dir], {});
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--people must be a whole number/);
});
