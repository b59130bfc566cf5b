import path from 'node:path';
import type { Command } from 'commander';
import { isIsoDate, todayIso } from '../../kernel/dates.ts';
import { badRequest } from '../../kernel/errors.ts';
import { createProgress } from '../../kernel/progress.ts';
import {
  ACTIVITY_LABELS, createCsvExtractWriter, createFhirNdjsonWriter, generatePlaceRecords, generateSyntheticPlace, type ActivityKind,
} from '../../modules/population/index.ts';
import { withCliStore } from '../context.ts';

interface GenerateCommandOptions {
  people: string;
  seed: string;
  today?: string;
  out?: string;
  format: string;
  append?: boolean;
  quiet?: boolean;
}

function wholeNumber(value: string, option: string): number {
  if (!/^\d+$/.test(value.trim())) throw badRequest('SEAMLESS_ERR_CLI_OPTION', `${option} must be a whole number, got '${value}'`);
  return Number(value);
}

const n = (value: number) => value.toLocaleString('en-GB');

/**
 * `seamless generate`: a seeded synthetic place, into the store (SEAMLESS_DATA_DIR or
 * SEAMLESS_DATABASE_URL) or, with --out, as CSV extracts or FHIR NDJSON that `seamless import` reads.
 */
export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('Generate a synthetic place: a linked population with GP, hospital, community, urgent and social care activity,\n'
      + 'the partner organisations, teams, staff and caseloads. The same --people, --seed and --today always give the same place.\n'
      + 'Writes to the store (it must hold no people unless --append), or with --out writes files for `seamless import`.')
    .option('--people <n>', 'number of people', '20000')
    .option('--seed <n>', 'seed of the random generator', '1')
    .option('--today <date>', 'generate the place as at this date (activity covers the three years before it)', todayIso())
    .option('--out <dir>', 'write files to this directory instead of the store')
    .option('--format <format>', 'file format with --out: csv or fhir', 'csv')
    .option('--append', 'add to a store that already holds people')
    .option('--quiet', 'no progress display')
    .action(async (opts: GenerateCommandOptions) => {
      const people = wholeNumber(opts.people, '--people');
      const seed = wholeNumber(opts.seed, '--seed');
      const today = opts.today ?? todayIso();
      if (!isIsoDate(today)) throw badRequest('SEAMLESS_ERR_CLI_OPTION', `--today must be a date like 2026-11-01, got '${today}'`);
      const progress = opts.quiet ? 'silent' : 'auto';

      if (opts.out === undefined) {
        if (opts.format !== 'csv') throw badRequest('SEAMLESS_ERR_CLI_OPTION', '--format applies to files: give --out <dir> as well');
        await withCliStore(async (db) => {
          const summary = await generateSyntheticPlace(db, { people, seed, today, progress, append: opts.append === true });
          console.log(`Generated ${n(summary.people)} people (${n(summary.deaths)} died in the last three years) and ${n(summary.events)} events`
            + ` into ${db.description} in ${summary.seconds.toFixed(1)} s (seed ${seed}, as at ${today}).`);
          for (const [kind, count] of Object.entries(summary.eventsByKind)) {
            console.log(`  ${ACTIVITY_LABELS[kind as ActivityKind].padEnd(36)} ${n(count).padStart(12)}`);
          }
          console.log(`Partners: ${n(summary.organisations)} organisations, ${n(summary.teams)} teams, ${n(summary.staff)} staff; `
            + `${n(summary.localities)} localities; ${n(summary.careRelationships)} care relationships.`);
        });
        return;
      }

      if (opts.append) throw badRequest('SEAMLESS_ERR_CLI_OPTION', '--append applies to the store, not to files written with --out');
      if (opts.format !== 'csv' && opts.format !== 'fhir') throw badRequest('SEAMLESS_ERR_CLI_OPTION', `--format must be csv or fhir, got '${opts.format}'`);
      const dir = path.resolve(opts.out);
      const started = performance.now();
      const writer = opts.format === 'fhir' ? await createFhirNdjsonWriter(dir) : await createCsvExtractWriter(dir);
      const bar = createProgress('Generating place', people, 'people', progress);
      let done = 0;
      try {
        for (const record of generatePlaceRecords({ people, seed, today })) {
          await writer.write(record.person, record.activities);
          if (++done % 1_000 === 0) bar.increment(1_000);
        }
        bar.increment(done % 1_000);
      } finally {
        bar.stop();
      }
      const result = await writer.close();
      console.log(`Wrote ${n(people)} people and their activity (${n(result.records)} records) to ${result.files.length} ${opts.format === 'fhir' ? 'FHIR NDJSON' : 'CSV'} files`
        + ` in ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${seed}, as at ${today}). Load them with: seamless import ${dir}`);
    });
}
