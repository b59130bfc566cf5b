import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { near } from './stats-assert.ts';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { registerStatsCommands } from '../../../../cli/commands/stats.ts';
import { reportCliError } from '../../../../cli/context.ts';
import { ESP2013_BANDS } from '../../domain/stats/directly-standardised-rate.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));

/** Runs the real CLI, bin/seamless, as a user would. */
async function seamless(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(path.join(ROOT, 'bin/seamless'), args, { cwd: ROOT, env: { ...process.env, SEAMLESS_DATABASE_URL: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * Runs `seamless stats …` in this process (starting the CLI costs seconds of CPU on a shared machine,
 * so only the first cases go through bin/seamless); same parsing, output and exit status.
 */
async function seamlessInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  process.exitCode = 0;
  try {
    const program = new Command().exitOverride();
    registerStatsCommands(program);
    await program.parseAsync(['node', 'seamless', ...args]).catch(reportCliError);
    return { code: Number(process.exitCode ?? 0), stdout: out.map((l) => `${l}\n`).join(''), stderr: err.map((l) => `${l}\n`).join('') };
  } finally {
    console.log = log;
    console.error = error;
    process.exitCode = 0;
  }
}

function dsrCsv(events: (band: string) => number | string, population: (band: string) => number | string = () => 1000): string {
  return ['age_band,events,population', ...ESP2013_BANDS.map((b) => `${b},${events(b)},${population(b)}`)].join('\n') + '\n';
}

test('seamless stats dsr and stats rate', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-stats-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  await t.test('dsr prints {"rate","lower","upper"}: worked example 1 gives 200.0 (138.3396 to 278.5682)', async () => {
    const res = await seamless(['stats', 'dsr', write('uniform.csv', dsrCsv(() => 2))]);
    assert.equal(res.code, 0, res.stderr);
    const out = JSON.parse(res.stdout) as { rate: number; lower: number; upper: number };
    assert.deepEqual(Object.keys(out), ['rate', 'lower', 'upper']);
    near(out.rate, 200, 1e-9);
    near(out.lower, 138.3396, 0.0001);
    near(out.upper, 278.5682, 0.0001);
    assert.equal(res.stderr, '');
  });

  await t.test('bin/seamless: bad input exits with status 1 and a message naming the line and field', async () => {
    const res = await seamless(['stats', 'dsr', write('band0.csv', dsrCsv(() => 1).replace('10-14,', '10-15,'))]);
    assert.equal(res.code, 1);
    assert.match(res.stderr, /^seamless: .*band0\.csv, line 4, field age_band: unknown age band '10-15' .*\(SEAMLESS_ERR_ANALYTICS_BAD_CSV\)\n$/);
    assert.equal(res.stdout, '');
  });

  await t.test('dsr with fewer than 10 events warns on standard error', async () => {
    const res = await seamlessInProcess(['stats', 'dsr', write('few.csv', dsrCsv((b) => (b === '90+' ? 9 : 0)))]);
    assert.equal(res.code, 0, res.stderr);
    near((JSON.parse(res.stdout) as { rate: number }).rate, 9, 1e-9);
    assert.match(res.stderr, /warning: Only 9 events: OHID does not publish/);
  });

  await t.test('rate prints one object per row: 10 in 50,000 → 20.0 (9.5749 to 36.7829); 0 in 25,000 → 0 (0 to 14.7555)', async () => {
    const res = await seamlessInProcess(['stats', 'rate', write('rate.csv', 'area,events,population\nNorth,10,50000\nSouth,0,25000\n')]);
    assert.equal(res.code, 0, res.stderr);
    const lines = res.stdout.trim().split('\n').map((l) => JSON.parse(l) as { rate: number; lower: number; upper: number });
    assert.equal(lines.length, 2);
    near(lines[0]!.rate, 20, 1e-9);
    near(lines[0]!.lower, 9.5749, 0.0001);
    near(lines[0]!.upper, 36.7829, 0.0001);
    assert.deepEqual([lines[1]!.rate, lines[1]!.lower], [0, 0]);
    near(lines[1]!.upper, 14.7555, 0.0001);
  });

  await t.test('bad input names the line and the field, and exits with status 1', async () => {
    const cases: [string[], RegExp][] = [
      [['stats', 'dsr', write('band.csv', dsrCsv(() => 1).replace('10-14,', '10-15,'))], /band\.csv, line 4, field age_band: unknown age band '10-15'/],
      [['stats', 'dsr', write('text.csv', dsrCsv((b) => (b === '25-29' ? 'abc' : 1)))], /text\.csv, line 7, field events: 'abc' is not a number/],
      [['stats', 'dsr', write('zero.csv', dsrCsv(() => 1, (b) => (b === '60-64' ? 0 : 1000)))], /zero\.csv, line 14, field population: '0': a rate needs a population greater than 0/],
      [['stats', 'dsr', write('short.csv', dsrCsv(() => 1).replace(/90\+.*\n/, ''))], /short\.csv: missing age band 90\+/],
      [['stats', 'rate', write('cols.csv', 'events,people\n3,100\n')], /cols\.csv, line 1: missing column population/],
      [['stats', 'rate', write('half.csv', 'events,population\n2.5,100\n')], /half\.csv, line 2, field events: '2\.5' must be a whole number/],
    ];
    for (const [args, message] of cases) {
      const res = await seamlessInProcess(args);
      assert.equal(res.code, 1, `${args.join(' ')} should fail`);
      assert.match(res.stderr, message);
      assert.match(res.stderr, /SEAMLESS_ERR_ANALYTICS_BAD_CSV/);
      assert.equal(res.stdout, '');
    }
  });

  await t.test('the example files run', async () => {
    const dsr = await seamlessInProcess(['stats', 'dsr', path.join(ROOT, 'examples/stats/dsr.csv')]);
    assert.equal(dsr.code, 0, dsr.stderr);
    const out = JSON.parse(dsr.stdout) as { rate: number; lower: number; upper: number };
    assert.ok(out.lower < out.rate && out.rate < out.upper);
    const rate = await seamlessInProcess(['stats', 'rate', path.join(ROOT, 'examples/stats/rate.csv')]);
    assert.equal(rate.code, 0, rate.stderr);
    assert.equal(rate.stdout.trim().split('\n').length, 3);
  });
});
