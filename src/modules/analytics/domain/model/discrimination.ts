import { badRequest } from '../../../../kernel/errors.ts';

/**
 * Discrimination: the area under the ROC curve (AUC), which for a binary outcome is the c-statistic —
 * the probability that a randomly chosen person who had the outcome was given a higher predicted risk
 * than a randomly chosen person who did not, ties counting one half. It is the Mann–Whitney U statistic
 * divided by n₁n₀ (Bamber, J Math Psychol 1975;12:387–415; Hanley & McNeil, Radiology 1982;143:29–36).
 *
 * Its standard error is DeLong's non-parametric estimate (DeLong, DeLong & Clarke-Pearson, Biometrics
 * 1988;44:837–845) from the placement values
 *     V₁₀(xᵢ) = (#negatives below xᵢ + ½ #negatives tied with xᵢ) / n₀   for each positive xᵢ
 *     V₀₁(yⱼ) = (#positives above yⱼ + ½ #positives tied with yⱼ) / n₁   for each negative yⱼ
 *     Var(AUC) = S₁₀ / n₁ + S₀₁ / n₀,  S = the sample variances of V₁₀ and V₀₁,
 * computed in O(n log n) by sorting the positives and the negatives and walking both in step (the
 * approach of Sun & Xu, IEEE Signal Process Lett 2014;21:1389–1393). The 95% interval is
 * AUC ± 1.96 × SE, clipped to [0, 1], as pROC and Stata's roctab report it.
 */

export interface AucResult {
  auc: number;
  /** DeLong standard error; null when either class has fewer than 2 people. */
  standardError: number | null;
  /** Lower 95% limit; null when the standard error is. */
  lower: number | null;
  upper: number | null;
  positives: number;
  negatives: number;
}

const Z_95 = 1.959963984540054;

/** AUC (c-statistic) of predicted risks against 0/1 outcomes, with its DeLong 95% confidence interval. */
export function computeAuc(predicted: ArrayLike<number>, outcomes: Uint8Array): AucResult {
  const n = outcomes.length;
  if (predicted.length !== n) {
    throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT', `There are ${predicted.length} predictions but ${n} outcomes.`);
  }
  let n1 = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(predicted[i]!)) throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT', `Prediction ${i} is not a number.`, { row: i });
    n1 += outcomes[i]! === 1 ? 1 : 0;
  }
  const n0 = n - n1;
  if (n1 === 0 || n0 === 0) {
    throw badRequest(
      'SEAMLESS_ERR_ANALYTICS_AUC_ONE_CLASS',
      `The AUC needs people with and without the outcome; there are ${n1} with and ${n0} without.`,
      { positives: n1, negatives: n0 },
    );
  }
  const pos = new Float64Array(n1);
  const neg = new Float64Array(n0);
  for (let i = 0, a = 0, c = 0; i < n; i++) {
    if (outcomes[i]! === 1) pos[a++] = predicted[i]!;
    else neg[c++] = predicted[i]!;
  }
  pos.sort();
  neg.sort();

  // Placements of the positives among the negatives.
  let sum10 = 0;
  let sumSq10 = 0;
  for (let i = 0, below = 0, notAbove = 0; i < n1; i++) {
    const x = pos[i]!;
    while (below < n0 && neg[below]! < x) below++;
    if (notAbove < below) notAbove = below;
    while (notAbove < n0 && neg[notAbove]! <= x) notAbove++;
    const v = (below + 0.5 * (notAbove - below)) / n0;
    sum10 += v;
    sumSq10 += v * v;
  }
  // Placements of the negatives among the positives.
  let sum01 = 0;
  let sumSq01 = 0;
  for (let j = 0, below = 0, notAbove = 0; j < n0; j++) {
    const y = neg[j]!;
    while (below < n1 && pos[below]! < y) below++;
    if (notAbove < below) notAbove = below;
    while (notAbove < n1 && pos[notAbove]! <= y) notAbove++;
    const v = (n1 - notAbove + 0.5 * (notAbove - below)) / n1;
    sum01 += v;
    sumSq01 += v * v;
  }
  const auc = sum10 / n1;
  if (n1 < 2 || n0 < 2) return { auc, standardError: null, lower: null, upper: null, positives: n1, negatives: n0 };
  const mean01 = sum01 / n0;
  const s10 = Math.max(0, (sumSq10 - n1 * auc * auc) / (n1 - 1));
  const s01 = Math.max(0, (sumSq01 - n0 * mean01 * mean01) / (n0 - 1));
  const standardError = Math.sqrt(s10 / n1 + s01 / n0);
  return {
    auc,
    standardError,
    lower: Math.max(0, auc - Z_95 * standardError),
    upper: Math.min(1, auc + Z_95 * standardError),
    positives: n1,
    negatives: n0,
  };
}
