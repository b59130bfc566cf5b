import type { Database, Tx } from '../../../kernel/db/database.ts';
import { todayIso } from '../../../kernel/dates.ts';
import { countPlace, type PlaceCounts } from '../store/place-summary.repository.ts';

export interface PlaceSummary extends PlaceCounts {
  asOf: string;
}

/** Headline figures of the place, as the home page shows them. */
export async function summarisePlace(db: Database | Tx, asOf: string = todayIso()): Promise<PlaceSummary> {
  return { asOf, ...(await countPlace(db, asOf)) };
}
