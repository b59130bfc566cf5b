/**
 * End of life: a person on a palliative care register or receiving palliative or hospice care, from
 * GP coded events (SNOMED CT) recorded on or before the date.
 *
 * The QOF palliative care register is defined by the PALCARE_COD cluster (NHS England primary care
 * domain reference set ^999009771000230104, QOF business rules v48); its own codes are licensed with
 * the refset. This is a small set of well-known international and UK concepts in that space, to be
 * replaced by the cluster where a place has it:
 */
export const END_OF_LIFE_VERSION = 'eol-seamless-1';

export const END_OF_LIFE_SNOMED: readonly string[] = [
  '103735009', // Palliative care (regime/therapy)
  '395669003', // Specialist palliative care treatment (regime/therapy)
  '385763009', // Hospice care (regime/therapy)
  '170935008', // Full care by hospice (finding)
  '305284002', // Admission by palliative care physician (procedure)
  '845701000000104', // Gold Standards Framework prognostic indicator stage A (blue) - year plus prognosis (finding)
];
