/**
 * The needs-profile workbook (.xlsx): one sheet per area type (place, locality, practice …) with a row
 * per area and indicator, and a "Definitions" sheet giving the methods and sources. Numbers are stored
 * as numbers with display formats, so analysts can sort, filter and chart them; a suppressed count is
 * the text "<8". The header row is frozen and filterable.
 *
 * The workbook refuses rows that still hold a small count (1–7) as a number, or a rate beside a
 * suppressed count: a last check that nothing disclosive is written, whoever built the rows.
 *
 * exceljs is loaded on first use, not on import, so that the CLI's other commands do not pay for it.
 */
import type { Workbook } from 'exceljs';
import { badRequest } from '../../../kernel/errors.ts';
import { DEFAULT_SUPPRESSION_THRESHOLD, suppressCount } from '../../governance/index.ts';
import type { ConfidenceLevel } from '../domain/stats/confidence-intervals.ts';
import { DSR_MIN_EVENTS, ESP2013_BANDS, ESP2013_POPULATION } from '../domain/stats/directly-standardised-rate.ts';
import { deriveNeedsProfileRows, type NeedsAreaCounts, type NeedsProfileRow } from '../domain/stats/needs-profile.ts';

export const DEFINITIONS_SHEET = 'Definitions';

export interface NeedsWorkbookOptions {
  /** Shown on the Definitions sheet and as the workbook title. */
  title?: string;
  /** The period the counts cover, e.g. '2024/25'. */
  period?: string;
  generatedAt?: Date;
}

/** Needs-profile rows with the governance module's small-number rule applied (counts 1–7 → "<8"). */
export function buildNeedsProfile(areas: readonly NeedsAreaCounts[], options: { confidence?: ConfidenceLevel } = {}): NeedsProfileRow[] {
  return deriveNeedsProfileRows(areas, { suppress: (count) => suppressCount(count), confidence: options.confidence ?? 0.95 });
}

const RATE_FORMAT = '#,##0.0';
const COUNT_FORMAT = '#,##0';

interface Column {
  key: keyof NeedsProfileRow;
  header: (level: string) => string;
  width: number;
  numFmt?: string;
}

const COLUMNS: Column[] = [
  { key: 'areaCode', header: () => 'Area code', width: 12 },
  { key: 'areaName', header: () => 'Area name', width: 30 },
  { key: 'indicator', header: () => 'Indicator', width: 36 },
  { key: 'count', header: () => 'Count', width: 10, numFmt: COUNT_FORMAT },
  { key: 'population', header: () => 'Population', width: 12, numFmt: COUNT_FORMAT },
  { key: 'crudeRate', header: () => 'Crude rate per 100,000', width: 14, numFmt: RATE_FORMAT },
  { key: 'crudeLower', header: (l) => `Crude rate lower ${l} CI`, width: 14, numFmt: RATE_FORMAT },
  { key: 'crudeUpper', header: (l) => `Crude rate upper ${l} CI`, width: 14, numFmt: RATE_FORMAT },
  { key: 'dsr', header: () => 'Age-standardised rate per 100,000', width: 16, numFmt: RATE_FORMAT },
  { key: 'dsrLower', header: (l) => `Age-standardised rate lower ${l} CI`, width: 16, numFmt: RATE_FORMAT },
  { key: 'dsrUpper', header: (l) => `Age-standardised rate upper ${l} CI`, width: 16, numFmt: RATE_FORMAT },
  { key: 'note', header: () => 'Note', width: 60 },
];

export async function buildNeedsWorkbook(rows: readonly NeedsProfileRow[], options: NeedsWorkbookOptions = {}): Promise<Workbook> {
  rows.forEach(checkDisclosure);
  const { default: ExcelJS } = await import('exceljs');
  const generatedAt = options.generatedAt ?? new Date();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Seamless';
  workbook.title = options.title ?? 'Needs profile';
  workbook.created = generatedAt;
  workbook.modified = generatedAt;

  const byType = new Map<string, NeedsProfileRow[]>();
  for (const row of rows) {
    const list = byType.get(row.areaType) ?? [];
    list.push(row);
    byType.set(row.areaType, list);
  }
  const usedNames = new Set<string>([DEFINITIONS_SHEET.toLowerCase()]);
  const levels = new Set<ConfidenceLevel>();
  for (const [areaType, typeRows] of byType) {
    const sheetLevels = new Set(typeRows.map((r) => r.confidence));
    if (sheetLevels.size > 1) throw badRequest('SEAMLESS_ERR_ANALYTICS_MIXED_CONFIDENCE', `Rows for area type '${areaType}' mix confidence levels (${[...sheetLevels].map(percent).join(' and ')}); build one workbook per level`);
    const level = typeRows[0]!.confidence;
    levels.add(level);
    const sheet = workbook.addWorksheet(sheetName(areaType, usedNames), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    sheet.columns = COLUMNS.map((c) => ({ key: c.key, header: c.header(percent(level)), width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'top', wrapText: true };
    for (const row of typeRows) {
      const added = sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, row[c.key] ?? null])));
      if (typeof row.count === 'string') added.getCell('count').alignment = { horizontal: 'right' };
    }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  }
  addDefinitions(workbook, options, generatedAt, levels.size ? [...levels] : [0.95]);
  return workbook;
}

export async function writeNeedsWorkbook(rows: readonly NeedsProfileRow[], filePath: string, options: NeedsWorkbookOptions = {}): Promise<void> {
  await (await buildNeedsWorkbook(rows, options)).xlsx.writeFile(filePath);
}

function checkDisclosure(row: NeedsProfileRow): void {
  const where = `${row.areaName} (${row.areaCode}), ${row.indicator}`;
  if (typeof row.count === 'number' && suppressCount(row.count) !== row.count) {
    throw badRequest('SEAMLESS_ERR_ANALYTICS_UNSUPPRESSED_COUNT', `${where}: a count of ${row.count} must be suppressed before it is written (build rows with buildNeedsProfile)`);
  }
  const rates = [row.crudeRate, row.crudeLower, row.crudeUpper, row.dsr, row.dsrLower, row.dsrUpper];
  if (typeof row.count === 'string' && rates.some((r) => r !== null)) {
    throw badRequest('SEAMLESS_ERR_ANALYTICS_UNSUPPRESSED_COUNT', `${where}: the count is suppressed but a rate is given, which would let the count be worked back`);
  }
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, not starting or ending with an apostrophe, unique. */
function sheetName(areaType: string, used: Set<string>): string {
  const cleaned = areaType.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').replace(/\s+/g, ' ').trim() || 'Areas';
  let name = cleaned.slice(0, 31);
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${cleaned.slice(0, 31 - ` (${i})`.length)} (${i})`;
  used.add(name.toLowerCase());
  return name;
}

function percent(level: ConfidenceLevel): string {
  return level === 0.95 ? '95%' : '99.8%';
}

function addDefinitions(workbook: Workbook, options: NeedsWorkbookOptions, generatedAt: Date, levels: ConfidenceLevel[]): void {
  const sheet = workbook.addWorksheet(DEFINITIONS_SHEET, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  sheet.columns = [
    { key: 'term', header: 'Term', width: 34 },
    { key: 'definition', header: 'Definition', width: 110 },
  ];
  sheet.getRow(1).font = { bold: true };
  const threshold = DEFAULT_SUPPRESSION_THRESHOLD;
  const level = levels.map(percent).join(' and ');
  const entries: [string, string | number][] = [
    ['Title', options.title ?? 'Needs profile'],
    ...(options.period ? [['Period', options.period] as [string, string]] : []),
    ['Produced', generatedAt.toISOString()],
    ['Confidence level', `${level} confidence intervals (CI).`],
    ['Count', 'Number of events (e.g. admissions, deaths, people with a condition) among residents of the area in the period.'],
    ['Population', 'Resident population of the area, summed over the 19 age bands.'],
    ['Crude rate per 100,000', 'Count ÷ population × 100,000.'],
    ['Crude rate confidence interval',
      'Poisson limits for the count, divided by the population and multiplied by 100,000: exact limits (Garwood; Armitage & Berry 2002) for counts below 10, '
      + "Byar's approximation (Breslow & Day 1987) for counts of 10 or more, as OHID does for Fingertips (PHE Technical Guide: Confidence Intervals)."],
    ['Age-standardised rate per 100,000',
      'Directly standardised rate (DSR): the age-specific rates of the area (count ÷ population in each of the 19 age bands 0-4 … 85-89, 90+) weighted by '
      + 'the 2013 European Standard Population (Eurostat 2013; weights below, total 100,000): DSR = Σ ESPᵢ × countᵢ ÷ populationᵢ. It allows fair comparison '
      + 'between areas with different age structures; it is not the rate actually experienced.'],
    ['Age-standardised rate confidence interval',
      'Dobson et al. (Stat Med 1991;10:457–462): DSR ± √(Var(DSR) ÷ O) × (O_limit − O), where O is the total count, O_limit its Byar limit and '
      + 'Var(DSR) = Σ ESPᵢ² × countᵢ ÷ populationᵢ². PHE Technical Guide: Confidence Intervals.'],
    ['Small numbers', `Counts from 1 to ${threshold - 1} are shown as "<${threshold}" so that no individual can be identified; their rates are withheld too, since the count could be worked back from them. A count of 0 is shown.`],
    ['Age-standardised rate not shown', `When there are fewer than ${DSR_MIN_EVENTS} events the age-standardised rate is unreliable and is not shown (as on Fingertips); the crude rate is.`],
    ['Comparing areas', `Where two areas' confidence intervals do not overlap, the difference between them is statistically significant at the ${level} level; overlapping intervals do not prove there is no difference.`],
    ['Sources',
      'Eurostat. Revision of the European Standard Population: report of Eurostat\'s task force, 2013. Breslow NE, Day NE. Statistical methods in cancer research, '
      + 'vol. II. IARC, 1987. Dobson AJ et al. Confidence intervals for weighted sums of Poisson parameters. Stat Med 1991;10:457–462. Armitage P, Berry G. '
      + 'Statistical methods in medical research, 4th ed. 2002. Public Health England. Technical Guide: Confidence Intervals; Technical Guide: Direct Standardisation.'],
    ['2013 European Standard Population', 'Age band → standard population:'],
    ...ESP2013_BANDS.map((band): [string, number] => [band, ESP2013_POPULATION[band]]),
  ];
  for (const [term, definition] of entries) sheet.addRow({ term, definition });
  sheet.getColumn('definition').alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
  sheet.getColumn('term').alignment = { vertical: 'top' };
}
