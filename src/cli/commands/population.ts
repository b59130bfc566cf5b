import type { Command } from 'commander';
import { findPersonIdByNhsNumber, formatQualityReport, getPersonRecord, getPersonTimeline, getQualityReport } from '../../modules/population/index.ts';
import { withCliStore } from '../context.ts';

export function registerPopulationCommands(program: Command): void {
  program.command('quality')
    .description('Data quality report: completeness, validity, duplicates and linkage rates')
    .option('--json', 'print the report as JSON')
    .action(async (options: { json?: boolean }) => {
      await withCliStore(async (db) => {
        const report = await getQualityReport(db);
        console.log(options.json ? JSON.stringify(report, null, 2) : formatQualityReport(report));
      });
    });

  program.command('person <nhs-number>')
    .description("A person's linked record: index entry, identifiers and timeline")
    .option('--json', 'print the record as JSON')
    .option('--limit <n>', 'timeline entries to show', '1000')
    .action(async (nhsNumber: string, options: { json?: boolean; limit: string }) => {
      await withCliStore(async (db) => {
        const id = await findPersonIdByNhsNumber(db, nhsNumber);
        const record = await getPersonRecord(db, id);
        const timeline = await getPersonTimeline(db, id, { limit: Math.max(1, Number(options.limit) || 1000) });
        if (options.json) {
          console.log(JSON.stringify({ ...record, timeline: timeline.items }, null, 2));
          return;
        }
        const p = record.person;
        console.log(`${p.familyName?.toUpperCase() ?? '?'}, ${p.givenName ?? '?'}  NHS ${p.nhsNumber}  born ${p.dateOfBirth} (${p.age})  ${p.sexLabel}  ${p.postcode ?? ''}  GP ${p.gpPracticeCode ?? '-'}${p.dateOfDeath ? `  died ${p.dateOfDeath}` : ''}`);
        for (const e of timeline.items) console.log(`${e.date}  ${e.setting.padEnd(13)} ${e.title}${e.details.length ? ` — ${e.details.join('; ')}` : ''}`);
      });
    });
}
