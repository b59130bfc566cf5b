import assert from 'node:assert/strict';
import { test } from 'node:test';
import { near } from './stats-assert.ts';
import { readReferenceCsv } from '../../../../kernel/reference.ts';
import {
  calculateDsr, ESP2013_BANDS, ESP2013_POPULATION, esp2013BandForAge, type AgeBandCount,
} from '../../domain/stats/directly-standardised-rate.ts';

function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    return { code: (error as { code?: string }).code ?? 'no code', message: (error as Error).message };
  }
  return { code: 'no error', message: '' };
}

/** 19 bands with the same population and events from a function of the band. */
function bands(events: (band: string) => number, population: (band: string) => number = () => 1000): AgeBandCount[] {
  return ESP2013_BANDS.map((ageBand) => ({ ageBand, events: events(ageBand), population: population(ageBand) }));
}

test('the ESP 2013 weights in code are the ones in reference/esp2013.csv, and sum to 100,000', () => {
  const reference = readReferenceCsv('esp2013.csv');
  assert.deepEqual(reference.map((r) => r.age_band), [...ESP2013_BANDS]);
  for (const r of reference) assert.equal(ESP2013_POPULATION[r.age_band as keyof typeof ESP2013_POPULATION], Number(r.population));
  assert.equal(Object.values(ESP2013_POPULATION).reduce((s, v) => s + v, 0), 100_000);
  assert.equal(esp2013BandForAge(0), '0-4');
  assert.equal(esp2013BandForAge(64), '60-64');
  assert.equal(esp2013BandForAge(89), '85-89');
  assert.equal(esp2013BandForAge(90), '90+');
  assert.equal(esp2013BandForAge(104), '90+');
});

// Worked example 1: the same rate in every band.
// Population 1,000 and 2 events in each of the 19 bands: O = 38, population 19,000.
//   DSR = Σ ESPᵢ · Oᵢ/nᵢ = Σ ESPᵢ · 0.002 = 100,000 · 0.002 = 200.0 per 100,000 (= the crude rate, 38/19,000 · 100,000)
//   Var(DSR) = Σ ESPᵢ² · Oᵢ/nᵢ² = (Σ ESPᵢ²) · 2 / 1,000,000
//     Σ ESPᵢ² = 5000²·2 + 5500²·4 + 6000²·3 + 6500²·2 + 7000²·4 + 4000² + 2500² + 1500² + 1000²
//             = 50,000,000 + 121,000,000 + 108,000,000 + 84,500,000 + 196,000,000
//               + 16,000,000 + 6,250,000 + 2,250,000 + 1,000,000 = 585,000,000
//     Var(DSR) = 585,000,000 · 2 / 1,000,000 = 1,170
//   √(Var(DSR)/O) = √(1,170/38) = √30.789474 = 5.548826
//   Byar, O = 38: lower 38 · (1 − 1/342 − 1.959964/(3·6.164414))³ = 38 · (1 − 0.002924 − 0.105983)³ = 38 · 0.891093³ = 38 · 0.707570 = 26.88767
//                 upper 39 · (1 − 1/351 + 1.959964/(3·6.244998))³ = 39 · (1 − 0.002849 + 0.104615)³ = 39 · 1.101766³ = 39 · 1.337421 = 52.15943
//   lower = 200 + 5.548826 · (26.88767 − 38) = 200 − 5.548826 · 11.11233 = 200 − 61.6604 = 138.3396
//   upper = 200 + 5.548826 · (52.15943 − 38) = 200 + 5.548826 · 14.15943 = 200 + 78.5682 = 278.5682
test('worked example 1: equal rates in every band give DSR = crude rate = 200.0 (138.34 to 278.57)', () => {
  const r = calculateDsr(bands(() => 2));
  near(r.rate, 200, 1e-9, 'DSR');
  near(r.lower, 138.3396, 0.0001, 'lower');
  near(r.upper, 278.5682, 0.0001, 'upper');
  assert.equal(r.totalEvents, 38);
  assert.equal(r.totalPopulation, 19_000);
  assert.equal(r.method, 'byar');
  assert.equal(r.reliable, true);
  assert.equal(r.warning, null);
});

// Worked example 2: events only among the oldest.
// Population 1,000 in every band; events 75-79: 20, 80-84: 30, 85-89: 40, 90+: 50, none below 75. O = 140.
//   DSR = (4000·20 + 2500·30 + 1500·40 + 1000·50) / 1000 = (80,000 + 75,000 + 60,000 + 50,000) / 1000 = 265.0
//   (The crude rate is 140/19,000 · 100,000 = 736.8: this population has as many 90+ as 0-4 year olds; the ESP has a fifth as many.)
//   Var(DSR) = (4000²·20 + 2500²·30 + 1500²·40 + 1000²·50) / 1000²
//            = (320,000,000 + 187,500,000 + 90,000,000 + 50,000,000) / 1,000,000 = 647.5
//   √(Var(DSR)/O) = √(647.5/140) = √4.625 = 2.150581
//   Byar, O = 140: lower 140 · (1 − 1/1260 − 1.959964/(3·11.832160))³ = 140 · (1 − 0.000794 − 0.055216)³ = 140 · 0.943991³ = 140 · 0.841207 = 117.7690
//                  upper 141 · (1 − 1/1269 + 1.959964/(3·11.874342))³ = 141 · (1 − 0.000788 + 0.055020)³ = 141 · 1.054232³ = 141 · 1.171677 = 165.2065
//   lower = 265 + 2.150581 · (117.7690 − 140) = 265 − 2.150581 · 22.2310 = 265 − 47.8095 = 217.1905
//   upper = 265 + 2.150581 · (165.2065 − 140) = 265 + 2.150581 · 25.2065 = 265 + 54.2087 = 319.2087
test('worked example 2: events only at 75+ give DSR 265.0 (217.19 to 319.21), well below the crude 736.8', () => {
  const events: Record<string, number> = { '75-79': 20, '80-84': 30, '85-89': 40, '90+': 50 };
  const r = calculateDsr(bands((b) => events[b] ?? 0));
  near(r.rate, 265, 1e-9, 'DSR');
  near(r.lower, 217.1905, 0.0005, 'lower');
  near(r.upper, 319.2087, 0.0005, 'upper');
  assert.equal(r.totalEvents, 140);
});

// A single band with events: 9 events in 90+ (population 1,000), none elsewhere.
//   DSR = 1000 · 9/1000 = 9.0; Var = 1000² · 9/1000² = 9; √(9/9) = 1, so the limits are the count's own limits:
//   fewer than 10 events, so exact limits for 9: 4.115373 and 17.084803 — and the result is flagged.
test('fewer than 10 events: computed, but flagged as unreliable with a warning', () => {
  const r = calculateDsr(bands((b) => (b === '90+' ? 9 : 0)));
  near(r.rate, 9, 1e-12);
  near(r.lower, 4.115373, 0.000001);
  near(r.upper, 17.084803, 0.000001);
  assert.equal(r.method, 'exact');
  assert.equal(r.reliable, false);
  assert.match(r.warning ?? '', /Only 9 events: OHID does not publish directly standardised rates from fewer than 10 events/);
});

test('no events: DSR 0, lower limit 0, upper limit undefined (null), flagged', () => {
  const r = calculateDsr(bands(() => 0));
  assert.deepEqual([r.rate, r.lower, r.upper, r.reliable], [0, 0, null, false]);
});

test('a population in proportion to the ESP gives DSR = crude rate, whatever the events', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (let trial = 0; trial < 20; trial++) {
    const counts = bands(() => Math.floor(random() * 200), (b) => ESP2013_POPULATION[b as keyof typeof ESP2013_POPULATION] * 3);
    const r = calculateDsr(counts);
    near(r.rate, (r.totalEvents / 300_000) * 100_000, 1e-9);
  }
});

test('band order does not matter; 99.8% limits are wider; very large counts are stable', () => {
  const events: Record<string, number> = { '75-79': 20, '80-84': 30, '85-89': 40, '90+': 50 };
  const shuffled = bands((b) => events[b] ?? 0).reverse();
  near(calculateDsr(shuffled).rate, 265, 1e-9);
  const wide = calculateDsr(shuffled, { confidence: 0.998 });
  assert.ok(wide.lower < 217.19 && (wide.upper ?? 0) > 319.21);
  const large = calculateDsr(bands(() => 1_000_000, () => 10_000_000));
  near(large.rate, 10_000, 1e-6);
  assert.ok(large.lower > 9_990 && large.lower < 10_000 && (large.upper ?? 0) > 10_000 && (large.upper ?? 0) < 10_010);
});

test('all 19 bands exactly once: unknown, repeated and missing bands are named together', () => {
  const rows = bands(() => 1).filter((r) => r.ageBand !== '60-64' && r.ageBand !== '90+');
  rows.push({ ageBand: '0-4', events: 1, population: 1000 }, { ageBand: '90-94', events: 1, population: 1000 });
  const { code, message } = refusal(() => calculateDsr(rows));
  assert.equal(code, 'SEAMLESS_ERR_ANALYTICS_AGE_BANDS');
  assert.match(message, /unknown age band '90-94'/);
  assert.match(message, /given more than once: 0-4/);
  assert.match(message, /missing age bands: 60-64, 90\+/);
});

test('each band needs a population above 0 and whole, non-negative events', () => {
  const zero = refusal(() => calculateDsr(bands(() => 3, (b) => (b === '60-64' ? 0 : 1000))));
  assert.equal(zero.code, 'SEAMLESS_ERR_ANALYTICS_ZERO_POPULATION');
  assert.match(zero.message, /Population in age band 60-64 is 0/);
  const negative = refusal(() => calculateDsr(bands((b) => (b === '5-9' ? -1 : 3))));
  assert.equal(negative.code, 'SEAMLESS_ERR_ANALYTICS_INVALID_NUMBER');
  assert.match(negative.message, /Events in age band 5-9 must not be negative/);
  const fraction = refusal(() => calculateDsr(bands((b) => (b === '0-4' ? 2.5 : 3))));
  assert.match(fraction.message, /Events in age band 0-4 must be a whole number/);
  assert.equal(refusal(() => calculateDsr(bands(() => 3, () => Number.NaN))).code, 'SEAMLESS_ERR_ANALYTICS_INVALID_NUMBER');
});
