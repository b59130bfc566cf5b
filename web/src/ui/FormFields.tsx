import type { HTMLInputTypeAttribute, ReactNode } from 'react';

/** The aria-describedby of a field: its hint and error, when it has them. */
function describedByOf(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** The NHS form group around one control: label, optional hint and inline error (the group turns red). */
function LabelledField({ id, label, hint, error, labelSize, children }: {
  id: string; label: ReactNode; hint?: ReactNode; error?: string | undefined; labelSize?: 's' | 'm' | 'l' | undefined; children: ReactNode;
}) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className={`nhsuk-label${labelSize ? ` nhsuk-label--${labelSize}` : ''}`} htmlFor={id}>{label}</label>
      {hint && <div className="nhsuk-hint" id={`${id}-hint`}>{hint}</div>}
      {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      {children}
    </div>
  );
}

/**
 * NHS text input: label, optional hint, inline error (the form group turns red) and the input, wired
 * together with aria-describedby. width gives the nhsuk fixed-width classes (2, 3, 4, 5, 10, 20, 30).
 */
export function TextInput({
  id, label, hint, error, value, onChange, type = 'text', width, name, autoComplete, spellCheck, autoCapitalize, inputMode, labelSize, maxLength,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  type?: HTMLInputTypeAttribute;
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  name?: string;
  autoComplete?: string;
  spellCheck?: boolean;
  autoCapitalize?: string;
  inputMode?: 'text' | 'numeric' | 'search';
  labelSize?: 's' | 'm' | 'l';
  maxLength?: number;
}) {
  const describedBy = describedByOf(id, hint, error);
  const inputClasses = ['nhsuk-input', width ? `nhsuk-input--width-${width}` : '', error ? 'nhsuk-input--error' : ''].filter(Boolean).join(' ');
  return (
    <LabelledField id={id} label={label} hint={hint} error={error} labelSize={labelSize}>
      <input
        className={inputClasses} id={id} name={name ?? id} type={type} value={value} onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy} autoComplete={autoComplete} spellCheck={spellCheck} autoCapitalize={autoCapitalize}
        inputMode={inputMode} maxLength={maxLength}
      />
    </LabelledField>
  );
}

/** NHS textarea with label, hint and inline error. */
export function Textarea({ id, label, hint, error, value, onChange, rows = 4, labelSize }: {
  id: string; label: ReactNode; hint?: ReactNode; error?: string | undefined; value: string; onChange: (value: string) => void; rows?: number;
  labelSize?: 's' | 'm' | 'l';
}) {
  const describedBy = describedByOf(id, hint, error);
  return (
    <LabelledField id={id} label={label} hint={hint} error={error} labelSize={labelSize}>
      <textarea
        className={`nhsuk-textarea${error ? ' nhsuk-textarea--error' : ''}`} id={id} name={id} rows={rows} value={value}
        onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy}
      />
    </LabelledField>
  );
}

/** NHS select with label and inline error. */
export function Select({ id, label, hint, error, value, onChange, options, labelSize }: {
  id: string; label: ReactNode; hint?: ReactNode; error?: string | undefined; value: string; onChange: (value: string) => void;
  options: readonly { value: string; label: string }[]; labelSize?: 's' | 'm' | 'l';
}) {
  const describedBy = describedByOf(id, hint, error);
  return (
    <LabelledField id={id} label={label} hint={hint} error={error} labelSize={labelSize}>
      <select className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`} id={id} name={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </LabelledField>
  );
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <span className="nhsuk-error-message" id={id}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {children}
    </span>
  );
}
