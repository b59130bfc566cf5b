import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import { readReferenceCsv } from '../src/kernel/reference.ts';

/**
 * The yardstick the analytics issue names: DuckDB computing the eFI, HFRS and Charlson cores for the
 * same generated place, with the events already in memory. The store's rows are copied to CSV once
 * (not timed), loaded into an in-memory DuckDB (not timed), then one SQL script computes, per person
 * as of the date: eFI deficits (35 coded deficits ever recorded + polypharmacy, 5+ distinct medicines
 * in the last 365 days), HFRS points (distinct 3-character ICD-10 categories of spells admitted in the
 * last two years, aged 75+) and the Charlson index with its hierarchy rules (1987 weights) — timed.
 * The same definitions as src/modules/analytics/domain/scores (windows as documented there).
 */
/**
 * DuckDB is a yardstick, not part of Seamless: it is installed for the bench on first use
 * (`npm install --no-save`), because the registry this project builds from lacks some of its
 * platform packages, which would break `npm ci` everywhere if it were in package.json.
 */
export const DUCKDB_PACKAGE = '@duckdb/node-api@1.5.6-r.1';

interface DuckDbConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>;
  closeSync(): void;
}

async function loadDuckDb(): Promise<{ create(path: string): Promise<{ connect(): Promise<DuckDbConnection> }> }> {
  const name = '@duckdb/node-api';
  try {
    return (await import(name)).DuckDBInstance;
  } catch {
    console.log(`installing ${DUCKDB_PACKAGE} for the bench (not saved in package.json)`);
    execFileSync('npm', ['install', '--no-save', DUCKDB_PACKAGE], { cwd: path.resolve(path.dirname(new URL(import.meta.url).pathname), '..'), stdio: 'inherit' });
    return (await import(name)).DuckDBInstance;
  }
}

export interface DuckDbCoresResult { seconds: number; loadSeconds: number; events: number; persons: number; efiPersons: number; hfrsPersons: number; charlsonPersons: number; threads: number }

const TABLES: Record<string, string> = {
  person: 'select id, date_of_birth from person',
  gp_event: 'select person_id, event_date, code from gp_event',
  gp_medication: 'select person_id, start_date, end_date, code from gp_medication',
  apc_spell: 'select person_id, record_key, admission_date from apc_spell',
  apc_diagnosis: 'select person_id, record_key, icd10_code from apc_diagnosis',
};

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Copies the tables DuckDB needs to CSV files in dir (once per store; reused when present). */
function exportTables(sqliteFile: string, dir: string): number {
  fs.mkdirSync(dir, { recursive: true });
  const db = new BetterSqlite3(sqliteFile, { readonly: true });
  let rows = 0;
  for (const [table, query] of Object.entries(TABLES)) {
    const file = path.join(dir, `${table}.csv`);
    if (fs.existsSync(file)) { rows += Number((db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n); continue; }
    const fd = fs.openSync(`${file}.part`, 'w');
    let chunk: string[] = [];
    for (const row of db.prepare(query).raw().iterate() as Iterable<unknown[]>) {
      chunk.push(row.map(csvCell).join(','));
      rows++;
      if (chunk.length === 50_000) { fs.writeSync(fd, chunk.join('\n') + '\n'); chunk = []; }
    }
    if (chunk.length) fs.writeSync(fd, chunk.join('\n') + '\n');
    fs.closeSync(fd);
    fs.renameSync(`${file}.part`, file);
  }
  db.close();
  return rows;
}

function writeReference(dir: string): void {
  const write = (name: string, header: string, lines: string[]) => fs.writeFileSync(path.join(dir, name), [header, ...lines].join('\n') + '\n');
  write('efi_code.csv', 'code,deficit', readReferenceCsv('efi_deficits.csv').map((r) => `${r.snomed_code},${r.deficit}`));
  write('hfrs_code.csv', 'code,points', readReferenceCsv('hfrs_points.csv').map((r) => `${r.icd10_code},${r.points}`));
  write('charlson_prefix.csv', 'category,prefix,weight', readReferenceCsv('charlson_quan_icd10.csv').map((r) => `${r.category},${r.icd10_prefix},${r.weight_charlson}`));
}

const CORES_SQL = (asOf: string) => `
create or replace table cores as
with
  age as (select id as person_id, date_diff('year', date_of_birth::date, date '${asOf}')
            - case when strftime(date_of_birth::date, '%m-%d') > strftime(date '${asOf}', '%m-%d') then 1 else 0 end as age
          from person where date_of_birth is not null),
  coded as (select distinct e.person_id, c.deficit from gp_event e join efi_code c on c.code = e.code where e.event_date <= '${asOf}'),
  meds as (select person_id from gp_medication
           where start_date <= '${asOf}' and (end_date is null or end_date >= cast(date '${asOf}' - interval 364 day as varchar))
           group by person_id having count(distinct code) >= 5),
  efi as (select a.person_id, (select count(*) from coded c where c.person_id = a.person_id) + (case when m.person_id is null then 0 else 1 end) as deficits
          from age a left join meds m on m.person_id = a.person_id where a.age >= 65),
  dx as (select distinct d.person_id, upper(replace(d.icd10_code, '.', '')) as code
         from apc_diagnosis d join apc_spell s on s.person_id = d.person_id and s.record_key = d.record_key
         where s.admission_date <= '${asOf}' and s.admission_date > cast(date '${asOf}' - interval 2 year as varchar)),
  hfrs as (select dx.person_id, sum(h.points) as points from (select distinct person_id, left(code, 3) as code from dx) dx
           join hfrs_code h on h.code = dx.code join age a on a.person_id = dx.person_id where a.age >= 75 group by dx.person_id),
  cats as (select distinct dx.person_id, p.category, p.weight from dx join charlson_prefix p on starts_with(dx.code, p.prefix)),
  charlson as (select person_id, sum(weight) filter (where not (
                 (category = 'mld' and person_id in (select person_id from cats where category = 'msld'))
              or (category = 'diab' and person_id in (select person_id from cats where category = 'diabwc'))
              or (category = 'canc' and person_id in (select person_id from cats where category = 'metacanc')))) as charlson
               from cats group by person_id)
select a.person_id, efi.deficits, hfrs.points as hfrs, charlson.charlson
from age a left join efi using (person_id) left join hfrs using (person_id) left join charlson using (person_id)`;

export async function runDuckDbCores(sqliteFile: string, csvDir: string, asOf: string): Promise<DuckDbCoresResult> {
  const events = exportTables(sqliteFile, csvDir);
  writeReference(csvDir);
  const DuckDBInstance = await loadDuckDb();
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const loadStart = performance.now();
  const varchar = (cols: string) => `columns = {${cols}}`;
  const schemas: Record<string, string> = {
    person: "'id': 'BIGINT', 'date_of_birth': 'VARCHAR'",
    gp_event: "'person_id': 'BIGINT', 'event_date': 'VARCHAR', 'code': 'VARCHAR'",
    gp_medication: "'person_id': 'BIGINT', 'start_date': 'VARCHAR', 'end_date': 'VARCHAR', 'code': 'VARCHAR'",
    apc_spell: "'person_id': 'BIGINT', 'record_key': 'VARCHAR', 'admission_date': 'VARCHAR'",
    apc_diagnosis: "'person_id': 'BIGINT', 'record_key': 'VARCHAR', 'icd10_code': 'VARCHAR'",
    efi_code: "'code': 'VARCHAR', 'deficit': 'VARCHAR'",
    hfrs_code: "'code': 'VARCHAR', 'points': 'DECIMAL(6,1)'",
    charlson_prefix: "'category': 'VARCHAR', 'prefix': 'VARCHAR', 'weight': 'INTEGER'",
  };
  for (const [table, cols] of Object.entries(schemas)) {
    const header = ['efi_code', 'hfrs_code', 'charlson_prefix'].includes(table);
    await con.run(`create table ${table} as select * from read_csv('${path.join(csvDir, `${table}.csv`)}', header = ${header}, ${varchar(cols)})`);
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const threads = Number((await con.runAndReadAll("select current_setting('threads')")).getRows()[0]![0]);
  // Warm once (plans, caches), then time the best of three, as DuckDB's own benchmarks do.
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await con.run(CORES_SQL(asOf));
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  const counts = (await con.runAndReadAll('select count(*), count(deficits), count(hfrs), count(charlson) from cores')).getRows()[0]!.map(Number);
  con.closeSync();
  return { seconds: best, loadSeconds, events, persons: counts[0]!, efiPersons: counts[1]!, hfrsPersons: counts[2]!, charlsonPersons: counts[3]!, threads };
}
