import { readReferenceCsv } from '../../../kernel/reference.ts';
import type { ImportVocabulary } from '../domain/csv-layouts.ts';
import { buildValueList, type ValueList } from '../domain/csv-values.ts';

let loaded: ImportVocabulary | undefined;

/** reference/README.md: only part of these lists is known, so other values are kept as written. */
const PARTIAL_CLD_LISTS = new Set(['Assessment_Type', 'Review_Reason']);

/**
 * The coded-value lists imports check against, read once from reference/: CLD fields
 * (cld_vocabulary.csv; where Release 1 and Release 2 spell a value differently only in case, the
 * Release 2 spelling is stored) and the APC admission/discharge code lists.
 */
export function loadImportVocabulary(): ImportVocabulary {
  if (loaded) return loaded;
  const byField = new Map<string, { r1: string[]; r2: string[] }>();
  for (const row of readReferenceCsv('cld_vocabulary.csv')) {
    const field = row.field!;
    let entry = byField.get(field);
    if (!entry) byField.set(field, (entry = { r1: [], r2: [] }));
    (row.release?.includes('R2') ? entry.r2 : entry.r1).push(row.value!);
  }
  const cld = new Map<string, ValueList>();
  for (const [field, { r1, r2 }] of byField) cld.set(field, buildValueList(`CLD ${field}`, [...r1, ...r2], PARTIAL_CLD_LISTS.has(field)));
  const codes = (file: string, name: string) => buildValueList(name, readReferenceCsv(file).map((r) => r.code!));
  loaded = {
    cld,
    admissionMethod: codes('apc_admission_method.csv', 'admission method'),
    admissionSource: codes('apc_admission_source.csv', 'admission source'),
    dischargeMethod: codes('apc_discharge_method.csv', 'discharge method'),
    dischargeDestination: codes('apc_discharge_destination.csv', 'discharge destination'),
  };
  return loaded;
}
