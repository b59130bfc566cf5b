import type { Command } from 'commander';
import { isIsoDate } from '../../kernel/dates.ts';
import { badRequest } from '../../kernel/errors.ts';
import { createProgress, type Progress } from '../../kernel/progress.ts';
import { getPersonScores, stratifyPlace, writeNeedsReport, type StratifyProgress } from '../../modules/analytics/index.ts';
import { withCliScope } from '../context.ts';

const n = (value: number) => Math.round(value).toLocaleString('en-GB');

const PHASES: Record<StratifyProgress['phase'], { label: string; unit: string }> = {
  model: { label: 'Training the risk model', unit: 'people' },
  scores: { label: 'Scoring', unit: 'people' },
  segments: { label: 'Segments and case finding', unit: 'people' },
};

/**
 * `seamless stratify` computes every score, the segments and the case-finding list for the place as
 * the CLI operator (audited); `seamless scores <nhs-number>` prints one person's latest scores, within
 * the operator's access like `seamless person`; `seamless report needs --out file.xlsx` writes the needs
 * profile workbook (place, localities, practices) from the latest stratification, small counts suppressed.
 */
export function registerAnalyticsCommands(program: Command): void {
  program.command('stratify')
    .description('Risk stratification of the whole place: HFRS, eFI, Charlson, LACE and the predicted risk of an emergency admission\n'
      + '(the model is trained on the place first), segments and the case-finding list; stored per person with their versions.')
    .option('--as-of <date>', 'compute everything as of this date (default today)')
    .option('--changed', 'recompute only the people whose records were imported or changed since the last stratification (everyone if there was none)')
    .option('--quiet', 'no progress display')
    .action(async (options: { asOf?: string; changed?: boolean; quiet?: boolean }) => {
      if (options.asOf !== undefined && !isIsoDate(options.asOf)) {
        throw badRequest('SEAMLESS_ERR_CLI_OPTION', `--as-of must be a date like 2026-11-01, got '${options.asOf}'`);
      }
      await withCliScope(async (scope, _config, db) => {
        let bar: Progress | undefined;
        let phase: StratifyProgress['phase'] | undefined;
        let shown = 0;
        const onProgress = (p: StratifyProgress) => {
          if (p.phase !== phase) {
            bar?.stop();
            phase = p.phase;
            shown = 0;
            bar = createProgress(PHASES[p.phase].label, p.total, PHASES[p.phase].unit, options.quiet ? 'silent' : 'auto');
          }
          bar!.setTotal(p.total);
          bar!.increment(p.done - shown);
          shown = p.done;
        };
        let summary;
        try {
          summary = await stratifyPlace(scope, { asOf: options.asOf, changed: options.changed, onProgress });
        } finally {
          bar?.stop();
        }
        const s = summary.seconds > 0 ? summary.seconds : 1e-9;
        console.log(`Stratified ${n(summary.persons)} people (${n(summary.scored)} scored) and ${n(summary.events)} events as of ${summary.asOf}`
          + ` in ${summary.seconds.toFixed(1)} s: ${n(summary.persons / s)} persons/s, ${n(summary.events / s)} events/s (run ${summary.runId}, ${db.description}).`);
        if (summary.changedSince) {
          const { persons, runId } = summary.changedSince;
          console.log(`Recomputed the ${n(persons)} ${persons === 1 ? 'person' : 'people'} whose records changed since run ${runId}; everyone else's results are as they were.`);
        }
        if (summary.model) {
          const auc = summary.model.validationAuc === undefined ? '' : `, validation AUC ${summary.model.validationAuc.toFixed(3)}`;
          console.log(`Emergency admission model ${summary.model.version}${auc}.`);
        }
        console.log(`Scores stored: ${n(summary.scoreRows)}. Case-finding list: ${n(summary.caseFindingEntries)} people.`
          + ` (Model ${summary.phases.model.toFixed(1)} s, scores ${summary.phases.scores.toFixed(1)} s, segments and case finding ${summary.phases.segments.toFixed(1)} s.)`);
        for (const segment of summary.segments) console.log(`  ${segment.label.padEnd(42)} ${n(segment.count).padStart(12)}`);
        for (const warning of summary.warnings) console.error(`Warning: ${warning}`);
      });
    });

  program.command('scores <nhs-number>')
    .description("A person's latest risk and frailty scores with the factors behind them (within your access, audited)")
    .option('--json', 'print the scores as JSON')
    .action(async (nhsNumber: string, options: { json?: boolean }) => {
      await withCliScope(async (scope) => {
        const result = await getPersonScores(scope, nhsNumber);
        const scores = result.scores.map((s) => ({ name: s.name, value: s.value, band: s.band, version: s.version, computedAt: s.computedAt, factors: s.factors }));
        if (options.json) {
          console.log(JSON.stringify({ nhsNumber: result.nhsNumber, scores }, null, 2));
          return;
        }
        if (scores.length === 0) {
          console.log(`NHS ${result.nhsNumber}: no scores yet (run seamless stratify).`);
          return;
        }
        console.log(`NHS ${result.nhsNumber}, scored ${result.scores[0]!.asOf}`);
        for (const score of scores) {
          const value = Number.isInteger(score.value) ? String(score.value) : score.value.toFixed(3);
          console.log(`${score.name.padEnd(26)} ${value.padStart(7)}  ${(score.band ?? '').padEnd(12)} ${score.version}`);
          for (const factor of score.factors) {
            const contribution = Number.isInteger(factor.contribution) ? String(factor.contribution) : factor.contribution.toFixed(2);
            console.log(`    ${contribution.padStart(6)}  ${factor.label}${factor.date ? ` (${factor.date})` : ''}`);
          }
        }
      });
    });

  const report = program.command('report').description('Reports for commissioners and public health, as Excel workbooks');
  report.command('needs')
    .description('Needs profile (JSNA) of the place, each locality and each GP practice: counts, crude and age-standardised rates per 100,000\n'
      + 'with 95% confidence intervals, from the latest stratification; counts of 1-7 shown as <8.')
    .requiredOption('--out <file.xlsx>', 'the workbook to write')
    .option('--as-of <date>', 'check that the latest stratification is as of this date')
    .action(async (options: { out: string; asOf?: string }) => {
      if (options.asOf !== undefined && !isIsoDate(options.asOf)) {
        throw badRequest('SEAMLESS_ERR_CLI_OPTION', `--as-of must be a date like 2026-11-01, got '${options.asOf}'`);
      }
      await withCliScope(async (scope) => {
        const summary = await writeNeedsReport(scope, options.out, { asOf: options.asOf });
        console.log(`Needs profile as of ${summary.asOf} (run ${summary.runId}): the place, ${n(summary.areas.localities)} localities and`
          + ` ${n(summary.areas.practices)} practices, ${n(summary.rows)} rows, written to ${options.out}.`);
      });
    });
}
