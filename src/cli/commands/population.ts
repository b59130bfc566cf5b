import type { Command } from 'commander';
import { findPersonIdByNhsNumber, formatQualityReport, getPersonRecord, getPersonTimeline, getQualityReport } from '../../modules/population/index.ts';
import { withCliScope } from '../context.ts';

export function registerPopulationCommands(program: Command): void {
  program.command('quality')
    .description('Data quality report: completeness, validity, duplicates and linkage rates')
    .option('--json', 'print the report as JSON')
    .action(async (options: { json?: boolean }) => {
      await withCliScope(async (scope) => {
        const report = await getQualityReport(scope);
        console.log(options.json ? JSON.stringify(report, null, 2) : formatQualityReport(report));
      });
    });

  program.command('person <nhs-number>')
    .description("A person's linked record: index entry, identifiers and timeline")
    .option('--json', 'print the record as JSON')
    .option('--limit <n>', 'timeline entries to show', '1000')
    .action(async (nhsNumber: string, options: { json?: boolean; limit: string }) => {
      await withCliScope(async (scope) => {
        const id = await findPersonIdByNhsNumber(scope, nhsNumber);
        const record = await getPersonRecord(scope, id);
        const timeline = await getPersonTimeline(scope, id, { limit: Math.max(1, Number(options.limit) || 1000) });
        if (options.json) {
          console.log(JSON.stringify({ ...record, timeline: timeline.items, accessNote: timeline.accessNote }, null, 2));
          return;
        }
        if (timeline.accessNote) console.error(timeline.accessNote);
        const p = record.person;
        console.log(`${p.familyName?.toUpperCase() ?? '?'}, ${p.givenName ?? '?'}  NHS ${p.nhsNumber}  born ${p.dateOfBirth} (${p.age})  ${p.sexLabel}  ${p.postcode ?? ''}  GP ${p.gpPracticeCode ?? '-'}${p.dateOfDeath ? `  died ${p.dateOfDeath}` : ''}`);
        for (const e of timeline.items) console.log(`${e.date}  ${e.setting.padEnd(13)} ${e.title}${e.details.length ? ` — ${e.details.join('; ')}` : ''}`);
      });
    });
}
