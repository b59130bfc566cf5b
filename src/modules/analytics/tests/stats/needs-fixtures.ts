import { ESP2013_BANDS } from '../../domain/stats/directly-standardised-rate.ts';
import type { NeedsAreaCounts } from '../../domain/stats/needs-profile.ts';

/** An area with 1,000 people in each of the 19 bands and events from a table (0 elsewhere). */
export function area(areaType: string, areaCode: string, areaName: string, events: Record<string, number>): NeedsAreaCounts {
  return {
    areaType, areaCode, areaName, indicator: 'Emergency admissions',
    bands: ESP2013_BANDS.map((ageBand) => ({ ageBand, events: events[ageBand] ?? 0, population: 1000 })),
  };
}

/** Worked example 2 of directly-standardised-rate.test.ts: DSR 265.0 (217.19 to 319.21) from 140 events. */
export const OLDEST: Record<string, number> = { '75-79': 20, '80-84': 30, '85-89': 40, '90+': 50 };
