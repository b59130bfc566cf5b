import type { Command } from 'commander';
import { DEFAULT_IMPORT_BATCH_SIZE, DEFAULT_PERSONS_BATCH_SIZE, importFiles } from '../../modules/population/index.ts';
import { formatImportSummary } from '../../modules/population/import/import-summary.ts';
import { withCliStore } from '../context.ts';

/** Exit status when the import finished but quarantined some records (errors exit 1). */
export const EXIT_QUARANTINED = 2;

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Load CSV extracts and FHIR R4 files (Bundle .json, .ndjson) into the linked population.\n'
      + 'A directory imports every .csv, .json and .ndjson in it, persons files first. Re-importing a file changes nothing;\n'
      + 'an interrupted import resumes where it stopped. Rejected records are kept in the quarantine with their reason.\n'
      + `Exit status ${EXIT_QUARANTINED} when anything was quarantined. Layouts: docs/importing.md.`)
    .argument('<paths...>', 'files or directories to import')
    .option('--batch-size <records>', `records per transaction (default ${DEFAULT_PERSONS_BATCH_SIZE} for persons files, ${DEFAULT_IMPORT_BATCH_SIZE} for the rest)`)
    .option('--quiet', 'no progress display')
    .action(async (paths: string[], opts: { batchSize?: string; quiet?: boolean }) => {
      const batchSize = opts.batchSize === undefined ? undefined : Number(opts.batchSize);
      if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) throw new Error(`--batch-size must be a whole number above 0, got '${opts.batchSize}'`);
      await withCliStore(async (db) => {
        const summary = await importFiles(db, paths, { batchSize, progress: opts.quiet ? 'silent' : 'auto' });
        console.log(formatImportSummary(summary));
        if (summary.loaded > 0) console.log('Scores and case finding do not include these records yet: `seamless stratify --changed` recomputes the people they are about.');
        if (summary.files.some((f) => f.status !== 'already_imported' && f.quarantined > 0)) process.exitCode = EXIT_QUARANTINED;
      });
    });
}
