import type { Scope } from '../../../kernel/access/scope.ts';
import { todayIso } from '../../../kernel/dates.ts';
import { buildQualityReport, type QualityReport } from '../quality/quality.report.ts';
import { countQuality } from '../store/quality.repository.ts';

/** Data quality is aggregate (no person is named), so any signed-in role may read it; the read is audited. */
export async function getQualityReport(scope: Scope, asOf: string = todayIso()): Promise<QualityReport> {
  const report = buildQualityReport(await countQuality(scope.db, asOf), asOf);
  await scope.audit.record(scope.actor, [{ action: 'read', resource: 'population.quality', outcome: 'allowed' }]);
  return report;
}
