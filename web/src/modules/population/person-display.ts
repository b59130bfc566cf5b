import { formatNhsNumber } from '../../../../src/modules/population/domain/nhs-number.ts';
import { formatDate } from '../../lib/format.ts';
import type { PersonSummary } from './api/population.types.ts';

/** How a person is named and described on screen: one place, so every screen says it the same way. */
export function personName(p: Pick<PersonSummary, 'givenName' | 'familyName'>): string {
  return [p.givenName, p.familyName].filter(Boolean).join(' ') || 'Name not recorded';
}

/** 'SMITH, John' for lists sorted by family name. */
export function personSortName(p: Pick<PersonSummary, 'givenName' | 'familyName'>): string {
  if (!p.familyName) return p.givenName ?? 'Name not recorded';
  return p.givenName ? `${p.familyName.toUpperCase()}, ${p.givenName}` : p.familyName.toUpperCase();
}

export function nhsNumberText(nhsNumber: string | null): string | null {
  return nhsNumber ? formatNhsNumber(nhsNumber) : null;
}

/** '15 Mar 1984 (40 years)'. */
export function dateOfBirthText(p: Pick<PersonSummary, 'dateOfBirth' | 'age'>, options: { short?: boolean } = {}): string | null {
  if (!p.dateOfBirth) return null;
  const date = formatDate(p.dateOfBirth, options);
  return p.age === null ? date : `${date} (${p.age} ${p.age === 1 ? 'year' : 'years'})`;
}

const SYSTEM_LABELS: Record<string, string> = { 'nhs-number': 'NHS number', local: 'Local (council) ID' };

export function identifierSystemLabel(system: string): string {
  if (SYSTEM_LABELS[system]) return SYSTEM_LABELS[system];
  if (system.startsWith('source:')) return `Source system: ${system.slice('source:'.length)}`;
  return system;
}

export function identifierValueText(system: string, value: string): string {
  return system === 'nhs-number' && /^\d{10}$/.test(value) ? formatNhsNumber(value) : value;
}

const MATCH_LABELS: Record<string, string> = {
  nhs_number: 'NHS number',
  local_id: 'Local ID',
  source_id: 'Source system ID',
  demographic_exact: 'Exact demographics',
  probabilistic: 'Probabilistic match',
  new: 'New person',
};

export function matchMethodLabel(method: string): string {
  return MATCH_LABELS[method] ?? method;
}
