import { useEffect, useState, type FormEvent } from 'react';
import type { AreaOption } from '../area.ts';

/**
 * Chooses the dashboard's area: the whole place, a locality or a GP practice. The choice applies
 * with the button (not on change), so moving through the list with a keyboard reloads nothing.
 */
export function AreaChooser({ value, place, localities, practices, onChoose }: {
  value: string;
  place: AreaOption;
  localities: readonly AreaOption[];
  practices: readonly AreaOption[];
  onChoose: (value: string) => void;
}) {
  const [choice, setChoice] = useState(value);
  useEffect(() => setChoice(value), [value]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChoose(choice);
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
          {practices.length > 0 && (
            <optgroup label="GP practices">
              {practices.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </optgroup>
          )}
        </select>
      </div>
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">Show this area</button>
    </form>
  );
}
