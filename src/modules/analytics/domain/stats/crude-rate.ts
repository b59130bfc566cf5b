/**
 * Crude rates and proportions with confidence limits, as OHID publishes them on Fingertips.
 *
 * Crude rate = O / n × multiplier (per 100,000 by default). Its limits are the Poisson limits of the
 * count O divided by n and multiplied the same way (PHE "Technical Guide: Confidence Intervals";
 * PHEindicatormethods `phe_rate`): Byar's method for O ≥ 10 and exact limits below 10 by default, see
 * confidence-intervals.ts. Zero events give a rate of 0 with a lower limit of 0 and a positive upper
 * limit; a population of 0 is refused (SEAMLESS_ERR_ANALYTICS_ZERO_POPULATION).
 *
 * Proportion = x / n × multiplier (per 100 by default, a percentage) with Wilson score limits.
 */
import { checkConfidence, poissonLimits, wilsonLimits, type ConfidenceLevel, type PoissonCiMethod } from './confidence-intervals.ts';
import { checkCount, checkPopulation } from './stats-input.ts';

export const PER_100_000 = 100_000;

export interface RateOptions {
  confidence?: ConfidenceLevel;
  /** 'fingertips' (default: exact below 10 events, Byar from 10), 'byar' or 'exact'. */
  method?: PoissonCiMethod;
  /** Rate per this many people; 100,000 by default. */
  multiplier?: number;
}

export interface RateResult {
  rate: number;
  lower: number;
  upper: number;
  events: number;
  population: number;
  confidence: ConfidenceLevel;
  /** The method used for the limits of this count. */
  method: 'byar' | 'exact';
  multiplier: number;
}

export function calculateCrudeRate(events: number, population: number, options: RateOptions = {}): RateResult {
  const o = checkCount(events, 'Events');
  const n = checkPopulation(population, 'Population');
  const confidence = checkConfidence(options.confidence ?? 0.95);
  const multiplier = options.multiplier ?? PER_100_000;
  const limits = poissonLimits(o, { confidence, method: options.method ?? 'fingertips' });
  return {
    rate: (o / n) * multiplier,
    lower: (limits.lower / n) * multiplier,
    upper: (limits.upper / n) * multiplier,
    events: o,
    population: n,
    confidence,
    method: limits.method,
    multiplier,
  };
}

export interface ProportionResult {
  value: number;
  lower: number;
  upper: number;
  numerator: number;
  denominator: number;
  confidence: ConfidenceLevel;
  method: 'wilson';
  multiplier: number;
}

/** A proportion (per 100 by default) with Wilson score limits. */
export function calculateProportion(numerator: number, denominator: number, options: { confidence?: ConfidenceLevel; multiplier?: number } = {}): ProportionResult {
  const confidence = checkConfidence(options.confidence ?? 0.95);
  const multiplier = options.multiplier ?? 100;
  const limits = wilsonLimits(numerator, denominator, confidence);
  return {
    value: (numerator / denominator) * multiplier,
    lower: limits.lower * multiplier,
    upper: limits.upper * multiplier,
    numerator,
    denominator,
    confidence,
    method: 'wilson',
    multiplier,
  };
}
