/**
 * What counts as a fall, from each source that records one.
 *
 * - GP coded events (SNOMED CT): the fall events and findings of the eFI "falls" deficit list (Clegg
 *   et al., Age Ageing 2016;45:353–360; reference/efi_deficits.csv), without its entries that are not
 *   a fall (old age, senility, telecare, referral to a falls service).
 * - Emergency department attendances (ECDS, SNOMED CT): a chief complaint or diagnosis that is a fall
 *   (the same concepts: ECDS records 'Fall (event)' 1912002 as the complaint).
 * - Hospital spells (ICD-10): any diagnosis position with an external cause code in the block W00–W19
 *   "Falls" of ICD-10 chapter XX (WHO ICD-10 2019), the block NHS England's falls indicators use
 *   (Public Health Outcomes Framework C29, emergency hospital admissions due to falls).
 */
export const FALLS_VERSION = 'falls-seamless-1';

export const FALLS_SNOMED: readonly string[] = [
  '1912002', // Fall (event)
  '161898004', // Falls (finding)
  '217082002', // Accidental fall (event)
  '217154006', // Fall on same level from slipping, tripping or stumbling (event)
  '279992002', // Recurrent falls (finding)
  '298344006', // Elderly fall (finding)
];

/** True for an ICD-10 code (normalised or with a dot, any case) in W00–W19. */
export function isFallIcd10(code: string): boolean {
  if (code.length < 3) return false;
  const letter = code.charCodeAt(0);
  if (letter !== 87 /* W */ && letter !== 119 /* w */) return false;
  const tens = code.charCodeAt(1) - 48, units = code.charCodeAt(2) - 48;
  if (tens < 0 || tens > 9 || units < 0 || units > 9) return false;
  return tens * 10 + units <= 19;
}

/**
 * Records of one fall in several places (the ambulance crew, A&E, the admission, the GP coding it a
 * week later) are one fall: falls recorded within this many days after a fall already counted are
 * taken to be the same fall.
 */
export const SAME_FALL_WITHIN_DAYS = 14;
