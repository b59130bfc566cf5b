import type { PersonProfile } from '../person-profile.ts';
import type { CompiledCohort } from './cohort-definition.ts';

export interface CohortMembership {
  name: string;
  versionId: string;
  size: number;
  /** Person ids in ascending order. */
  personIds: number[];
  /** Set when the cohort matches nobody, so a screen can say so instead of showing an empty table. */
  message?: string | undefined;
}

/** Who is in a cohort, out of these profiles. */
export function evaluateCohort(cohort: CompiledCohort, profiles: Iterable<PersonProfile>): CohortMembership {
  const personIds: number[] = [];
  let population = 0;
  for (const profile of profiles) {
    population++;
    if (cohort.matches(profile)) personIds.push(profile.facts.personId);
  }
  personIds.sort((a, b) => a - b);
  return {
    name: cohort.name, versionId: cohort.versionId, size: personIds.length, personIds,
    message: personIds.length === 0 ? nobodyMessage(cohort.name, population) : undefined,
  };
}

function nobodyMessage(name: string, population: number): string {
  return population === 0
    ? `There are no people to evaluate cohort '${name}' against`
    : `Cohort '${name}' matches nobody among ${population} people; check its criteria`;
}

export interface CohortComparison {
  population: number;
  a: { name: string; versionId: string; size: number };
  b: { name: string; versionId: string; size: number };
  /** In A and not in B: e.g. high risk and NOT known to social care. */
  onlyA: number[];
  /** In B and not in A. */
  onlyB: number[];
  /** In both: e.g. receiving social care AND at rising risk. */
  both: number[];
  counts: { onlyA: number; onlyB: number; both: number; either: number; neither: number };
  /**
   * Shares as proportions (0–1), null when the denominator is empty (never a division by zero):
   * how much of A is also in B, of B in A, and the Jaccard index (both / either).
   */
  overlap: { shareOfAInB: number | null; shareOfBInA: number | null; jaccard: number | null };
  /** Plain messages for empty cohorts or an empty population; empty when there is something to compare. */
  messages: string[];
}

/**
 * Compares two cohorts over the same people in one pass: membership of A only (A minus B), B only,
 * both (A and B), with counts and overlap. "Who is at high risk and not known to social care" is
 * `compareCohorts(highRisk, knownToSocialCare).onlyA`; "who receives social care and is at rising
 * risk" is `compareCohorts(receivingSocialCare, risingRisk).both`.
 */
export function compareCohorts(a: CompiledCohort, b: CompiledCohort, profiles: Iterable<PersonProfile>): CohortComparison {
  const onlyA: number[] = [];
  const onlyB: number[] = [];
  const both: number[] = [];
  let population = 0;
  for (const profile of profiles) {
    population++;
    const inA = a.matches(profile);
    const inB = b.matches(profile);
    if (inA && inB) both.push(profile.facts.personId);
    else if (inA) onlyA.push(profile.facts.personId);
    else if (inB) onlyB.push(profile.facts.personId);
  }
  for (const ids of [onlyA, onlyB, both]) ids.sort((x, y) => x - y);
  const sizeA = onlyA.length + both.length;
  const sizeB = onlyB.length + both.length;
  const either = sizeA + onlyB.length;
  const messages: string[] = [];
  if (population === 0) {
    messages.push('There are no people to compare the cohorts over');
  } else {
    if (sizeA === 0) messages.push(`${nobodyMessage(a.name, population)}, so there is nothing to compare it with`);
    if (sizeB === 0) messages.push(`${nobodyMessage(b.name, population)}, so there is nothing to compare it with`);
  }
  return {
    population,
    a: { name: a.name, versionId: a.versionId, size: sizeA },
    b: { name: b.name, versionId: b.versionId, size: sizeB },
    onlyA, onlyB, both,
    counts: { onlyA: onlyA.length, onlyB: onlyB.length, both: both.length, either, neither: population - either },
    overlap: {
      shareOfAInB: share(both.length, sizeA),
      shareOfBInA: share(both.length, sizeB),
      jaccard: share(both.length, either),
    },
    messages,
  };
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export interface CohortSummary {
  population: number;
  cohorts: Array<{ name: string; versionId: string; size: number; shareOfPopulation: number | null; message?: string | undefined }>;
  /** Every pair i < j with the number of people in both. */
  overlaps: Array<{ a: string; b: string; both: number; jaccard: number | null }>;
}

/** Sizes of several cohorts and the overlap of every pair, in one pass over the people. */
export function summariseCohorts(cohorts: readonly CompiledCohort[], profiles: Iterable<PersonProfile>): CohortSummary {
  const n = cohorts.length;
  const sizes = new Array<number>(n).fill(0);
  const pairs = new Array<number>((n * (n - 1)) / 2).fill(0);
  const member = new Array<boolean>(n).fill(false);
  let population = 0;
  for (const profile of profiles) {
    population++;
    for (let i = 0; i < n; i++) {
      member[i] = cohorts[i]!.matches(profile);
      if (member[i]) sizes[i]! += 1;
    }
    let k = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++, k++) if (member[i] && member[j]) pairs[k]! += 1;
    }
  }
  const overlaps: CohortSummary['overlaps'] = [];
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, k++) {
      const both = pairs[k]!;
      overlaps.push({ a: cohorts[i]!.name, b: cohorts[j]!.name, both, jaccard: share(both, sizes[i]! + sizes[j]! - both) });
    }
  }
  return {
    population,
    cohorts: cohorts.map((c, i) => ({
      name: c.name, versionId: c.versionId, size: sizes[i]!, shareOfPopulation: share(sizes[i]!, population),
      message: sizes[i] === 0 ? nobodyMessage(c.name, population) : undefined,
    })),
    overlaps,
  };
}
