import { useId, useState, type FormEvent } from 'react';

const SEARCH_ICON = 'm20.7 18.9-4.1-4.1a7 7 0 1 0-1.4 1.4l4 4.1a1 1 0 0 0 1.5 0c.4-.4.4-1 0-1.4ZM6 10.6a5 5 0 1 1 10 0 5 5 0 0 1-10 0Z';

export function SearchIcon() {
  return (
    <svg className="nhsuk-icon nhsuk-icon--search" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">
      <path d={SEARCH_ICON} />
    </svg>
  );
}

export interface SearchInputProps {
  label: string;
  hint?: string;
  initialValue?: string;
  /** Checks the text before searching; returns an error message or undefined. */
  validate?: (value: string) => string | undefined;
  onSearch: (value: string) => void;
  /** Renders the label as the page's h1. */
  labelAsHeading?: boolean;
  id?: string;
  large?: boolean;
}

/** NHS search input: a labelled search field with its button, an optional hint and an inline error. */
export function SearchInput({ label, hint, initialValue = '', validate, onSearch, labelAsHeading = false, id, large = false }: SearchInputProps) {
  const generated = useId();
  const inputId = id ?? `search-${generated.replace(/:/g, '')}`;
  const [value, setValue] = useState(initialValue);
  const [error, setError] = useState<string | undefined>();
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = value.trim();
    const problem = validate?.(text);
    setError(problem);
    if (!problem) onSearch(text);
  };

  const labelElement = (
    <label className={`nhsuk-label ${labelAsHeading ? 'nhsuk-label--l' : 'nhsuk-label--m'}`} htmlFor={inputId}>{label}</label>
  );
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <form role="search" onSubmit={submit} noValidate>
      <div className={`nhsuk-form-group nhsuk-search-input${large ? ' nhsuk-search-input--large' : ''}${error ? ' nhsuk-form-group--error' : ''}`}>
        {labelAsHeading ? <h1 className="nhsuk-label-wrapper">{labelElement}</h1> : labelElement}
        {hint && <div className="nhsuk-hint" id={hintId}>{hint}</div>}
        {error && (
          <span className="nhsuk-error-message" id={errorId}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        )}
        <div className={`nhsuk-input-wrapper${large ? ' nhsuk-input-wrapper--large' : ''} nhsuk-search-input__wrapper`}>
          <input
            className={`nhsuk-input${large ? ' nhsuk-input--large' : ''} nhsuk-search-input__input${error ? ' nhsuk-input--error' : ''}`}
            id={inputId} name="q" type="search" autoComplete="off" spellCheck={false}
            aria-describedby={describedBy} value={value} onChange={(e) => setValue(e.target.value)}
          />
          <button className={`nhsuk-button nhsuk-button--icon${large ? '' : ' nhsuk-button--small'} nhsuk-search-input__button`} type="submit" aria-label="Search">
            <SearchIcon />
          </button>
        </div>
      </div>
    </form>
  );
}
