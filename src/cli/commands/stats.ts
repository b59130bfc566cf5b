import fs from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { badRequest } from '../../kernel/errors.ts';
import {
  calculateCrudeRate, calculateDsr, ESP2013_BANDS, isEsp2013Band,
  type AgeBandCount, type ConfidenceLevel, type PoissonCiMethod,
} from '../../modules/analytics/index.ts';

const BAD_CSV = 'SEAMLESS_ERR_ANALYTICS_BAD_CSV';

interface CsvRow {
  line: number;
  values: Map<string, string>;
}

/** Reads a CSV with a header row; checks the required columns and names the line of every problem. */
function readCsv(file: string, required: string[]): CsvRow[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw badRequest(BAD_CSV, code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${(error as Error).message})`);
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, trim: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw badRequest(BAD_CSV, `${file}: not a valid CSV file: ${(error as Error).message}`);
  }
  const [header, ...data] = records;
  if (!header) throw badRequest(BAD_CSV, `${file}: the file is empty; expected a header row with the columns ${required.join(',')}`);
  const names = header.record.map((h) => h.trim().toLowerCase());
  const missing = required.filter((r) => !names.includes(r));
  if (missing.length) {
    throw badRequest(BAD_CSV, `${file}, line ${header.info.lines}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the header is '${header.record.join(',')}'; expected ${required.join(',')})`);
  }
  if (!data.length) throw badRequest(BAD_CSV, `${file}: no data rows after the header`);
  return data.map(({ record, info }) => ({ line: info.lines, values: new Map(names.map((n, i) => [n, record[i] ?? ''])) }));
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function field(row: CsvRow, name: string): string {
  return row.values.get(name) ?? '';
}

function readEvents(file: string, row: CsvRow): number {
  const raw = field(row, 'events');
  const where = `${file}, line ${row.line}, field events`;
  if (!NUMBER.test(raw)) throw badRequest(BAD_CSV, `${where}: '${raw}' is not a number${raw.includes(',') ? ' (write numbers without thousands separators)' : ''}`);
  const value = Number(raw);
  if (value < 0 || !Number.isInteger(value)) throw badRequest(BAD_CSV, `${where}: '${raw}' must be a whole number of events, 0 or more`);
  return value;
}

function readPopulation(file: string, row: CsvRow): number {
  const raw = field(row, 'population');
  const where = `${file}, line ${row.line}, field population`;
  if (!NUMBER.test(raw)) throw badRequest(BAD_CSV, `${where}: '${raw}' is not a number${raw.includes(',') ? ' (write numbers without thousands separators)' : ''}`);
  const value = Number(raw);
  if (!(value > 0)) throw badRequest(BAD_CSV, `${where}: '${raw}': a rate needs a population greater than 0`);
  return value;
}

function readConfidence(raw: string): ConfidenceLevel {
  const value = Number(raw.replace(/%$/, ''));
  if (value === 95 || value === 0.95) return 0.95;
  if (value === 99.8 || value === 0.998) return 0.998;
  throw badRequest('SEAMLESS_ERR_ANALYTICS_CONFIDENCE_LEVEL', `--confidence takes 95 or 99.8, not '${raw}'`);
}

function readMethod(raw: string): PoissonCiMethod {
  if (raw === 'fingertips' || raw === 'byar' || raw === 'exact') return raw;
  throw badRequest('SEAMLESS_ERR_ANALYTICS_CI_METHOD', `--method takes fingertips, byar or exact, not '${raw}'`);
}

interface StatsOptions {
  confidence: string;
  method: string;
}

const METHODS_HELP = `
Confidence limits: the count's Poisson limits, exact below 10 events and Byar's
approximation from 10 (OHID's Fingertips rule; --method byar or exact forces one).
Standardised rates use the 2013 European Standard Population and Dobson's method.`;

/**
 * seamless stats dsr <file.csv>: a directly age-standardised rate per 100,000 with Dobson limits.
 * seamless stats rate <file.csv>: crude rates per 100,000 with Poisson limits, one per row.
 * The analyst's calculator: no store is opened and no personal data is read.
 */
export function registerStatsCommands(program: Command): void {
  const stats = program.command('stats').description("Analyst's calculator: crude and age-standardised rates per 100,000 with confidence limits");

  stats.command('dsr <file.csv>')
    .description('Directly age-standardised rate per 100,000 (2013 European Standard Population) with Dobson confidence limits')
    .option('--confidence <level>', 'confidence level: 95 or 99.8', '95')
    .option('--method <method>', 'limits of the total count: fingertips, byar or exact', 'fingertips')
    .addHelpText('after', `
Input: a CSV file with a header row and the columns age_band,events,population
(other columns are ignored), one row for each of the 19 bands 0-4, 5-9, …, 85-89,
90+, with 0 events where there were none. Events are whole numbers; every band
needs a population greater than 0.

Output: one JSON object {"rate": …, "lower": …, "upper": …} per 100,000.
With fewer than 10 events a warning is printed on standard error: OHID does not
publish DSRs from fewer than 10 events. With no events "upper" is null.
${METHODS_HELP}

Example: seamless stats dsr examples/stats/dsr.csv`)
    .action((file: string, options: StatsOptions) => {
      const confidence = readConfidence(options.confidence);
      const method = readMethod(options.method);
      const rows = readCsv(file, ['age_band', 'events', 'population']);
      const bands: AgeBandCount[] = [];
      const firstLine = new Map<string, number>();
      for (const row of rows) {
        const raw = field(row, 'age_band');
        const band = raw.replace(/\s+/g, '');
        if (!isEsp2013Band(band)) throw badRequest(BAD_CSV, `${file}, line ${row.line}, field age_band: unknown age band '${raw}' (expected one of ${ESP2013_BANDS.join(', ')})`);
        const seen = firstLine.get(band);
        if (seen !== undefined) throw badRequest(BAD_CSV, `${file}, line ${row.line}, field age_band: age band ${band} is given again (first on line ${seen})`);
        firstLine.set(band, row.line);
        bands.push({ ageBand: band, events: readEvents(file, row), population: readPopulation(file, row) });
      }
      const missing = ESP2013_BANDS.filter((b) => !firstLine.has(b));
      if (missing.length) throw badRequest(BAD_CSV, `${file}: missing age band${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (give all 19 bands, with 0 events where there were none)`);
      const result = calculateDsr(bands, { confidence, method });
      if (result.warning) console.error(`seamless: warning: ${result.warning}`);
      console.log(JSON.stringify({ rate: result.rate, lower: result.lower, upper: result.upper }));
    });

  stats.command('rate <file.csv>')
    .description('Crude rate per 100,000 with confidence limits, for each row of a CSV file')
    .option('--confidence <level>', 'confidence level: 95 or 99.8', '95')
    .option('--method <method>', 'limits of the count: fingertips, byar or exact', 'fingertips')
    .addHelpText('after', `
Input: a CSV file with a header row and the columns events,population (other
columns, such as an area name, are ignored). Events are whole numbers; the
population must be greater than 0.

Output: one JSON object {"rate": …, "lower": …, "upper": …} per 100,000 for each
data row, one per line and in the order of the file (JSON Lines); a file with one
row prints a single object. To get one rate for several rows, add them up first.
${METHODS_HELP}

Example: seamless stats rate examples/stats/rate.csv`)
    .action((file: string, options: StatsOptions) => {
      const confidence = readConfidence(options.confidence);
      const method = readMethod(options.method);
      const rows = readCsv(file, ['events', 'population']);
      const parsed = rows.map((row) => ({ events: readEvents(file, row), population: readPopulation(file, row) }));
      for (const { events, population } of parsed) {
        const result = calculateCrudeRate(events, population, { confidence, method });
        console.log(JSON.stringify({ rate: result.rate, lower: result.lower, upper: result.upper }));
      }
    });
}
