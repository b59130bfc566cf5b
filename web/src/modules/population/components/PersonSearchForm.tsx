import { navigate } from '../../../lib/router.tsx';
import { SearchInput } from '../../../ui/SearchInput.tsx';

export const SEARCH_HINT = 'Enter an NHS number, a date of birth (for example 27/03/1941), or a family name with or without a given name (for example Smith or Smith John)';

/** The rule the API applies (q must be at least 2 characters), checked before asking. */
export function validateSearch(q: string): string | undefined {
  if (q.length === 0) return 'Enter an NHS number, date of birth or name';
  if (q.length < 2) return 'Enter at least 2 characters';
  return undefined;
}

/** Person search: sends the query to the search screen, where it becomes part of the URL. */
export function PersonSearchForm({ initialValue = '', labelAsHeading = false, label = 'Find a person', large = false }: {
  initialValue?: string; labelAsHeading?: boolean; label?: string; large?: boolean;
}) {
  return (
    <SearchInput
      key={initialValue}
      id="person-search"
      label={label}
      hint={SEARCH_HINT}
      initialValue={initialValue}
      labelAsHeading={labelAsHeading}
      large={large}
      validate={validateSearch}
      onSearch={(q) => navigate(`/search?q=${encodeURIComponent(q)}`)}
    />
  );
}
