import type { Scope } from '../../../kernel/access/scope.ts';
import { badRequest, conflict } from '../../../kernel/errors.ts';
import { listOrganisations, suppressCount } from '../../governance/index.ts';
import { listLocalities } from '../../population/index.ts';
import { NeedsTally, needsRows } from '../domain/needs-indicators.ts';
import type { NeedsAreaCounts } from '../domain/stats/needs-profile.ts';
import { writeNeedsWorkbook } from '../report/needs-workbook.ts';
import { aggregateExclusions, countedRows, requireAnalyticsUse } from './analytics-access.ts';
import { loadRunProfiles } from './profile-cache.service.ts';

/**
 * The needs-profile workbook (`seamless report needs`): the indicators of domain/needs-indicators.ts
 * for the place, each locality (where people live) and each GP practice (where they are registered),
 * from the latest stratification's profiles, one sheet per kind of area. A published output, so
 * small counts are always suppressed ('<8', rates withheld) whoever runs it; for planning roles the
 * opted-out persons are left out as on the dashboard.
 */
export const NEEDS_REPORT_RESOURCE = 'analytics.needs_profile';

export interface NeedsReportSummary {
  asOf: string;
  runId: number;
  areas: { place: number; localities: number; practices: number };
  rows: number;
}

export async function writeNeedsReport(scope: Scope, filePath: string, options: { asOf?: string | undefined } = {}): Promise<NeedsReportSummary> {
  requireAnalyticsUse(scope);
  const profiles = await loadRunProfiles(scope.db);
  if (!profiles) throw conflict('SEAMLESS_ERR_ANALYTICS_NOT_STRATIFIED', 'The place has not been stratified yet: run seamless stratify first.');
  const asOf = profiles.run.asOf;
  if (options.asOf !== undefined && options.asOf !== asOf) {
    throw badRequest('SEAMLESS_ERR_ANALYTICS_AS_OF',
      `The stored profiles are as of ${asOf} (the latest stratification), not ${options.asOf}: run seamless stratify --as-of ${options.asOf} first, or leave --as-of out.`);
  }
  const counted = countedRows(profiles, await aggregateExclusions(scope, profiles));
  const place = new NeedsTally();
  const localities = new Map<string, NeedsTally>();
  const practices = new Map<string, NeedsTally>();
  const tallyOf = (map: Map<string, NeedsTally>, code: string) => {
    let tally = map.get(code);
    if (!tally) map.set(code, (tally = new NeedsTally()));
    return tally;
  };
  const columns = profiles.columns;
  for (let i = 0; i < columns.length; i++) {
    if (!counted(i)) continue;
    const facts = columns.facts.facts(i);
    place.add(facts);
    if (facts.localityCode !== null) tallyOf(localities, facts.localityCode).add(facts);
    if (facts.gpPracticeCode !== null) tallyOf(practices, facts.gpPracticeCode).add(facts);
  }
  const localityNames = new Map((await listLocalities(scope)).map((l) => [l.code, l.name]));
  const practiceNames = new Map((await listOrganisations(scope.db)).filter((o) => o.org_type === 'gp_practice').map((o) => [o.code, o.name]));
  const areas: NeedsAreaCounts[] = [...place.areaCounts('Place', 'place', 'The whole place')];
  const sorted = (map: Map<string, NeedsTally>) => [...map].sort(([a], [b]) => a.localeCompare(b));
  for (const [code, tally] of sorted(localities)) areas.push(...tally.areaCounts('Locality', code, localityNames.get(code) ?? code));
  for (const [code, tally] of sorted(practices)) areas.push(...tally.areaCounts('GP practice', code, practiceNames.get(code) ?? code));
  const rows = needsRows(areas, { suppress: (n) => suppressCount(n), confidence: 0.95 });
  await writeNeedsWorkbook(rows, filePath, { title: 'Needs profile', period: `12 months to ${asOf}` });
  await scope.audit.record(scope.actor, [{
    action: 'export', resource: NEEDS_REPORT_RESOURCE, outcome: 'allowed',
    detail: `needs workbook as of ${asOf} (run ${profiles.run.id}): ${rows.length} rows, small counts suppressed`,
  }]);
  return { asOf, runId: profiles.run.id, areas: { place: 1, localities: localities.size, practices: practices.size }, rows: rows.length };
}
