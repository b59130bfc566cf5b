import { addDays, isIsoDate } from '../../../../kernel/dates.ts';
import { badRequest } from '../../../../kernel/errors.ts';
import { ruleVersionId } from '../criteria/rule-version.ts';
import { computeCalibration, type CalibrationResult } from './calibration.ts';
import { computeAuc, type AucResult } from './discrimination.ts';
import { computeRiskBandThresholds, DEFAULT_RISK_BANDS, linearPredictor, prepareModel, type RiskBandDefinition } from './explain.ts';
import { EMERGENCY_ADMISSION_FEATURE_SET, EMERGENCY_ADMISSION_FEATURES, resolveModelFeatures } from './features.ts';
import { fitLogisticRegression } from './logistic-regression.ts';

/**
 * A trained model of the risk of an emergency admission in the next 12 months, as one plain
 * JSON-serialisable object: what it was trained on and when, the features and coefficients, the bands,
 * and the training report (discrimination and calibration on a held-out period). Its version is a
 * content hash, so the version stored with every person's score identifies exactly the model that
 * produced it, and a model file that was edited is refused.
 *
 * ## Training and validation: a temporal split
 *
 * With T the date of the latest complete data (the scoring date), and "12 months" the 365 days that
 * PersonFacts uses:
 *
 *   training     features as of T − 730 days, outcome: any emergency admission in (T − 730, T − 365]
 *   validation   features as of T − 365 days, outcome: any emergency admission in (T − 365, T]
 *   scoring      features as of T, predicting an emergency admission in (T, T + 365]
 *
 * The model is fitted on the training year only, and its discrimination and calibration are measured
 * on the validation year, which it has not seen: the outcomes are a later period (most people appear
 * in both years, but with a year's more history), which is what the model will face when it scores
 * everyone as of T — temporal validation in the sense of TRIPOD (Collins et al., BMJ 2015;350:g7594)
 * and Steyerberg & Harrell (J Clin Epidemiol 2016;69:245–247). The training outcome window must end on
 * or before the validation features date, so no outcome used for fitting is seen as a validation
 * feature's future. The scored model is the validated one; it is not refitted on the latest year, so
 * the report describes the model in use.
 *
 * Who is in each set is the caller's choice and should be the same rule each year: people alive and
 * registered with a practice of the place on the features date. People who die in the outcome window
 * without an emergency admission count as having none.
 */

export const EMERGENCY_ADMISSION_MODEL_KIND = 'seamless.emergency_admission_model';

/** One feature's term in the model. */
export interface ModelFeatureTerm {
  key: string;
  factor: string;
  description: string;
  /** Log-odds per unit of the feature's value. */
  coefficient: number;
  /** Log-odds per standard deviation over the training population. */
  standardisedCoefficient: number;
  /** Standard error of the coefficient; null for a feature that was constant in training. */
  standardError: number | null;
  /** exp(coefficient): the odds ratio per unit. */
  oddsRatio: number;
  /** Training mean: explanations compare a person's value with it. */
  mean: number;
  /** Training standard deviation (1 when constant). */
  scale: number;
  /** True when the feature did not vary in the training population (its coefficient is 0). */
  constant: boolean;
}

/** A band of predicted risk: people with a prediction ≥ minProbability and below the band above. */
export interface RiskBand {
  label: string;
  /** The band reaches this percentile from the top of the validation population (100 for the lowest). */
  topPercent: number;
  minProbability: number;
}

export interface ModelWindows {
  trainingFeaturesAsOf: string;
  /** The training outcome window is (trainingFeaturesAsOf, trainingOutcomeTo]. */
  trainingOutcomeTo: string;
  validationFeaturesAsOf: string;
  /** The validation outcome window is (validationFeaturesAsOf, validationOutcomeTo]. */
  validationOutcomeTo: string;
  /** The date the model is meant to score people as of. */
  scoringAsOf: string;
}

export interface ModelTrainingReport {
  training: {
    n: number;
    events: number;
    eventRate: number;
    /** AUC on the training rows themselves: optimistic, shown beside the held-out one. */
    apparentAuc: number;
    iterations: number;
    converged: boolean;
    logLikelihood: number;
    warnings: string[];
  };
  validation: {
    n: number;
    events: number;
    eventRate: number;
    auc: AucResult;
    calibration: CalibrationResult;
  };
}

export interface EmergencyAdmissionModel {
  kind: typeof EMERGENCY_ADMISSION_MODEL_KIND;
  schemaVersion: 1;
  name: 'emergency_admission_risk';
  /**
   * 'ear-' + the 64-bit FNV-1a hash of the canonical JSON of everything except version and createdAt
   * (criteria/rule-version.ts, the same content hash rule sets and cohorts are versioned by).
   */
  version: string;
  createdAt: string;
  /** The feature definitions' version (features.ts); a model trained on another set is refused. */
  featureSet: string;
  windows: ModelWindows;
  method: { kind: 'logistic_regression_l2'; lambda: number; tolerance: number; maxIterations: number };
  /** Log-odds when every feature is 0. */
  intercept: number;
  features: ModelFeatureTerm[];
  /** From highest to lowest; the last starts at 0. */
  bands: RiskBand[];
  report: ModelTrainingReport;
}

/** One year's people as the trainer sees them: a row-major feature matrix (the model's feature order) and outcomes. */
export interface ModelDataSet {
  /** The date the features hold on. */
  featuresAsOf: string;
  /** End of the outcome window (featuresAsOf, outcomeTo]. */
  outcomeTo: string;
  rows: Float64Array;
  outcomes: Uint8Array;
}

export interface TrainModelOptions {
  /** When the model was trained (ISO instant); passed in so training stays pure. */
  createdAt: string;
  /** The features to use, in column order of the data sets. Default: every feature in features.ts. */
  featureKeys?: readonly string[];
  /** Ridge penalty on standardised coefficients. Default 1 (negligible at the size of a place, decisive when data are separable). */
  lambda?: number;
  tolerance?: number;
  maxIterations?: number;
  bands?: readonly RiskBandDefinition[];
  /** Default: the validation outcome window's end. */
  scoringAsOf?: string;
}

/** The training, validation and scoring dates for a scoring date T (see the module comment). */
export function planModelWindows(scoringAsOf: string): ModelWindows {
  if (!isIsoDate(scoringAsOf)) throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_WINDOW', `'${scoringAsOf}' is not a date (YYYY-MM-DD).`);
  const validationFeaturesAsOf = addDays(scoringAsOf, -365);
  return {
    trainingFeaturesAsOf: addDays(scoringAsOf, -730),
    trainingOutcomeTo: validationFeaturesAsOf,
    validationFeaturesAsOf,
    validationOutcomeTo: scoringAsOf,
    scoringAsOf,
  };
}

/** Fits the model on the training year, reports it on the validation year, sets the bands, and versions it. */
export function trainEmergencyAdmissionModel(
  training: ModelDataSet,
  validation: ModelDataSet,
  options: TrainModelOptions,
): EmergencyAdmissionModel {
  const featureKeys = options.featureKeys ?? EMERGENCY_ADMISSION_FEATURES.map((f) => f.key);
  const features = resolveModelFeatures(featureKeys);
  const p = features.length;
  const windows: ModelWindows = {
    trainingFeaturesAsOf: training.featuresAsOf,
    trainingOutcomeTo: training.outcomeTo,
    validationFeaturesAsOf: validation.featuresAsOf,
    validationOutcomeTo: validation.outcomeTo,
    scoringAsOf: options.scoringAsOf ?? validation.outcomeTo,
  };
  checkWindows(windows);
  for (const [name, set] of [['training', training], ['validation', validation]] as const) {
    if (set.rows.length !== set.outcomes.length * p) {
      throw badRequest(
        'SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT',
        `The ${name} matrix has ${set.rows.length} values but ${set.outcomes.length} people × ${p} features need ${set.outcomes.length * p}.`,
      );
    }
  }
  const validationEvents = countEvents(validation.outcomes);
  if (validationEvents === 0 || validationEvents === validation.outcomes.length) {
    throw badRequest(
      'SEAMLESS_ERR_ANALYTICS_MODEL_ONE_CLASS',
      `The validation year needs people with and without an emergency admission to measure the model; it has ${validationEvents} of ${validation.outcomes.length}.`,
      { rows: validation.outcomes.length, events: validationEvents },
    );
  }

  const method = {
    kind: 'logistic_regression_l2' as const,
    lambda: options.lambda ?? 1,
    tolerance: options.tolerance ?? 1e-10,
    maxIterations: options.maxIterations ?? 50,
  };
  const fit = fitLogisticRegression(training.rows, training.outcomes, p, method);
  const constant = new Set(fit.constantFeatures);
  const terms: ModelFeatureTerm[] = features.map((feature, j) => ({
    key: feature.key,
    factor: feature.factor,
    description: feature.description,
    coefficient: fit.coefficients[j]!,
    standardisedCoefficient: fit.standardisedCoefficients[j]!,
    standardError: constant.has(j) ? null : fit.standardErrors[j]!,
    oddsRatio: Math.exp(fit.coefficients[j]!),
    mean: fit.means[j]!,
    scale: fit.scales[j]!,
    constant: constant.has(j),
  }));

  const coefficients = fit.coefficients;
  const trainingPredictions = predictAll(fit.intercept, coefficients, training.rows, training.outcomes.length);
  const validationPredictions = predictAll(fit.intercept, coefficients, validation.rows, validation.outcomes.length);
  const nValidation = validation.outcomes.length;

  const draft: Omit<EmergencyAdmissionModel, 'version'> = {
    kind: EMERGENCY_ADMISSION_MODEL_KIND,
    schemaVersion: 1,
    name: 'emergency_admission_risk',
    createdAt: options.createdAt,
    featureSet: EMERGENCY_ADMISSION_FEATURE_SET,
    windows,
    method,
    intercept: fit.intercept,
    features: terms,
    bands: computeRiskBandThresholds(validationPredictions, options.bands ?? DEFAULT_RISK_BANDS),
    report: {
      training: {
        n: fit.rows,
        events: fit.events,
        eventRate: fit.events / fit.rows,
        apparentAuc: computeAuc(trainingPredictions, training.outcomes).auc,
        iterations: fit.iterations,
        converged: fit.converged,
        logLikelihood: fit.logLikelihood,
        warnings: fit.warnings,
      },
      validation: {
        n: nValidation,
        events: validationEvents,
        eventRate: validationEvents / nValidation,
        auc: computeAuc(validationPredictions, validation.outcomes),
        calibration: computeCalibration(validationPredictions, validation.outcomes, 10),
      },
    },
  };
  return { ...draft, version: computeModelVersion(draft) };
}

function checkWindows(w: ModelWindows): void {
  for (const [name, date] of Object.entries(w)) {
    if (!isIsoDate(date)) throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_WINDOW', `The ${name} date '${date}' is not a date (YYYY-MM-DD).`);
  }
  if (!(w.trainingFeaturesAsOf < w.trainingOutcomeTo) || !(w.validationFeaturesAsOf < w.validationOutcomeTo)) {
    throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_WINDOW', 'Each outcome window must end after its features date.', { ...w });
  }
  if (w.trainingOutcomeTo > w.validationFeaturesAsOf) {
    throw badRequest(
      'SEAMLESS_ERR_ANALYTICS_MODEL_WINDOW',
      `The training outcomes run to ${w.trainingOutcomeTo}, after the validation features date ${w.validationFeaturesAsOf}: the validation period would not be held out.`,
      { ...w },
    );
  }
  if (w.scoringAsOf < w.validationOutcomeTo) {
    throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_WINDOW', `The scoring date ${w.scoringAsOf} is before the end of the validation period ${w.validationOutcomeTo}.`, { ...w });
  }
}

function countEvents(outcomes: Uint8Array): number {
  let events = 0;
  for (let i = 0; i < outcomes.length; i++) events += outcomes[i]! === 1 ? 1 : 0;
  return events;
}

function predictAll(intercept: number, coefficients: Float64Array, rows: Float64Array, n: number): Float64Array {
  const p = coefficients.length;
  const out = new Float64Array(n);
  for (let i = 0, k = 0; i < n; i++) {
    let eta = intercept;
    for (let j = 0; j < p; j++, k++) eta += coefficients[j]! * rows[k]!;
    out[i] = 1 / (1 + Math.exp(-eta));
  }
  return out;
}

/** Predicted probability for one feature row (row `row` of a row-major matrix in the model's feature order). */
export function scoreWithModel(model: EmergencyAdmissionModel, matrix: Float64Array, row = 0): number {
  const m = prepareModel(model);
  return 1 / (1 + Math.exp(-linearPredictor(m, matrix, row * m.coefficients.length)));
}

/** Predicted probabilities for every row of a matrix, written into `out` (allocated when not given). */
export function scoreFeatureMatrix(model: EmergencyAdmissionModel, matrix: Float64Array, out?: Float64Array): Float64Array {
  const m = prepareModel(model);
  const p = m.coefficients.length;
  const n = p === 0 ? 0 : matrix.length / p;
  const result = out ?? new Float64Array(n);
  const c = m.coefficients;
  for (let i = 0, k = 0; i < n; i++) {
    let eta = m.intercept;
    for (let j = 0; j < p; j++, k++) eta += c[j]! * matrix[k]!;
    result[i] = 1 / (1 + Math.exp(-eta));
  }
  return result;
}

// Versioning ---------------------------------------------------------------------------------------

/** The content version of a model: everything but the version itself and the creation time. */
export function computeModelVersion(model: Omit<EmergencyAdmissionModel, 'version'> | EmergencyAdmissionModel): string {
  const { createdAt: _createdAt, ...content } = model as EmergencyAdmissionModel;
  const { version: _version, ...rest } = content;
  return ruleVersionId('ear', rest);
}

const invalid = (message: string) => badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_INVALID', `This is not a usable emergency admission model: ${message}`);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Reads a model back from JSON (text or already parsed), checking its shape, that this version of
 * Seamless defines its features, and that its version matches its content.
 */
export function parseEmergencyAdmissionModel(input: unknown): EmergencyAdmissionModel {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw invalid('the file is not JSON.');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('expected an object.');
  const model = value as EmergencyAdmissionModel;
  if (model.kind !== EMERGENCY_ADMISSION_MODEL_KIND) throw invalid(`its kind is '${String(model.kind)}'.`);
  if (model.schemaVersion !== 1) throw invalid(`schema version ${String(model.schemaVersion)} is not one this version of Seamless reads.`);
  if (model.featureSet !== EMERGENCY_ADMISSION_FEATURE_SET) {
    throw badRequest(
      'SEAMLESS_ERR_ANALYTICS_MODEL_FEATURE_SET',
      `The model was trained on feature set '${String(model.featureSet)}' but this version of Seamless computes '${EMERGENCY_ADMISSION_FEATURE_SET}'; retrain it.`,
    );
  }
  if (!isFiniteNumber(model.intercept)) throw invalid('the intercept is not a number.');
  if (!Array.isArray(model.features) || model.features.length === 0) throw invalid('it has no features.');
  for (const term of model.features) {
    if (typeof term !== 'object' || term === null || typeof term.key !== 'string') throw invalid('a feature has no key.');
    if (!isFiniteNumber(term.coefficient) || !isFiniteNumber(term.mean)) throw invalid(`feature '${term.key}' has no coefficient or mean.`);
  }
  resolveModelFeatures(model.features.map((f) => f.key));
  if (!Array.isArray(model.bands) || model.bands.length === 0) throw invalid('it has no risk bands.');
  let previous = Number.POSITIVE_INFINITY;
  for (const band of model.bands) {
    if (typeof band?.label !== 'string' || !isFiniteNumber(band.minProbability) || band.minProbability > previous) {
      throw invalid('its risk bands are not ordered from highest to lowest.');
    }
    previous = band.minProbability;
  }
  if (typeof model.version !== 'string' || model.version !== computeModelVersion(model)) {
    throw badRequest(
      'SEAMLESS_ERR_ANALYTICS_MODEL_VERSION_MISMATCH',
      `The model's version '${String(model.version)}' does not match its content: it was changed after training.`,
    );
  }
  return model;
}
