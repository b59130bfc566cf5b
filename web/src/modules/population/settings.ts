import { SETTINGS, type Setting } from '../../../../src/modules/population/domain/timeline.ts';
import type { TagColour } from '../../ui/Tag.tsx';

/** The care settings a timeline entry can come from (the domain's list and order), each with its tag colour. */
export { SETTINGS, type Setting };

const COLOURS: Record<Setting, TagColour> = {
  GP: 'blue',
  Hospital: 'red',
  'A&E': 'orange',
  Outpatients: 'purple',
  Community: 'green',
  'Mental health': 'aqua-green',
  Ambulance: 'yellow',
  'NHS 111': 'pink',
  'Social care': 'white',
};

export function isSetting(value: string): value is Setting {
  return (SETTINGS as readonly string[]).includes(value);
}

export function settingColour(setting: string): TagColour {
  return isSetting(setting) ? COLOURS[setting] : 'grey';
}

/** '?settings=GP,A%26E' → the valid settings named; all of them when the parameter is absent. */
export function parseSettingsParam(param: string | null): Setting[] {
  if (param === null) return [...SETTINGS];
  return param.split(',').map((s) => s.trim()).filter(isSetting);
}
