import { useId, type ReactNode } from 'react';

export interface CheckboxOption {
  value: string;
  label: ReactNode;
}

/** NHS checkboxes in a fieldset with a legend; small: true for filters. */
export function Checkboxes({ legend, hint, options, selected, onChange, small = false, inline = false }: {
  legend: string; hint?: string; options: readonly CheckboxOption[]; selected: ReadonlySet<string>;
  onChange: (value: string, checked: boolean) => void; small?: boolean; inline?: boolean;
}) {
  const base = `cb-${useId().replace(/:/g, '')}`;
  const classes = ['nhsuk-checkboxes', small ? 'nhsuk-checkboxes--small' : '', inline ? 'nhsuk-checkboxes--inline' : ''].filter(Boolean).join(' ');
  return (
    <div className="nhsuk-form-group">
      <fieldset className="nhsuk-fieldset" aria-describedby={hint ? `${base}-hint` : undefined}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint && <div className="nhsuk-hint" id={`${base}-hint`}>{hint}</div>}
        <div className={classes}>
          {options.map((option, i) => (
            <div className="nhsuk-checkboxes__item" key={option.value}>
              <input
                className="nhsuk-checkboxes__input" id={`${base}-${i}`} type="checkbox" value={option.value}
                checked={selected.has(option.value)} onChange={(e) => onChange(option.value, e.target.checked)}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`${base}-${i}`}>{option.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
