/**
 * Small-number suppression for aggregates shown to planning users (analysts, commissioners): counts
 * from 1 to SUPPRESSION_THRESHOLD − 1 are shown as "<threshold" so that no individual can be picked
 * out; 0 stays 0 (an empty cell discloses nobody). NHS England's usual threshold is 8 (counts 1–7).
 */
export const DEFAULT_SUPPRESSION_THRESHOLD = 8;

export type SuppressedCount = number | `<${number}`;

export function suppressCount(count: number, threshold = DEFAULT_SUPPRESSION_THRESHOLD): SuppressedCount {
  return count > 0 && count < threshold ? `<${threshold}` : count;
}
