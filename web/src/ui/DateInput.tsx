import type { DateParts } from '../lib/date-parts.ts';
import { ErrorMessage } from './FormFields.tsx';

/** NHS date input: day, month and year boxes in a fieldset, with hint and inline error. id names the day box. */
export function DateInput({ id, legend, hint, value, onChange, error }: {
  id: string; legend: string; hint?: string; value: DateParts; onChange: (value: DateParts) => void; error?: string | undefined;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const box = (part: keyof DateParts, label: string, width: 2 | 4) => {
    const boxId = part === 'day' ? id : `${id}-${part}`;
    return (
      <div className="nhsuk-date-input__item">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-date-input__label" htmlFor={boxId}>{label}</label>
          <input
            className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${error ? ' nhsuk-input--error' : ''}`}
            id={boxId} name={`${id}[${part}]`} type="text" inputMode="numeric" value={value[part]}
            onChange={(e) => onChange({ ...value, [part]: e.target.value })}
          />
        </div>
      </div>
    );
  };
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" role="group" aria-describedby={describedBy}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint && <div className="nhsuk-hint" id={hintId}>{hint}</div>}
        {error && <ErrorMessage id={errorId}>{error}</ErrorMessage>}
        <div className="nhsuk-date-input" id={`${id}-group`}>
          {box('day', 'Day', 2)}
          {box('month', 'Month', 2)}
          {box('year', 'Year', 4)}
        </div>
      </fieldset>
    </div>
  );
}
