import type { ReactNode } from 'react';
import { ErrorMessage } from './FormFields.tsx';

export interface RadioOption {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Shown under the option while it is selected (NHS conditional reveal). */
  conditional?: ReactNode;
}

/** NHS radios in a fieldset with a legend, an inline error and conditional reveals. */
export function Radios({ id, name, legend, hint, options, value, onChange, error, small = false, inline = false }: {
  id: string; name?: string; legend: ReactNode; hint?: ReactNode; options: readonly RadioOption[]; value: string;
  onChange: (value: string) => void; error?: string | undefined; small?: boolean; inline?: boolean;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const classes = ['nhsuk-radios', small ? 'nhsuk-radios--small' : '', inline ? 'nhsuk-radios--inline' : ''].filter(Boolean).join(' ');
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint && <div className="nhsuk-hint" id={hintId}>{hint}</div>}
        {error && <ErrorMessage id={errorId}>{error}</ErrorMessage>}
        <div className={classes}>
          {options.map((option, i) => {
            const inputId = i === 0 ? id : `${id}-${i + 1}`;
            const checked = value === option.value;
            return (
              <div key={option.value}>
                <div className="nhsuk-radios__item">
                  <input
                    className="nhsuk-radios__input" id={inputId} name={name ?? id} type="radio" value={option.value}
                    checked={checked} onChange={() => onChange(option.value)}
                    aria-describedby={option.hint ? `${inputId}-hint` : undefined}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={inputId}>{option.label}</label>
                  {option.hint && <div className="nhsuk-hint nhsuk-radios__hint" id={`${inputId}-hint`}>{option.hint}</div>}
                </div>
                {option.conditional && checked && <div className="nhsuk-radios__conditional">{option.conditional}</div>}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
