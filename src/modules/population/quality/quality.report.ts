import type { QualityCounts } from '../store/quality.repository.ts';

/**
 * The data quality report: completeness, validity, duplicates and linkage, as proportions a data
 * manager can act on. Pure: it turns counts into the report; the store gathers the counts.
 */
export interface Measure { label: string; numerator: number; denominator: number; percent: number | null }

export interface QualityReport {
  asOf: string;
  persons: number;
  completeness: Measure[];
  validity: Measure[];
  duplicates: { openForReview: number; reviewed: number; sameNameAndDateOfBirthGroups: number };
  linkage: { identifiersByMethod: Record<string, number>; activityLinkedByNhsNumber: Measure[]; personsSeenAcross: Measure[] };
  imports: QualityCounts['imports'] & { topQuarantineReasons: QualityCounts['topQuarantineReasons'] };
}

function measure(label: string, numerator: number, denominator: number): Measure {
  return { label, numerator, denominator, percent: denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10 };
}

export function buildQualityReport(c: QualityCounts, asOf: string): QualityReport {
  const total = c.persons;
  const activityKinds = Object.keys(c.activityByKind) as (keyof QualityCounts['activityByKind'])[];
  return {
    asOf,
    persons: total,
    completeness: [
      measure('NHS number', c.filled.nhsNumber, total),
      measure('Name (given and family)', c.filled.name, total),
      measure('Date of birth', c.filled.dateOfBirth, total),
      measure('Sex known', c.filled.sexKnown, total),
      measure('Postcode', c.filled.postcode, total),
      measure('LSOA', c.filled.lsoaCode, total),
      measure('Registered GP practice', c.filled.gpPracticeCode, total),
    ],
    validity: [
      measure('Date of birth not in the future', c.filled.dateOfBirth - c.datesOfBirthInFuture, c.filled.dateOfBirth),
      measure('Date of death not before birth', total - c.deathBeforeBirth, total),
    ],
    duplicates: { openForReview: c.possibleDuplicates.open, reviewed: c.possibleDuplicates.reviewed, sameNameAndDateOfBirthGroups: c.sameNameAndBirthPairs },
    linkage: {
      identifiersByMethod: c.identifiersByMethod,
      activityLinkedByNhsNumber: activityKinds.filter((k) => c.activityByKind[k] > 0).map((k) => measure(k, c.activityForPersonsWithNhsNumber[k], c.activityByKind[k])),
      personsSeenAcross: [
        measure('with GP activity', c.personsWithActivityIn.gp, total),
        measure('with hospital activity', c.personsWithActivityIn.hospital, total),
        measure('with social care activity', c.personsWithActivityIn.socialCare, total),
        measure('linked across GP, hospital and social care', c.personsWithActivityIn.gpAndHospitalAndSocialCare, total),
      ],
    },
    imports: { ...c.imports, topQuarantineReasons: c.topQuarantineReasons },
  };
}

/** Plain-text rendering for the CLI. */
export function formatQualityReport(r: QualityReport): string {
  const line = (m: Measure) => `  ${m.label.padEnd(46)} ${String(m.numerator).padStart(9)} / ${String(m.denominator).padEnd(9)} ${m.percent === null ? '   n/a' : `${m.percent.toFixed(1).padStart(5)}%`}`;
  const out = [
    `Data quality report as at ${r.asOf}: ${r.persons} persons`,
    'Completeness', ...r.completeness.map(line),
    'Validity', ...r.validity.map(line),
    'Duplicates',
    `  possible duplicates open for review: ${r.duplicates.openForReview} (reviewed: ${r.duplicates.reviewed})`,
    `  groups sharing name and date of birth: ${r.duplicates.sameNameAndDateOfBirthGroups}`,
    'Linkage',
    `  identifiers by match method: ${Object.entries(r.linkage.identifiersByMethod).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
    '  activity whose person has an NHS number:', ...r.linkage.activityLinkedByNhsNumber.map(line),
    '  persons seen across settings:', ...r.linkage.personsSeenAcross.map(line),
    'Imports',
    `  runs ${r.imports.runs} (interrupted ${r.imports.interrupted}); loaded ${r.imports.loaded}, duplicates ${r.imports.duplicates}, quarantined ${r.imports.quarantined}, skipped ${r.imports.skipped}`,
    ...r.imports.topQuarantineReasons.map((q) => `  ${String(q.rows).padStart(7)} × ${q.reason}`),
  ];
  return out.join('\n');
}
