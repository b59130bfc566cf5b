import type { PersonFacts } from '../../domain/person-facts.ts';

/** Mulberry32: a small seeded PRNG (Tommy Ettinger, public domain), so simulated data are the same every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box–Muller. */
export function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Poisson by inversion (small means). */
export function poisson(random: () => number, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let prod = random();
  while (prod > l) {
    k++;
    prod *= random();
  }
  return k;
}

export const expit = (x: number): number => 1 / (1 + Math.exp(-x));

/** Rows from a known logistic model: x row-major, y drawn from P(y = 1) = expit(beta[0] + Σ beta[j+1] x[j]). */
export function simulateLogistic(
  n: number,
  beta: readonly number[],
  drawRow: (random: () => number, out: Float64Array, offset: number) => void,
  seed: number,
): { rows: Float64Array; outcomes: Uint8Array } {
  const random = seededRandom(seed);
  const p = beta.length - 1;
  const rows = new Float64Array(n * p);
  const outcomes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    drawRow(random, rows, i * p);
    let eta = beta[0]!;
    for (let j = 0; j < p; j++) eta += beta[j + 1]! * rows[i * p + j]!;
    outcomes[i] = random() < expit(eta) ? 1 : 0;
  }
  return { rows, outcomes };
}

export function baseFacts(overrides: Partial<PersonFacts> = {}): PersonFacts {
  return {
    personId: 1,
    asOf: '2025-03-31',
    age: 50,
    sex: '1',
    localityCode: null,
    gpPracticeCode: null,
    dead: false,
    longTermConditions: [],
    unstableConditions: [],
    medicationCount: 0,
    emergencyAdmissions12m: 0,
    electiveAdmissions12m: 0,
    bedDays12m: 0,
    aeAttendances12m: 0,
    outpatientAppointments12m: 0,
    falls12m: 0,
    communityContacts12m: 0,
    mentalHealthContacts12m: 0,
    ambulanceContacts12m: 0,
    nhs111Contacts12m: 0,
    knownToSocialCare: false,
    receivingSocialCare: false,
    socialCareWeeklyCostPence: 0,
    endOfLife: false,
    ...overrides,
  };
}

const CONDITIONS = ['hypertension', 'diabetes', 'copd', 'heart_failure', 'dementia', 'ckd', 'cancer', 'atrial_fibrillation', 'asthma'];

/** A synthetic person whose facts drive a true risk of emergency admission; returns facts and the drawn outcome. */
export function simulatePerson(random: () => number, personId: number, asOf: string): { facts: PersonFacts; emergencyAdmission: boolean } {
  const age = Math.floor(random() * 95);
  const old = age >= 75 ? 1 : 0;
  const conditions = CONDITIONS.filter(() => random() < 0.05 + age / 400);
  const emergencyAdmissions12m = poisson(random, 0.05 + 0.15 * old + 0.1 * conditions.length);
  const falls12m = poisson(random, 0.02 + 0.2 * old);
  const receivingSocialCare = random() < 0.02 + 0.1 * old;
  const facts = baseFacts({
    personId,
    asOf,
    age,
    sex: random() < 0.5 ? '1' : '2',
    longTermConditions: conditions,
    unstableConditions: emergencyAdmissions12m > 0 ? conditions.slice(0, 1) : [],
    medicationCount: conditions.length * 2 + poisson(random, 1),
    emergencyAdmissions12m,
    bedDays12m: emergencyAdmissions12m * poisson(random, 4),
    aeAttendances12m: emergencyAdmissions12m + poisson(random, 0.2),
    falls12m,
    knownToSocialCare: receivingSocialCare || random() < 0.05,
    receivingSocialCare,
    socialCareWeeklyCostPence: receivingSocialCare ? Math.round(20_000 + random() * 60_000) : 0,
    endOfLife: random() < 0.005 + 0.01 * old,
  });
  const eta = -3.2 + 0.02 * age + 0.5 * emergencyAdmissions12m + 0.2 * conditions.length + 0.4 * falls12m + 0.5 * (receivingSocialCare ? 1 : 0) + 1 * (facts.endOfLife ? 1 : 0);
  return { facts, emergencyAdmission: random() < expit(eta) };
}
