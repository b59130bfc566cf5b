/**
 * Needs profile (joint strategic needs assessment) rows: for each area and indicator, the count, the
 * population, the crude rate and the directly age-standardised rate per 100,000, each with confidence
 * limits, after small-number suppression.
 *
 * Methods: crude rate with Poisson limits (exact below 10 events, Byar from 10; crude-rate.ts), DSR
 * with the 2013 European Standard Population and Dobson limits (directly-standardised-rate.ts).
 *
 * Disclosure control, applied before anything leaves this function:
 * - The count goes through the governance module's rule (`suppressCount`, passed in as `suppress` so
 *   that this file stays pure and the rule is written once, in governance): counts 1–7 become "<8".
 *   When the count is suppressed the rates and limits are withheld too, since count = rate ×
 *   population / 100,000 would give it back. Zero stays 0 and is shown with its rate.
 * - A DSR from fewer than 10 events is not shown (OHID's rule; the DSR is unreliable), though the
 *   crude rate is.
 * Secondary (complementary) suppression, where a suppressed area could be recovered by subtracting the
 * others from a total, is not done here; a report that shows totals must consider it.
 */
import type { SuppressedCount } from '../../../governance/index.ts';
import { isSeamlessError, SeamlessError } from '../../../../kernel/errors.ts';
import { checkConfidence, type ConfidenceLevel } from './confidence-intervals.ts';
import { calculateCrudeRate } from './crude-rate.ts';
import { calculateDsr, type AgeBandCount } from './directly-standardised-rate.ts';

export interface NeedsAreaCounts {
  /** E.g. 'place', 'locality', 'practice': each becomes a sheet of the workbook. */
  areaType: string;
  areaCode: string;
  areaName: string;
  indicator: string;
  /** Events and population in each of the 19 ESP 2013 age bands. */
  bands: AgeBandCount[];
}

/** 'small_count': count 1–7, shown as "<8", all rates withheld; 'dsr_fewer_than_10': DSR withheld. */
export type NeedsSuppression = 'none' | 'small_count' | 'dsr_fewer_than_10';

export interface NeedsProfileRow {
  areaType: string;
  areaCode: string;
  areaName: string;
  indicator: string;
  count: SuppressedCount;
  population: number;
  crudeRate: number | null;
  crudeLower: number | null;
  crudeUpper: number | null;
  dsr: number | null;
  dsrLower: number | null;
  dsrUpper: number | null;
  confidence: ConfidenceLevel;
  suppression: NeedsSuppression;
  /** Plain-language reason for anything withheld. */
  note: string | null;
}

export interface NeedsProfileOptions {
  /** The small-number rule; pass governance's `suppressCount`. */
  suppress: (count: number) => SuppressedCount;
  confidence?: ConfidenceLevel;
}

export function deriveNeedsProfileRows(areas: readonly NeedsAreaCounts[], options: NeedsProfileOptions): NeedsProfileRow[] {
  const confidence = checkConfidence(options.confidence ?? 0.95);
  return areas.map((area) => {
    const where = `${area.areaName} (${area.areaCode}), ${area.indicator}`;
    try {
      return deriveRow(area, options.suppress, confidence);
    } catch (error) {
      if (isSeamlessError(error)) throw new SeamlessError(error.code, error.status, `${where}: ${error.message}`, { ...error.details, areaCode: area.areaCode, indicator: area.indicator });
      throw error;
    }
  });
}

function deriveRow(area: NeedsAreaCounts, suppress: NeedsProfileOptions['suppress'], confidence: ConfidenceLevel): NeedsProfileRow {
  const dsr = calculateDsr(area.bands, { confidence });
  const crude = calculateCrudeRate(dsr.totalEvents, dsr.totalPopulation, { confidence });
  const count = suppress(dsr.totalEvents);
  const base = {
    areaType: area.areaType,
    areaCode: area.areaCode,
    areaName: area.areaName,
    indicator: area.indicator,
    count,
    population: dsr.totalPopulation,
    confidence,
  };
  if (count !== dsr.totalEvents) {
    return {
      ...base, crudeRate: null, crudeLower: null, crudeUpper: null, dsr: null, dsrLower: null, dsrUpper: null,
      suppression: 'small_count',
      note: `Small number: the count is shown as ${String(count)} and its rates are withheld so that it cannot be worked back`,
    };
  }
  const crudePart = { crudeRate: crude.rate, crudeLower: crude.lower, crudeUpper: crude.upper };
  if (!dsr.reliable) {
    return {
      ...base, ...crudePart, dsr: null, dsrLower: null, dsrUpper: null,
      suppression: 'dsr_fewer_than_10',
      note: 'Age-standardised rate not shown: fewer than 10 events',
    };
  }
  return { ...base, ...crudePart, dsr: dsr.rate, dsrLower: dsr.lower, dsrUpper: dsr.upper, suppression: 'none', note: null };
}
