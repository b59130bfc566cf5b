import type { Scope } from '../../../kernel/access/scope.ts';
import { ageOn, fiveYearAgeBand, todayIso } from '../../../kernel/dates.ts';
import { SeamlessError } from '../../../kernel/errors.ts';
import { auditEntriesForPersons } from '../../governance/index.ts';
import type { Person } from '../domain/person.ts';
import { listPersonsPage } from '../store/person-query.repository.ts';

/**
 * The person index as planning users may see it: a pseudonymised key instead of any identifier,
 * five-year age band instead of date of birth, locality and practice, and nothing for persons with the
 * national data opt-out (the access filter leaves them out inside the query). Every person listed is
 * audited, since pseudonymised data is still personal data.
 */
export interface PseudonymisedPerson {
  personKey: string;
  ageBand: string | null;
  sex: Person['sex'];
  localityCode: string | null;
  gpPracticeCode: string | null;
  dead: boolean;
}

export interface PseudonymisedPersonsQuery { localityCode?: string | undefined; gpPracticeCode?: string | undefined; limit: number; offset: number }


export async function listPseudonymisedPersons(scope: Scope, query: PseudonymisedPersonsQuery): Promise<{ items: PseudonymisedPerson[]; offset: number; hasMore: boolean }> {
  if (scope.actor.purpose !== 'planning') {
    throw new SeamlessError('SEAMLESS_ERR_POPULATION_NOT_FOR_PURPOSE', 403, 'Pseudonymised extracts are for planning roles (analysts and commissioners); direct care uses the person record.');
  }
  const rows = await listPersonsPage(scope.db, { ...query, limit: query.limit + 1 }, scope.access.personVisible('person.id', 'demographics'));
  const page = rows.slice(0, query.limit);
  await scope.audit.record(scope.actor, auditEntriesForPersons(page.map((p) => p.id), { action: 'search', resource: 'population.pseudonymised_person', outcome: 'allowed', detail: 'pseudonymised extract' }));
  const today = todayIso();
  return {
    items: page.map((p) => ({
      personKey: scope.access.personKey(p.id),
      ageBand: p.dateOfBirth ? fiveYearAgeBand(ageOn(p.dateOfBirth, p.dateOfDeath ?? today)) : null,
      sex: p.sex,
      localityCode: p.localityCode ?? null,
      gpPracticeCode: p.gpPracticeCode ?? null,
      dead: p.dateOfDeath !== undefined && p.dateOfDeath !== null,
    })),
    offset: query.offset,
    hasMore: rows.length > query.limit,
  };
}
