import { badRequest } from '../../../../kernel/errors.ts';
import type { PersonFacts } from '../person-facts.ts';
import type { ScoreFactor, ScoreResult } from '../score-result.ts';
import { resolveModelFeatures, writeFeatureRow, type ModelFeature, type ModelScoreInputs } from './features.ts';
import type { EmergencyAdmissionModel, RiskBand } from './model-version.ts';

/**
 * Why a person has the predicted risk they have.
 *
 * The model is linear on the log-odds scale, so a prediction splits exactly into the log-odds of a
 * person with every feature at its training mean (the base) plus one term per feature,
 *     coefficient × (person's value − training mean),
 * and the terms of features that describe the same fact (the age bands; medicine count and
 * polypharmacy; known to / receiving / cost of social care) are added into one factor. A factor's
 * contribution is therefore how far that fact moves this person's log-odds away from the average
 * person's: positive raises the risk, negative lowers it. The factors are listed by the size of their
 * contribution, largest first, labelled in plain English from the person's own facts ("2 emergency
 * admissions in the last year"); base + all contributions = the log-odds of the prediction (to
 * floating-point rounding; the prediction itself is intercept + Σ coefficient × value, as scored).
 *
 * Bands are by rank of predicted risk, not by absolute probability, because case finding works on
 * the top N% of a population (the "top 10% by predicted risk") and an absolute cut-off would
 * move with the place's admission rate. A model stores, per band, the predicted risk at which the band
 * starts: by default 'very high' is the top 2% (a caseload for intensive case management), 'high' the
 * rest of the top 10% (so 'high' or above is the case-finding cohort), 'moderate' the rest of the top
 * 30% and 'low' everyone else; a place chooses others with TrainModelOptions.bands. The thresholds are
 * set when the model is trained, from the predicted risks of the validation population (the most
 * recent complete year), so a band means the same for everyone scored with that model version and does
 * not depend on who else was in the run; in the population scored a year later the shares are close
 * to, not exactly, 2% / 10% / 30% (a cohort that must be exactly the top N% ranks the run's values).
 * A probability exactly at a threshold is in the higher band.
 */

/** A band as a share of the population, counted from the highest predicted risk. */
export interface RiskBandDefinition {
  label: string;
  /** The band covers people up to this percentile from the top (cumulative), e.g. 10 for the top 10%. */
  topPercent: number;
}

export const DEFAULT_RISK_BANDS: readonly RiskBandDefinition[] = [
  { label: 'very high', topPercent: 2 },
  { label: 'high', topPercent: 10 },
  { label: 'moderate', topPercent: 30 },
];
export const LOWEST_RISK_BAND = 'low';

/**
 * Turns band definitions into predicted-risk thresholds over a population's predictions: the band for
 * the top q% starts at the lowest prediction among the ⌈n·q/100⌉ highest. Returns the bands from
 * highest to lowest, ending with LOWEST_RISK_BAND from 0.
 */
export function computeRiskBandThresholds(predictions: ArrayLike<number>, definitions: readonly RiskBandDefinition[] = DEFAULT_RISK_BANDS): RiskBand[] {
  const n = predictions.length;
  const sorted = Float64Array.from(predictions).sort();
  const bands: RiskBand[] = [];
  let previousPercent = 0;
  for (const definition of definitions) {
    if (!(definition.topPercent > previousPercent && definition.topPercent < 100)) {
      throw badRequest(
        'SEAMLESS_ERR_ANALYTICS_MODEL_BAD_BANDS',
        `Risk bands must have increasing top percentages between 0 and 100; '${definition.label}' has ${definition.topPercent}.`,
      );
    }
    previousPercent = definition.topPercent;
    const inBand = Math.max(1, Math.ceil((n * definition.topPercent) / 100));
    const minProbability = n === 0 ? 1 : sorted[Math.max(0, n - inBand)]!;
    bands.push({ label: definition.label, topPercent: definition.topPercent, minProbability });
  }
  bands.push({ label: LOWEST_RISK_BAND, topPercent: 100, minProbability: 0 });
  return bands;
}

/** The band a predicted risk falls in: the first (highest) band whose threshold it reaches. */
export function bandForProbability(bands: readonly RiskBand[], probability: number): string {
  for (const band of bands) if (probability >= band.minProbability) return band.label;
  return bands.length > 0 ? bands[bands.length - 1]!.label : LOWEST_RISK_BAND;
}

/** A model resolved for fast repeated use: typed arrays, feature functions and factor groups. */
export interface PreparedModel {
  readonly features: readonly ModelFeature[];
  readonly intercept: number;
  readonly coefficients: Float64Array;
  readonly means: Float64Array;
  /** Log-odds at the training means: intercept + Σ coefficient × mean. */
  readonly baseLogOdds: number;
  readonly factorOfFeature: Int32Array;
  readonly factorKeys: readonly string[];
  /** The feature whose label names each factor. */
  readonly factorLabelFeature: readonly ModelFeature[];
  readonly row: Float64Array;
  readonly factorSums: Float64Array;
  readonly chosen: Int32Array;
}

const prepared = new WeakMap<EmergencyAdmissionModel, PreparedModel>();

/** Resolves a model once (cached per model object); the model must not be mutated afterwards. */
export function prepareModel(model: EmergencyAdmissionModel): PreparedModel {
  const cached = prepared.get(model);
  if (cached) return cached;
  const features = resolveModelFeatures(model.features.map((f) => f.key));
  const p = features.length;
  const coefficients = Float64Array.from(model.features, (f) => f.coefficient);
  const means = Float64Array.from(model.features, (f) => f.mean);
  let baseLogOdds = model.intercept;
  for (let j = 0; j < p; j++) baseLogOdds += coefficients[j]! * means[j]!;
  const factorKeys: string[] = [];
  const factorLabelFeature: ModelFeature[] = [];
  const factorOfFeature = new Int32Array(p);
  for (let j = 0; j < p; j++) {
    const feature = features[j]!;
    let index = factorKeys.indexOf(feature.factor);
    if (index < 0) {
      index = factorKeys.length;
      factorKeys.push(feature.factor);
      factorLabelFeature.push(feature);
    }
    factorOfFeature[j] = index;
  }
  const result: PreparedModel = {
    features,
    intercept: model.intercept,
    coefficients,
    means,
    baseLogOdds,
    factorOfFeature,
    factorKeys,
    factorLabelFeature,
    row: new Float64Array(p),
    factorSums: new Float64Array(factorKeys.length),
    chosen: new Int32Array(factorKeys.length),
  };
  prepared.set(model, result);
  return result;
}

export interface FactorContribution {
  factor: string;
  /** Change in log-odds from the average person's, for this person's value of the factor. */
  contribution: number;
}

export interface RowExplanation {
  /** Log-odds of a person with every feature at its training mean. */
  baseLogOdds: number;
  logOdds: number;
  probability: number;
  /** Every factor, in the model's order; baseLogOdds + Σ contribution = logOdds. */
  factors: FactorContribution[];
}

/** Splits the prediction for one feature row (row `row` of a row-major matrix) into factor contributions. */
export function explainFeatureRow(model: EmergencyAdmissionModel, matrix: Float64Array, row = 0): RowExplanation {
  const m = prepareModel(model);
  const offset = row * m.features.length;
  const sums = accumulateFactors(m, matrix, offset);
  const logOdds = linearPredictor(m, matrix, offset);
  const factors: FactorContribution[] = [];
  for (let f = 0; f < m.factorKeys.length; f++) factors.push({ factor: m.factorKeys[f]!, contribution: sums[f]! });
  return { baseLogOdds: m.baseLogOdds, logOdds, probability: 1 / (1 + Math.exp(-logOdds)), factors };
}

/** intercept + Σ coefficient × value, in the same order as scoreWithModel so the two agree to the bit. */
export function linearPredictor(m: PreparedModel, matrix: Float64Array, offset: number): number {
  const c = m.coefficients;
  let eta = m.intercept;
  for (let j = 0; j < c.length; j++) eta += c[j]! * matrix[offset + j]!;
  return eta;
}

function accumulateFactors(m: PreparedModel, matrix: Float64Array, offset: number): Float64Array {
  const sums = m.factorSums;
  sums.fill(0);
  const p = m.features.length;
  for (let j = 0; j < p; j++) {
    sums[m.factorOfFeature[j]!]! += m.coefficients[j]! * (matrix[offset + j]! - m.means[j]!);
  }
  return sums;
}

export interface ExplainOptions {
  /** How many factors to list, largest contribution first. Default 5. */
  topN?: number;
  /** List only factors that raise the risk above the average person's. Default false (both directions). */
  raisingOnly?: boolean;
}

/**
 * The person's predicted risk of an emergency admission in the next 12 months as a ScoreResult: the
 * probability as the value, its band, the model version, and the top factors with plain labels and
 * their contributions in log-odds. Allocates only the result.
 */
export function explainEmergencyAdmissionRisk(
  model: EmergencyAdmissionModel,
  facts: PersonFacts,
  scores?: ModelScoreInputs,
  options: ExplainOptions = {},
): ScoreResult {
  const m = prepareModel(model);
  const topN = options.topN ?? 5;
  writeFeatureRow(m.features, facts, scores, m.row, 0);
  const sums = accumulateFactors(m, m.row, 0);
  const factorCount = m.factorKeys.length;
  const logOdds = linearPredictor(m, m.row, 0);
  const probability = 1 / (1 + Math.exp(-logOdds));

  // Partial selection of the top N factors by |contribution| (N is small; no sort of all factors).
  const chosen = m.chosen;
  let candidates = 0;
  for (let f = 0; f < factorCount; f++) {
    const c = sums[f]!;
    if (c === 0 || (options.raisingOnly && c < 0)) continue;
    chosen[candidates++] = f;
  }
  const take = Math.min(topN, candidates);
  const factors: ScoreFactor[] = [];
  for (let k = 0; k < take; k++) {
    let best = k;
    for (let i = k + 1; i < candidates; i++) {
      if (Math.abs(sums[chosen[i]!]!) > Math.abs(sums[chosen[best]!]!)) best = i;
    }
    const f = chosen[best]!;
    chosen[best] = chosen[k]!;
    chosen[k] = f;
    factors.push({ label: m.factorLabelFeature[f]!.label(facts, scores), contribution: sums[f]! });
  }
  return {
    name: 'emergency_admission_risk',
    value: probability,
    band: bandForProbability(model.bands, probability),
    version: model.version,
    factors,
  };
}
