import { formatNhsNumber } from '../../../../../src/modules/population/domain/nhs-number.ts';
import { Link } from '../../../lib/router.tsx';
import { sexText } from '../analytics-display.ts';
import type { PersonRef } from '../api/analytics.types.ts';

/** 'Aged 84, female, GP B82001, locality E1'. */
export function personFacts(person: PersonRef): string {
  return [
    person.age !== null ? `aged ${person.age}` : person.ageBand ? `aged ${person.ageBand}` : 'age not recorded',
    sexText(person.sex).toLowerCase(),
    person.gpPracticeCode ? `GP ${person.gpPracticeCode}` : 'no GP practice recorded',
    person.localityCode ? `locality ${person.localityCode}` : null,
  ].filter(Boolean).join(', ').replace(/^a/, 'A');
}

/**
 * A person in an analytics list: for direct care their name (a link to their record) and NHS number;
 * for planning their pseudonymised key and nothing that identifies them. facts: false leaves out age,
 * sex and practice (for tables that have columns for them).
 */
export function PersonRefView({ person, facts: withFacts = true }: { person: PersonRef; facts?: boolean }) {
  const facts = withFacts ? <span className="app-person-ref__facts">{personFacts(person)}</span> : null;
  if (person.personId !== undefined) {
    return (
      <>
        <Link className="app-person-ref__name" to={`/people/${person.personId}`}>{person.name || 'Name not recorded'}</Link>
        {person.nhsNumber && <span className="app-person-ref__facts app-nowrap">NHS {formatNhsNumber(person.nhsNumber)}</span>}
        {facts}
      </>
    );
  }
  return (
    <>
      <span className="app-person-ref__name"><span className="nhsuk-u-visually-hidden">Person key </span><span className="app-key">{person.personKey ?? 'No key'}</span></span>
      {facts}
    </>
  );
}
