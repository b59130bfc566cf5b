import type { PersonFacts } from '../../domain/person-facts.ts';
import type { PersonProfile } from '../../domain/person-profile.ts';

/**
 * Literal people for the rule specs, written as a text table (ehrQL spec style): one row per person,
 * only the columns a spec needs, blank cells for "not recorded" or the default.
 *
 *   id | age | ltcs          | efi      | hfrs | eol
 *   1  | 84  | copd+diabetes | moderate |      | y
 *
 * Columns: id, age, sex, locality, practice, dead, ltcs and unstable ('+'-separated condition keys),
 * meds, emerg (emergency admissions), ae, falls, beddays, known and receiving (social care), eol,
 * efi and hfrs (bands; values are the band's lower edge), risk (predicted risk value), pct (risk
 * percentile), prevpct, prevrisk, segment. y/n for yes/no.
 */
export function profileTable(text: string): PersonProfile[] {
  const lines = text.trim().split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const header = lines[0]!.split('|').map((c) => c.trim());
  return lines.slice(1).map((line) => {
    const cells = line.split('|').map((c) => c.trim());
    const row: Record<string, string> = {};
    header.forEach((h, i) => { if (cells[i]) row[h] = cells[i]!; });
    return profileFromRow(row);
  });
}

const EFI_VALUES: Record<string, number> = { fit: 0.05, mild: 0.15, moderate: 0.28, severe: 0.4 };
const HFRS_VALUES: Record<string, number> = { low: 2, intermediate: 8, high: 16 };

function profileFromRow(row: Record<string, string>): PersonProfile {
  const yes = (key: string) => row[key] === 'y';
  const num = (key: string, fallback = 0) => (row[key] === undefined ? fallback : Number(row[key]));
  const list = (key: string) => (row[key] === undefined ? [] : row[key]!.split('+'));
  const facts: PersonFacts = {
    personId: num('id'),
    asOf: '2026-03-31',
    age: row.age === undefined ? null : Number(row.age),
    sex: (row.sex ?? '2') as PersonFacts['sex'],
    localityCode: row.locality ?? null,
    gpPracticeCode: row.practice ?? null,
    dead: yes('dead'),
    longTermConditions: list('ltcs'),
    unstableConditions: list('unstable'),
    medicationCount: num('meds'),
    emergencyAdmissions12m: num('emerg'),
    electiveAdmissions12m: 0,
    bedDays12m: num('beddays'),
    aeAttendances12m: num('ae'),
    outpatientAppointments12m: 0,
    falls12m: num('falls'),
    communityContacts12m: 0,
    mentalHealthContacts12m: 0,
    ambulanceContacts12m: 0,
    nhs111Contacts12m: 0,
    knownToSocialCare: yes('known'),
    receivingSocialCare: yes('receiving'),
    socialCareWeeklyCostPence: 0,
    endOfLife: yes('eol'),
  };
  const profile: PersonProfile = { facts, scores: {} };
  if (row.efi) profile.scores.efi = { value: EFI_VALUES[row.efi]!, band: row.efi };
  if (row.hfrs) profile.scores.hfrs = { value: HFRS_VALUES[row.hfrs]!, band: row.hfrs };
  if (row.risk) profile.scores.emergency_admission_risk = { value: Number(row.risk), band: null };
  if (row.pct) profile.riskPercentile = Number(row.pct);
  if (row.prevpct) profile.previousRiskPercentile = Number(row.prevpct);
  if (row.prevrisk) profile.previousRiskValue = Number(row.prevrisk);
  if (row.segment) profile.segment = row.segment;
  return profile;
}

/** The ids of the people a predicate matches, in table order. */
export function idsMatching(profiles: readonly PersonProfile[], predicate: (p: PersonProfile) => boolean): number[] {
  return profiles.filter(predicate).map((p) => p.facts.personId);
}
