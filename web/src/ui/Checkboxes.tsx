import { useId, type ReactNode } from 'react';
import { ErrorMessage } from './FormFields.tsx';

export interface CheckboxOption {
  value: string;
  label: ReactNode;
}

/**
 * NHS checkboxes in a fieldset with a legend and an optional inline error; small: true for filters.
 * id names the first checkbox, so an error summary can link to it.
 */
export function Checkboxes({ id, legend, hint, options, selected, onChange, small = false, inline = false, error }: {
  id?: string; legend: string; hint?: string; options: readonly CheckboxOption[]; selected: ReadonlySet<string>;
  onChange: (value: string, checked: boolean) => void; small?: boolean; inline?: boolean; error?: string | undefined;
}) {
  const generated = `cb-${useId().replace(/:/g, '')}`;
  const base = id ?? generated;
  const classes = ['nhsuk-checkboxes', small ? 'nhsuk-checkboxes--small' : '', inline ? 'nhsuk-checkboxes--inline' : ''].filter(Boolean).join(' ');
  const describedBy = [hint ? `${base}-hint` : '', error ? `${base}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint && <div className="nhsuk-hint" id={`${base}-hint`}>{hint}</div>}
        {error && <ErrorMessage id={`${base}-error`}>{error}</ErrorMessage>}
        <div className={classes}>
          {options.map((option, i) => {
            const inputId = id && i === 0 ? id : `${base}-${i}`;
            return (
              <div className="nhsuk-checkboxes__item" key={option.value}>
                <input
                  className="nhsuk-checkboxes__input" id={inputId} type="checkbox" value={option.value}
                  checked={selected.has(option.value)} onChange={(e) => onChange(option.value, e.target.checked)}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={inputId}>{option.label}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
