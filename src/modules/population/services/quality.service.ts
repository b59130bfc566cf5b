import type { Database, Tx } from '../../../kernel/db/database.ts';
import { todayIso } from '../../../kernel/dates.ts';
import { buildQualityReport, type QualityReport } from '../quality/quality.report.ts';
import { countQuality } from '../store/quality.repository.ts';

export async function getQualityReport(db: Database | Tx, asOf: string = todayIso()): Promise<QualityReport> {
  return buildQualityReport(await countQuality(db, asOf), asOf);
}
