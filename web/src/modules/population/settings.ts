import type { TagColour } from '../../ui/Tag.tsx';

/** The care settings a timeline entry can come from, in the order screens list them, each with its tag colour. */
export const SETTINGS = ['GP', 'Hospital', 'A&E', 'Outpatients', 'Community', 'Mental health', 'Ambulance', 'NHS 111', 'Social care'] as const;
export type Setting = (typeof SETTINGS)[number];

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
