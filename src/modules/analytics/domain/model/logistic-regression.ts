import { badRequest } from '../../../../kernel/errors.ts';

/**
 * L2-regularised (ridge) logistic regression fitted by Newton–Raphson, which for the logistic
 * likelihood is iteratively reweighted least squares (McCullagh & Nelder, Generalized Linear Models,
 * 2nd ed. 1989, §4.4; the penalised form as in le Cessie & van Houwelingen, Appl Stat 1992;41:191–201).
 *
 * It maximises
 *     ℓ(β) − (λ/2) Σⱼ βⱼ²
 * where ℓ is the log-likelihood of the outcomes under P(y = 1) = 1 / (1 + exp(−β₀ − Σⱼ βⱼ zⱼ)) and the
 * zⱼ are the features standardised to mean 0 and standard deviation 1 over the training rows, so one
 * λ means the same for a 0/1 indicator and a count. The intercept is not penalised.
 *
 * The model is small (tens of features), so each iteration accumulates the full Hessian XᵀWX and the
 * gradient in one pass over the rows and solves the (p+1)×(p+1) system by Cholesky. The pass works on
 * the raw values, visiting only a row's non-zero features (most people have no admissions, no falls,
 * one age band …; when at most half the values are non-zero they are first copied to compressed
 * sparse rows so the zeros are not even scanned), and the standardised Hessian is recovered
 * algebraically:
 *     Hz[j][l] = (A[j][l] − mⱼ A[0][l] − mₗ A[0][j] + mⱼ mₗ A[0][0]) / (sⱼ sₗ)
 * where A is the raw XᵀWX with an intercept column and m, s the means and standard deviations (exact
 * in arithmetic; in floating point it loses digits only for a feature whose mean is many orders of
 * magnitude larger than its spread, which counts, indicators and log-amounts are not).
 *
 * Step-halving guards against an overshooting step. Convergence is the glm criterion: the relative
 * change of the penalised log-likelihood |Δ| / (|obj| + 0.1) below `tolerance`.
 *
 * Edge cases: no rows or a single outcome class are clear errors (there is nothing to fit); a feature
 * that is constant over the training rows gets coefficient 0 and is listed in `constantFeatures`;
 * separable data has finite estimates whenever λ > 0 (with λ = 0 the estimates run off towards
 * infinity, which is reported as a warning); collinear features with λ = 0 are a clear error.
 */

export interface LogisticRegressionOptions {
  /** Ridge penalty λ on the standardised coefficients; 0 fits the unpenalised maximum likelihood. Default 1. */
  lambda?: number;
  /** Relative change in penalised log-likelihood that counts as converged. Default 1e-10. */
  tolerance?: number;
  /** Most passes over the data (each Newton step or step-halving is one pass). Default 50. */
  maxIterations?: number;
}

export interface LogisticRegressionFit {
  rows: number;
  events: number;
  nFeatures: number;
  lambda: number;
  /** Intercept on the raw feature scale: log-odds = intercept + Σ coefficients[j] × x[j]. */
  intercept: number;
  /** Coefficients on the raw feature scale (0 for constant features). */
  coefficients: Float64Array;
  /** Intercept on the standardised scale: the log-odds of a person with every feature at its training mean. */
  standardisedIntercept: number;
  /** Coefficients per standard deviation of each feature. */
  standardisedCoefficients: Float64Array;
  /** Training means of the features. */
  means: Float64Array;
  /** Training standard deviations of the features (1 for constant features). */
  scales: Float64Array;
  /**
   * Standard errors of the raw-scale coefficients from the inverse of the (penalised) observed
   * information at the estimate; NaN for constant features. With λ > 0 they are the usual
   * approximation for a ridge fit, slightly small.
   */
  standardErrors: Float64Array;
  interceptStandardError: number;
  /** Indexes of features constant over the training rows. */
  constantFeatures: number[];
  iterations: number;
  converged: boolean;
  /** Log-likelihood at the estimate (without the penalty). */
  logLikelihood: number;
  /** Log-likelihood minus the penalty: what was maximised. */
  penalisedLogLikelihood: number;
  warnings: string[];
}

const DEFAULTS = { lambda: 1, tolerance: 1e-10, maxIterations: 50 } as const;
const MAX_HALVINGS = 30;

/**
 * Fits the model to `rows` (row-major, `nFeatures` columns) and `outcomes` (0 or 1 per row).
 * Allocates only O(p²) working memory; each iteration is one pass over the rows.
 */
export function fitLogisticRegression(
  rows: Float64Array,
  outcomes: Uint8Array,
  nFeatures: number,
  options: LogisticRegressionOptions = {},
): LogisticRegressionFit {
  const lambda = options.lambda ?? DEFAULTS.lambda;
  const tolerance = options.tolerance ?? DEFAULTS.tolerance;
  const maxIterations = options.maxIterations ?? DEFAULTS.maxIterations;
  const p = nFeatures;
  const n = outcomes.length;
  if (!Number.isInteger(p) || p < 0) throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT', `The number of features must be a whole number, not ${p}.`);
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT', `The penalty lambda must be 0 or more, not ${lambda}.`);
  if (rows.length !== n * p) {
    throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT', `The feature matrix has ${rows.length} values but ${n} rows × ${p} features need ${n * p}.`);
  }
  if (n === 0) throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_EMPTY_TRAINING_SET', 'There are no people in the training set, so there is nothing to fit the model to.');

  let events = 0;
  for (let i = 0; i < n; i++) {
    const y = outcomes[i]!;
    if (y > 1) throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT', `Outcome ${i} is ${y}; outcomes must be 0 or 1.`, { row: i });
    events += y;
  }
  if (events === 0 || events === n) {
    throw badRequest(
      'SEAMLESS_ERR_ANALYTICS_MODEL_ONE_CLASS',
      events === 0
        ? `None of the ${n} people in the training set had the outcome, so the model cannot learn what predicts it.`
        : `All ${n} people in the training set had the outcome, so the model cannot learn what predicts it.`,
      { rows: n, events },
    );
  }

  // Means and standard deviations (two passes, for accuracy). A value that is not a finite number
  // makes its column's sum non-finite; only then is the column searched for it.
  const means = new Float64Array(p);
  const scales = new Float64Array(p);
  let nonZeros = 0;
  for (let i = 0, k = 0; i < n; i++) {
    for (let j = 0; j < p; j++, k++) {
      const v = rows[k]!;
      means[j]! += v;
      if (v !== 0) nonZeros++;
    }
  }
  for (let j = 0; j < p; j++) {
    if (Number.isFinite(means[j]!)) continue;
    for (let i = 0; i < n; i++) {
      const v = rows[i * p + j]!;
      if (!Number.isFinite(v)) {
        throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT', `Feature ${j} of row ${i} is ${v}; every feature value must be a finite number.`, { row: i, feature: j });
      }
    }
    throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT', `The values of feature ${j} are too large to sum.`, { feature: j });
  }
  for (let j = 0; j < p; j++) means[j]! /= n;
  // Mostly-zero data (counts, indicators) are also copied row by row as (column, value) pairs of the
  // non-zero values (compressed sparse rows), so the Newton passes skip the zeros without scanning.
  const sparse = nonZeros <= (n * p) / 2 ? { rowStart: new Int32Array(n + 1), column: new Int32Array(nonZeros), value: new Float64Array(nonZeros) } : null;
  for (let i = 0, k = 0, t = 0; i < n; i++) {
    for (let j = 0; j < p; j++, k++) {
      const v = rows[k]!;
      const d = v - means[j]!;
      scales[j]! += d * d;
      if (sparse && v !== 0) {
        sparse.column[t] = j;
        sparse.value[t] = v;
        t++;
      }
    }
    if (sparse) sparse.rowStart[i + 1] = t;
  }
  const active: number[] = [];
  const constantFeatures: number[] = [];
  for (let j = 0; j < p; j++) {
    const sd = Math.sqrt(scales[j]! / n);
    if (sd <= 1e-10 * Math.max(1, Math.abs(means[j]!))) {
      scales[j] = 1;
      constantFeatures.push(j);
    } else {
      scales[j] = sd;
      active.push(j);
    }
  }

  // Parameters on the standardised scale: b[0] intercept, b[k + 1] for feature active[k].
  const q = active.length;
  const size = q + 1;
  const activeIndex = Int32Array.from(active);
  const activeMean = Float64Array.from(active, (j) => means[j]!);
  const activeScale = Float64Array.from(active, (j) => scales[j]!);
  const b = new Float64Array(size);
  b[0] = Math.log(events / (n - events));

  const rawA = new Float64Array(size * size); // raw XᵀWX, upper triangle, intercept at index 0
  const rawG = new Float64Array(size); // raw Xᵀ(y − p)
  const hessian = new Float64Array(size * size); // standardised, penalised: −∇² of the objective
  const gradient = new Float64Array(size);
  const rawCoef = new Float64Array(p); // raw-scale coefficient per feature, 0 for constant ones
  const positionOf = new Int32Array(p); // parameter index of each feature, 0 for constant ones
  for (let k = 0; k < q; k++) positionOf[activeIndex[k]!] = k + 1;
  const nzPos = new Int32Array(p);
  const nzVal = new Float64Array(p);
  const totals = new Float64Array(2);
  const coefByPosition = new Float64Array(size); // raw-scale coefficient per parameter index, [0] unused
  if (sparse && constantFeatures.length > 0) {
    // Drop the constant features' values and store parameter indexes instead of columns.
    let t = 0;
    for (let i = 0, from = 0; i < n; i++) {
      const to = sparse.rowStart[i + 1]!;
      for (; from < to; from++) {
        const position = positionOf[sparse.column[from]!]!;
        if (position === 0) continue;
        sparse.column[t] = position;
        sparse.value[t] = sparse.value[from]!;
        t++;
      }
      sparse.rowStart[i + 1] = t;
    }
  } else if (sparse) {
    for (let t = 0; t < nonZeros; t++) sparse.column[t] = positionOf[sparse.column[t]!]!;
  }

  /** One pass at the current b: fills hessian and gradient; returns [log-likelihood, extreme fitted values]. */
  const evaluate = (): { logLikelihood: number; extremes: number } => {
    let c0 = b[0]!;
    for (let k = 0; k < q; k++) {
      const c = b[k + 1]! / activeScale[k]!;
      rawCoef[activeIndex[k]!] = c;
      coefByPosition[k + 1] = c;
      c0 -= c * activeMean[k]!;
    }
    if (sparse) accumulateSparsePass(outcomes, sparse.rowStart, sparse.column, sparse.value, coefByPosition, c0, size, rawA, rawG, totals);
    else accumulatePass(rows, outcomes, p, positionOf, rawCoef, c0, size, rawA, rawG, nzPos, nzVal, totals);
    // Standardise: z_k = (x_k − m_k) / s_k.
    const a00 = rawA[0]!;
    hessian[0] = a00;
    gradient[0] = rawG[0]!;
    for (let k = 1; k < size; k++) {
      const mk = activeMean[k - 1]!;
      const sk = activeScale[k - 1]!;
      const a0k = rawA[k]!;
      const h0k = (a0k - mk * a00) / sk;
      hessian[k] = h0k;
      hessian[k * size] = h0k;
      gradient[k] = (rawG[k]! - mk * rawG[0]!) / sk - lambda * b[k]!;
      for (let l = k; l < size; l++) {
        const ml = activeMean[l - 1]!;
        const sl = activeScale[l - 1]!;
        const akl = rawA[k * size + l]!;
        const h = (akl - mk * rawA[l]! - ml * a0k + mk * ml * a00) / (sk * sl) + (k === l ? lambda : 0);
        hessian[k * size + l] = h;
        hessian[l * size + k] = h;
      }
    }
    return { logLikelihood: totals[0]!, extremes: totals[1]! };
  };

  const penalty = (): number => {
    let s = 0;
    for (let k = 1; k < size; k++) s += b[k]! * b[k]!;
    return 0.5 * lambda * s;
  };

  const previous = new Float64Array(size);
  const step = new Float64Array(size);
  const factor = new Float64Array(size * size);
  let hasStep = false;
  let previousObjective = Number.NEGATIVE_INFINITY;
  let converged = false;
  let iterations = 0;
  let halvings = 0;
  let state = { logLikelihood: 0, extremes: 0 };
  let objective = Number.NEGATIVE_INFINITY;

  while (iterations < maxIterations) {
    iterations++;
    state = evaluate();
    objective = state.logLikelihood - penalty();
    if (hasStep && objective < previousObjective - 1e-12 * Math.abs(previousObjective)) {
      // The step overshot: go half as far from the previous estimate.
      if (halvings >= MAX_HALVINGS) break;
      halvings++;
      for (let k = 0; k < size; k++) {
        step[k]! *= 0.5;
        b[k] = previous[k]! + step[k]!;
      }
      continue;
    }
    halvings = 0;
    if (hasStep && Math.abs(objective - previousObjective) / (Math.abs(objective) + 0.1) < tolerance) {
      converged = true;
      break;
    }
    previousObjective = objective;
    previous.set(b);
    factor.set(hessian);
    if (!choleskyInPlace(factor, size)) throw singular(lambda);
    step.set(gradient);
    choleskySolveInPlace(factor, size, step);
    for (let k = 0; k < size; k++) b[k]! += step[k]!;
    hasStep = true;
  }
  if (!converged && hasStep) {
    // The loop stopped with b at a step not yet evaluated: keep it if it is an improvement, else
    // report the last accepted estimate.
    state = evaluate();
    objective = state.logLikelihood - penalty();
    if (objective < previousObjective) {
      b.set(previous);
      state = evaluate();
      objective = state.logLikelihood - penalty();
    }
  }

  // Covariance of the standardised parameters: the inverse of the (penalised) information at b.
  factor.set(hessian);
  if (!choleskyInPlace(factor, size)) throw singular(lambda);
  const covariance = choleskyInverse(factor, size);

  const coefficients = new Float64Array(p);
  const standardisedCoefficients = new Float64Array(p);
  const standardErrors = new Float64Array(p).fill(Number.NaN);
  let intercept = b[0]!;
  for (let k = 0; k < q; k++) {
    const j = activeIndex[k]!;
    standardisedCoefficients[j] = b[k + 1]!;
    coefficients[j] = b[k + 1]! / activeScale[k]!;
    intercept -= coefficients[j]! * activeMean[k]!;
    standardErrors[j] = Math.sqrt(covariance[(k + 1) * size + (k + 1)]!) / activeScale[k]!;
  }
  // Raw intercept = b0 − Σ b_k m_k / s_k: a linear combination aᵀb with a = (1, −m_k/s_k).
  let interceptVariance = 0;
  for (let u = 0; u < size; u++) {
    const au = u === 0 ? 1 : -activeMean[u - 1]! / activeScale[u - 1]!;
    for (let v = 0; v < size; v++) {
      const av = v === 0 ? 1 : -activeMean[v - 1]! / activeScale[v - 1]!;
      interceptVariance += au * covariance[u * size + v]! * av;
    }
  }

  const warnings: string[] = [];
  if (!converged) warnings.push(`Did not converge in ${maxIterations} iterations; the estimates are the last accepted step.`);
  if (state.extremes > 0) {
    warnings.push(
      `${state.extremes} fitted probabilities are numerically 0 or 1: the outcome is (nearly) separable by the features${lambda === 0 ? '; fit with lambda > 0 for finite estimates' : ''}.`,
    );
  }
  if (constantFeatures.length > 0) warnings.push(`${constantFeatures.length} features are constant over the training rows and were given coefficient 0.`);

  return {
    rows: n,
    events,
    nFeatures: p,
    lambda,
    intercept,
    coefficients,
    standardisedIntercept: b[0]!,
    standardisedCoefficients,
    means,
    scales,
    standardErrors,
    interceptStandardError: Math.sqrt(Math.max(0, interceptVariance)),
    constantFeatures,
    iterations,
    converged,
    logLikelihood: state.logLikelihood,
    penalisedLogLikelihood: objective,
    warnings,
  };
}

/**
 * One pass over the rows at raw-scale coefficients (intercept c0): accumulates the raw XᵀWX (upper
 * triangle, intercept at index 0) into rawA, Xᵀ(y − p) into rawG, and [log-likelihood, count of
 * fitted values numerically 0 or 1] into totals. Visits only each row's non-zero features; allocates nothing.
 */
function accumulatePass(
  rows: Float64Array,
  outcomes: Uint8Array,
  p: number,
  positionOf: Int32Array,
  rawCoef: Float64Array,
  c0: number,
  size: number,
  rawA: Float64Array,
  rawG: Float64Array,
  nzPos: Int32Array,
  nzVal: Float64Array,
  totals: Float64Array,
): void {
  rawA.fill(0);
  rawG.fill(0);
  const n = outcomes.length;
  let logLikelihood = 0;
  let extremes = 0;
  let sumW = 0;
  let sumR = 0;
  for (let i = 0, k = 0; i < n; i++) {
    let eta = c0;
    let nz = 0;
    for (let j = 0; j < p; j++, k++) {
      const v = rows[k]!;
      if (v !== 0) {
        const position = positionOf[j]!;
        if (position !== 0) {
          nzPos[nz] = position;
          nzVal[nz] = v;
          nz++;
          eta += rawCoef[j]! * v;
        }
      }
    }
    // p = expit(η) and log(1 + e^η) from one exponential, without overflow.
    const e = Math.exp(eta >= 0 ? -eta : eta);
    const prob = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
    const y = outcomes[i]!;
    const w = prob * (1 - prob);
    const r = y - prob;
    logLikelihood += y * eta - (eta > 0 ? eta : 0) - Math.log1p(e);
    if (w < 1e-15) extremes++;
    sumW += w;
    sumR += r;
    for (let a = 0; a < nz; a++) {
      const ja = nzPos[a]!;
      const va = nzVal[a]!;
      const wva = w * va;
      rawG[ja]! += r * va;
      rawA[ja]! += wva; // row 0, column ja
      const rowStart = ja * size;
      for (let c = a; c < nz; c++) rawA[rowStart + nzPos[c]!]! += wva * nzVal[c]!;
    }
  }
  rawA[0] = sumW;
  rawG[0] = sumR;
  totals[0] = logLikelihood;
  totals[1] = extremes;
}

/** accumulatePass over compressed sparse rows whose columns are already parameter indexes (1…q). */
function accumulateSparsePass(
  outcomes: Uint8Array,
  rowStart: Int32Array,
  position: Int32Array,
  value: Float64Array,
  coefByPosition: Float64Array,
  c0: number,
  size: number,
  rawA: Float64Array,
  rawG: Float64Array,
  totals: Float64Array,
): void {
  rawA.fill(0);
  rawG.fill(0);
  const n = outcomes.length;
  let logLikelihood = 0;
  let extremes = 0;
  let sumW = 0;
  let sumR = 0;
  for (let i = 0; i < n; i++) {
    const start = rowStart[i]!;
    const end = rowStart[i + 1]!;
    let eta = c0;
    for (let t = start; t < end; t++) eta += coefByPosition[position[t]!]! * value[t]!;
    const e = Math.exp(eta >= 0 ? -eta : eta);
    const prob = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
    const y = outcomes[i]!;
    const w = prob * (1 - prob);
    const r = y - prob;
    logLikelihood += y * eta - (eta > 0 ? eta : 0) - Math.log1p(e);
    if (w < 1e-15) extremes++;
    sumW += w;
    sumR += r;
    for (let a = start; a < end; a++) {
      const ja = position[a]!;
      const va = value[a]!;
      const wva = w * va;
      rawG[ja]! += r * va;
      rawA[ja]! += wva;
      const base = ja * size;
      for (let c = a; c < end; c++) rawA[base + position[c]!]! += wva * value[c]!;
    }
  }
  rawA[0] = sumW;
  rawG[0] = sumR;
  totals[0] = logLikelihood;
  totals[1] = extremes;
}

function singular(lambda: number) {
  return badRequest(
    'SEAMLESS_ERR_ANALYTICS_MODEL_SINGULAR',
    lambda === 0
      ? 'The features are collinear (one is a combination of others), so the unpenalised model has no unique fit; use lambda > 0 or drop a feature.'
      : 'The model could not be fitted: the information matrix is not positive definite.',
  );
}

/** Cholesky factorisation A = LLᵀ of a symmetric n×n matrix, L written into the lower triangle. False when A is not positive definite. */
function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= a[j * n + k]! * a[j * n + k]!;
    if (!(d > 1e-13 * Math.max(1, Math.abs(a[j * n + j]!)))) return false;
    const ljj = Math.sqrt(d);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = s / ljj;
    }
  }
  return true;
}

/** Solves LLᵀx = b in place (b becomes x), L from choleskyInPlace. */
function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * b[k]!;
    b[i] = s / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * b[k]!;
    b[i] = s / l[i * n + i]!;
  }
}

function choleskyInverse(l: Float64Array, n: number): Float64Array {
  const inverse = new Float64Array(n * n);
  const column = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    column.fill(0);
    column[c] = 1;
    choleskySolveInPlace(l, n, column);
    for (let r = 0; r < n; r++) inverse[r * n + c] = column[r]!;
  }
  return inverse;
}
