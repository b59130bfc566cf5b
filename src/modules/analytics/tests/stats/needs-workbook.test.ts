import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import type { NeedsProfileRow } from '../../domain/stats/needs-profile.ts';
import { buildNeedsProfile, writeNeedsWorkbook } from '../../report/needs-workbook.ts';
import { area, OLDEST } from './needs-fixtures.ts';

test('needs workbook: a sheet per area type and Definitions, numbers as numbers, frozen header, read back with exceljs', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-needs-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'needs.xlsx');
  const rows = buildNeedsProfile([
    area('place', 'E06000047', 'County Durham', OLDEST),
    area('locality', 'L1', 'North', OLDEST),
    area('locality', 'L2', 'South', { '90+': 5 }),
    area('locality', 'L3', 'East', { '0-4': 9 }),
  ]);
  await writeNeedsWorkbook(rows, file, { title: 'Needs profile: test place', period: '2024/25', generatedAt: new Date('2026-01-15T09:00:00Z') });

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  assert.deepEqual(workbook.worksheets.map((s) => s.name), ['place', 'locality', 'Definitions']);

  const place = workbook.getWorksheet('place')!;
  assert.equal(place.rowCount, 2);
  assert.deepEqual(place.views[0], { ...place.views[0], state: 'frozen', ySplit: 1 });
  const header = (place.getRow(1).values as unknown[]).slice(1);
  assert.deepEqual(header, [
    'Area code', 'Area name', 'Indicator', 'Count', 'Population', 'Crude rate per 100,000', 'Crude rate lower 95% CI', 'Crude rate upper 95% CI',
    'Age-standardised rate per 100,000', 'Age-standardised rate lower 95% CI', 'Age-standardised rate upper 95% CI', 'Note',
  ]);
  const durham = place.getRow(2);
  assert.equal(durham.getCell(1).value, 'E06000047');
  assert.equal(durham.getCell(4).value, 140);
  assert.equal(durham.getCell(4).numFmt, '#,##0');
  assert.equal(durham.getCell(5).value, 19_000);
  assert.equal(typeof durham.getCell(9).value, 'number');
  assert.ok(Math.abs((durham.getCell(9).value as number) - 265) < 1e-9);
  assert.ok(Math.abs((durham.getCell(10).value as number) - 217.1905) < 0.0005);
  assert.equal(durham.getCell(9).numFmt, '#,##0.0');
  assert.equal(durham.getCell(12).value, null);

  const locality = workbook.getWorksheet('locality')!;
  assert.equal(locality.rowCount, 4);
  const south = locality.getRow(3);
  assert.equal(south.getCell(2).value, 'South');
  assert.equal(south.getCell(4).value, '<8');
  for (const col of [6, 7, 8, 9, 10, 11]) assert.equal(south.getCell(col).value, null, `column ${col} of a suppressed row is empty`);
  assert.match(String(south.getCell(12).value), /Small number/);
  const east = locality.getRow(4);
  assert.equal(east.getCell(4).value, 9);
  assert.equal(typeof east.getCell(6).value, 'number');
  assert.equal(east.getCell(9).value, null);
  assert.match(String(east.getCell(12).value), /fewer than 10 events/);

  const definitions = workbook.getWorksheet('Definitions')!;
  const text = (definitions.getColumn(1).values as unknown[]).map(String).join('\n') + (definitions.getColumn(2).values as unknown[]).map(String).join('\n');
  assert.match(text, /Needs profile: test place/);
  assert.match(text, /2024\/25/);
  assert.match(text, /Dobson/);
  assert.match(text, /Byar/);
  assert.match(text, /European Standard Population/);
  assert.match(text, /shown as "<8"/);
  const esp = definitions.getColumn(1).values as unknown[];
  const row90 = esp.indexOf('90+');
  assert.equal(definitions.getRow(row90).getCell(2).value, 1000);
});

test('needs workbook: refuses an unsuppressed small count or a rate beside a suppressed one', async () => {
  const [row] = buildNeedsProfile([area('place', 'P', 'Place', OLDEST)]);
  const leaky: NeedsProfileRow = { ...row!, count: 5 };
  await assert.rejects(writeNeedsWorkbook([leaky], path.join(os.tmpdir(), 'never-written.xlsx')), /a count of 5 must be suppressed/);
  const back: NeedsProfileRow = { ...row!, count: '<8' };
  await assert.rejects(writeNeedsWorkbook([back], path.join(os.tmpdir(), 'never-written.xlsx')), /worked back/);
});

test('needs workbook: area types become safe, distinct sheet names', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-needs-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'names.xlsx');
  const rows = buildNeedsProfile([
    area('GP practice / PCN', 'A1', 'One', OLDEST),
    area('GP practice   PCN', 'A2', 'Two', OLDEST),
    area('definitions', 'A3', 'Three', OLDEST),
  ]);
  await writeNeedsWorkbook(rows, file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  assert.deepEqual(workbook.worksheets.map((s) => s.name), ['GP practice PCN', 'GP practice PCN (2)', 'definitions (2)', 'Definitions']);
});
