import { jaroWinkler } from './jaro-winkler.ts';
import { postcodeSector, type SexCode } from './demographics.ts';

/**
 * Probabilistic person matching, used when a record has no NHS number (or one Seamless has not seen).
 * Field agreement weights in the Fellegi–Sunter style; docs/matching.md explains the choices.
 *
 * | field          | agrees exactly | partly agrees                         | disagrees |
 * |----------------|----------------|---------------------------------------|-----------|
 * | family name    | +4             | +2 (Jaro–Winkler ≥ 0.92)              | −3        |
 * | given name     | +3             | +1 (JW ≥ 0.92 or same first initial)  | −2        |
 * | date of birth  | +5             | +2 (day/month swapped, or one part off)| −5       |
 * | postcode       | +3             | +1 (same sector)                      | 0         |
 * | sex            | +1             |                                       | −2        |
 *
 * A field missing on either side scores 0. Total ≥ LINK_THRESHOLD links the record to the candidate;
 * REVIEW_THRESHOLD ≤ total < LINK_THRESHOLD creates a new person and lists the pair for review
 * (never merged silently); below that the record is a new person.
 */
export const LINK_THRESHOLD = 12;
export const REVIEW_THRESHOLD = 7;

export interface Demographics {
  familyName?: string | undefined;   // normalised (normaliseName)
  givenName?: string | undefined;    // normalised
  dateOfBirth?: string | undefined;  // YYYY-MM-DD
  postcode?: string | undefined;     // normalised (normalisePostcode)
  sex?: SexCode | undefined;
}

export interface MatchScore {
  score: number;
  reasons: string[];
  /** True when names, date of birth and postcode all agree exactly. */
  exact: boolean;
}

const NAME_SIMILAR = 0.92;

export function scoreMatch(incoming: Demographics, candidate: Demographics): MatchScore {
  let score = 0;
  const reasons: string[] = [];
  let exactFields = 0;
  const add = (points: number, reason: string) => { score += points; reasons.push(`${reason} (${points > 0 ? '+' : ''}${points})`); };

  if (incoming.familyName && candidate.familyName) {
    if (incoming.familyName === candidate.familyName) { add(4, 'family name agrees'); exactFields++; }
    else if (jaroWinkler(incoming.familyName, candidate.familyName) >= NAME_SIMILAR) add(2, 'family name similar');
    else add(-3, 'family name differs');
  }
  if (incoming.givenName && candidate.givenName) {
    if (incoming.givenName === candidate.givenName) { add(3, 'given name agrees'); exactFields++; }
    else if (jaroWinkler(incoming.givenName, candidate.givenName) >= NAME_SIMILAR || incoming.givenName[0] === candidate.givenName[0]) add(1, 'given name similar');
    else add(-2, 'given name differs');
  }
  if (incoming.dateOfBirth && candidate.dateOfBirth) {
    if (incoming.dateOfBirth === candidate.dateOfBirth) { add(5, 'date of birth agrees'); exactFields++; }
    else if (nearDateOfBirth(incoming.dateOfBirth, candidate.dateOfBirth)) add(2, 'date of birth nearly agrees');
    else add(-5, 'date of birth differs');
  }
  if (incoming.postcode && candidate.postcode) {
    if (incoming.postcode === candidate.postcode) { add(3, 'postcode agrees'); exactFields++; }
    else if (postcodeSector(incoming.postcode) === postcodeSector(candidate.postcode)) add(1, 'postcode sector agrees');
  }
  if (incoming.sex && candidate.sex && incoming.sex !== 'X' && candidate.sex !== 'X') {
    if (incoming.sex === candidate.sex) add(1, 'sex agrees');
    else add(-2, 'sex differs');
  }
  return { score, reasons, exact: exactFields === 4 };
}

/** Same date with day and month swapped, or two of year/month/day equal (a typing slip). */
function nearDateOfBirth(a: string, b: string): boolean {
  const [ay, am, ad] = a.split('-');
  const [by, bm, bd] = b.split('-');
  if (ay === by && am === bd && ad === bm) return true;
  return Number(ay === by) + Number(am === bm) + Number(ad === bd) === 2;
}

/** Dates of birth to fetch candidates for: the same date and the day/month swap (blocking). */
export function blockingDatesOfBirth(dateOfBirth: string): string[] {
  const [y, m, d] = dateOfBirth.split('-');
  const swapped = `${y}-${d}-${m}`;
  return Number(d) <= 12 && swapped !== dateOfBirth ? [dateOfBirth, swapped] : [dateOfBirth];
}

export type MatchDecision<Id> =
  | { kind: 'link'; personId: Id; method: 'demographic_exact' | 'probabilistic'; score: number; reasons: string[] }
  | { kind: 'new'; reviews: { personId: Id; score: number; reasons: string[] }[] };

/** Chooses among blocked candidates: the best score at or above the link threshold wins outright. */
export function decideMatch<Id>(incoming: Demographics, candidates: readonly { id: Id; demographics: Demographics }[]): MatchDecision<Id> {
  let best: { id: Id; result: MatchScore } | undefined;
  let tie = false;
  const reviews: { personId: Id; score: number; reasons: string[] }[] = [];
  for (const candidate of candidates) {
    const result = scoreMatch(incoming, candidate.demographics);
    if (result.score >= REVIEW_THRESHOLD) reviews.push({ personId: candidate.id, score: result.score, reasons: result.reasons });
    if (!best || result.score > best.result.score) { best = { id: candidate.id, result }; tie = false; }
    else if (result.score === best.result.score) tie = true;
  }
  // Two equally good candidates: linking to either could be wrong, so the record stands alone for review.
  if (best && best.result.score >= LINK_THRESHOLD && !tie) {
    return { kind: 'link', personId: best.id, method: best.result.exact ? 'demographic_exact' : 'probabilistic', score: best.result.score, reasons: best.result.reasons };
  }
  return { kind: 'new', reviews };
}
