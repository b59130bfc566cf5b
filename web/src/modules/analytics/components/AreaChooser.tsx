import { useEffect, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../ui/FormFields.tsx';
import { parseArea, type AreaOption } from '../area.ts';

/** The option that asks for a practice code typed in, for practices the lists do not name. */
const PRACTICE_CODE = 'practice-code';

/**
 * Chooses the dashboard's area: the whole place, a locality or a GP practice (from the list when the
 * server names practices, or by typing the practice's code). The choice applies with the button, not
 * on change, so moving through the list with a keyboard reloads nothing.
 */
export function AreaChooser({ value, place, localities, practices, onChoose }: {
  value: string;
  place: AreaOption;
  localities: readonly AreaOption[];
  practices: readonly AreaOption[];
  onChoose: (value: string) => void;
}) {
  const listed = (v: string) => v === place.value || localities.some((o) => o.value === v) || practices.some((o) => o.value === v);
  const initial = () => (listed(value) ? value : parseArea(value).type === 'practice' ? PRACTICE_CODE : place.value);
  const [choice, setChoice] = useState(initial);
  const [code, setCode] = useState(() => (parseArea(value).type === 'practice' ? parseArea(value).code ?? '' : ''));
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setChoice(initial());
    setError(undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, localities.length, practices.length]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (choice !== PRACTICE_CODE) {
      onChoose(choice);
      return;
    }
    const area = parseArea(`practice:${code.trim()}`);
    if (area.type !== 'practice') {
      setError('Enter the GP practice code, like A83001');
      return;
    }
    setError(undefined);
    onChoose(`practice:${area.code}`);
  };
  return (
    <form className="app-area-chooser" onSubmit={submit} noValidate data-testid="area-chooser">
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="area">Area</label>
        <select className="nhsuk-select" id="area" name="area" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value={place.value}>{place.label}</option>
          {localities.length > 0 && (
            <optgroup label="Localities">
              {localities.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </optgroup>
          )}
          <optgroup label="GP practices">
            {practices.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            <option value={PRACTICE_CODE}>A GP practice by its code</option>
          </optgroup>
        </select>
      </div>
      {choice === PRACTICE_CODE && (
        <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="area-practice">GP practice code</label>
          {error && <ErrorMessage id="area-practice-error">{error}</ErrorMessage>}
          <input
            className={`nhsuk-input nhsuk-input--width-10${error ? ' nhsuk-input--error' : ''}`} id="area-practice" name="practice" type="text"
            autoComplete="off" spellCheck={false} value={code} onChange={(e) => setCode(e.target.value)} aria-describedby={error ? 'area-practice-error' : undefined}
          />
        </div>
      )}
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">Show this area</button>
    </form>
  );
}
