import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runSeamlessCli } from '../../../../testing/cli.ts';

const seamless = runSeamlessCli;

test('seamless report needs writes a needs workbook exceljs reads back: place, localities, practices, definitions', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-needs-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = { SEAMLESS_DATA_DIR: dir };
  const out = path.join(dir, 'needs.xlsx');

  assert.equal((await seamless(['generate', '--people', '400', '--seed', '3', '--today', '2026-11-01', '--quiet'], env)).code, 0);
  assert.equal((await seamless(['stratify', '--as-of', '2026-11-01', '--quiet'], env)).code, 0);
  const wrongDate = await seamless(['report', 'needs', '--out', out, '--as-of', '2026-10-01'], env);
  assert.notEqual(wrongDate.code, 0);
  assert.match(wrongDate.stderr, /as of 2026-11-01/);

  const written = await seamless(['report', 'needs', '--out', out, '--as-of', '2026-11-01'], env);
  assert.equal(written.code, 0, written.stderr);
  assert.match(written.stdout, /Needs profile as of 2026-11-01 \(run \d+\): the place, 5 localities and 5 practices, \d+ rows, written to /);

  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  assert.deepEqual(workbook.worksheets.map((s) => s.name), ['Place', 'Locality', 'GP practice', 'Definitions']);
  const place = workbook.getWorksheet('Place')!;
  const header = (place.getRow(1).values as unknown[]).slice(1);
  assert.deepEqual(header.slice(0, 5), ['Area code', 'Area name', 'Indicator', 'Count', 'Population']);
  assert.equal(place.rowCount, 1 + 5, 'five indicators for the place');
  const emergency = place.getRow(2).values as unknown[];
  assert.equal(emergency[3], 'Emergency admissions in the past year');
  assert.ok(typeof emergency[4] === 'number' && emergency[4] > 0);
  assert.ok(typeof emergency[6] === 'number' && (emergency[7] as number) < (emergency[6] as number) && (emergency[6] as number) < (emergency[8] as number), 'crude rate within its limits');
  const practices = workbook.getWorksheet('GP practice')!;
  assert.equal(practices.rowCount, 1 + 5 * 5);
  for (let r = 2; r <= practices.rowCount; r++) {
    const count = practices.getRow(r).getCell(4).value;
    assert.ok(count === '<8' || (typeof count === 'number' && (count === 0 || count >= 8)), `row ${r}: count ${String(count)} is suppressed`);
  }
  assert.equal(workbook.getWorksheet('Locality')!.rowCount, 1 + 5 * 5);
});
