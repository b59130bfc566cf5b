/**
 * The dashboard's area: the whole place, a locality or a GP practice, written in the URL and the API
 * as 'place', 'locality:<code>' or 'practice:<code>'.
 */
export type AreaType = 'place' | 'locality' | 'practice';

export interface Area {
  type: AreaType;
  code: string | null;
}

export const PLACE: Area = { type: 'place', code: null };

const CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/;

/** 'locality:E1' → { type: 'locality', code: 'E1' }; anything unreadable is the whole place. */
export function parseArea(param: string | null | undefined): Area {
  const m = /^(locality|practice):(.+)$/.exec(param?.trim() ?? '');
  if (!m || !CODE.test(m[2]!)) return PLACE;
  return { type: m[1] as AreaType, code: m[2]!.toUpperCase() };
}

export function areaParam(area: Area): string {
  return area.type === 'place' || !area.code ? 'place' : `${area.type}:${area.code}`;
}

export interface AreaOption {
  value: string;
  label: string;
}

/**
 * The areas to choose from: the place, each locality (by name), each practice (by name when known).
 * The area being shown is always offered, even when the lists do not name it.
 */
export function areaOptions(
  localities: readonly { code: string; name: string }[],
  practices: readonly { code: string; name?: string | null | undefined }[],
  current: Area = PLACE,
): { place: AreaOption; localities: AreaOption[]; practices: AreaOption[] } {
  const byName = (a: AreaOption, b: AreaOption) => a.label.localeCompare(b.label, 'en-GB');
  const locality = localities.map((l) => ({ value: `locality:${l.code}`, label: l.name && l.name !== l.code ? `${l.name} (${l.code})` : l.code })).sort(byName);
  const practice = practices.map((p) => ({ value: `practice:${p.code}`, label: p.name && p.name !== p.code ? `${p.name} (${p.code})` : p.code })).sort(byName);
  const value = areaParam(current);
  if (current.type === 'locality' && !locality.some((o) => o.value === value)) locality.unshift({ value, label: current.code! });
  if (current.type === 'practice' && !practice.some((o) => o.value === value)) practice.unshift({ value, label: current.code! });
  return { place: { value: 'place', label: 'The whole place' }, localities: locality, practices: practice };
}
