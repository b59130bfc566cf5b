import type { CareRelationship } from '../../governance/index.ts';
import type { Activity } from '../domain/activity.ts';
import { completeNhsNumber } from '../domain/nhs-number.ts';
import type { Person } from '../domain/person.ts';
import { generateCommunityCare } from './community.generator.ts';
import { CONDITIONS, ageBandIndex, type ConditionVariant } from './conditions.constants.ts';
import { generateHospitalCare } from './hospital.generator.ts';
import type { PlaceModel } from './partners.generator.ts';
import { DayFormatter, PersonContext } from './person-context.ts';
import { FAMILY_NAMES, GIVEN_NAMES, INWARD_LETTERS } from './place.constants.ts';
import { generateEndOfLifeCare, generateMedications, generatePrimaryCare } from './primary-care.generator.ts';
import { Random, mixSeed } from './random.util.ts';
import { generateSocialCare, planLongTermSupport } from './social-care.generator.ts';

/** One generated person: the index entry, all of their activity, and their open (and past) care relationships. */
export interface GeneratedPerson {
  person: Person;
  activities: Activity[];
  careRelationships: CareRelationship[];
}

export const WINDOW_DAYS = 3 * 365;
const OLDEST = 104;

/**
 * Annual probability of death by age, both sexes (ONS National life tables, England and Wales
 * 2018–2020, qx rounded), as [from age, qx].
 */
const MORTALITY: readonly [number, number][] = [
  [0, 0.0038], [1, 0.00015], [5, 0.0001], [15, 0.0003], [25, 0.0006], [35, 0.0012], [45, 0.0027], [55, 0.0065],
  [65, 0.011], [70, 0.017], [75, 0.029], [80, 0.05], [85, 0.09], [90, 0.16], [95, 0.27],
];

/** Share of women by age, England mid-2020 (ONS), rounded: more boys are born, women live longer. */
function femaleShare(age: number): number {
  if (age < 15) return 0.488;
  if (age < 30) return 0.49;
  if (age < 60) return 0.505;
  if (age < 70) return 0.51;
  if (age < 80) return 0.53;
  if (age < 85) return 0.56;
  if (age < 90) return 0.6;
  return 0.68;
}

function mortality(age: number): number {
  let q = 0;
  for (const [from, value] of MORTALITY) if (age >= from) q = value;
  return q;
}

const END_OF_LIFE_STREAM = 0x0e0f_11fe;

export class PersonGenerator {
  private readonly rng = new Random();
  private readonly endOfLifeRng = new Random();
  private readonly days = new DayFormatter();
  private readonly ageCumulative: number[] = [];
  private readonly ageOffset: number;
  private readonly windowStartDay: number;

  constructor(
    private readonly place: PlaceModel,
    private readonly seed: number,
    private readonly todayDay: number,
    onsAgeCounts: readonly number[],
    private readonly nhsNumbers: NhsNumberAllocator,
  ) {
    // Ages 0–89 as published; 90+ spread over 90–104, each year about three quarters of the one before.
    let total = 0;
    for (let age = 0; age < 90; age++) this.ageCumulative.push((total += onsAgeCounts[age]!));
    const tail = onsAgeCounts[90]!;
    const weights = Array.from({ length: OLDEST - 89 }, (_, k) => 0.75 ** k);
    const weightSum = weights.reduce((a, b) => a + b, 0);
    for (const w of weights) this.ageCumulative.push((total += (tail * w) / weightSum));
    this.ageOffset = mixSeed(seed, 0x51ed) / 4294967296;
    this.windowStartDay = todayDay - WINDOW_DAYS;
  }

  /**
   * Ages follow a low-discrepancy sequence over the ONS distribution (golden-ratio steps), so any run of
   * people matches the published age structure closely, not just on average.
   */
  private ageFor(index: number): number {
    const u = (this.ageOffset + (index + 1) * 0.6180339887498949) % 1;
    const target = u * this.ageCumulative[this.ageCumulative.length - 1]!;
    let lo = 0;
    let hi = this.ageCumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ageCumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  generate(index: number, personId: number): GeneratedPerson {
    const rng = this.rng.reseed(this.seed, index);
    const ctx = new PersonContext(rng, this.place, this.days, index, personId, this.todayDay, this.windowStartDay);

    // Demographics.
    const age = this.ageFor(index);
    ctx.age = age;
    ctx.sex = rng.chance(femaleShare(age)) ? '2' : '1';
    ctx.dobDay = this.todayDay - Math.floor((age + rng.float()) * 365.25);
    ctx.locality = this.place.localities[rng.pickCumulative(this.place.localityCumulative)]!;
    const lsoa = ctx.locality.lsoas[rng.int(ctx.locality.lsoas.length)]!;
    const postcode = `${lsoa.outwardCode} ${lsoa.sector}${INWARD_LETTERS[rng.int(INWARD_LETTERS.length)]}${INWARD_LETTERS[rng.int(INWARD_LETTERS.length)]}`;
    const hasNhsNumber = !rng.chance(0.02);
    // People without an NHS number are not registered with a GP; nearly everyone else is.
    ctx.practice = hasNhsNumber ? ctx.locality.practices[rng.int(ctx.locality.practices.length)] : undefined;
    const birthYear = Number(this.days.format(ctx.dobDay).slice(0, 4));
    const cohort = birthYear < 1950 ? 0 : birthYear < 1980 ? 1 : 2;
    const givenName = rng.pick(GIVEN_NAMES[ctx.sex === '2' ? 'female' : 'male'][cohort]!);
    const familyName = rng.pick(FAMILY_NAMES);

    // Long-term conditions, correlated through a latent ill-health score and local need.
    ctx.z = rng.normal();
    const band = ageBandIndex(age);
    for (const def of CONDITIONS) {
      if (age < def.minAge) continue;
      let p = def.prevalence[band]! * (ctx.sex === '2' ? def.femaleFactor : def.maleFactor)
        * Math.exp(def.latentWeight * ctx.z - (def.latentWeight * def.latentWeight) / 2);
      if (def.latentWeight >= 0.3) p *= ctx.locality.needFactor;
      if (def.key === 'heart_failure' && (ctx.held.has('chd') || ctx.held.has('hypertension'))) p *= 1.6;
      if (def.key === 'ckd' && ctx.held.has('diabetes')) p *= 1.5;
      if (def.key === 'stroke' && ctx.held.has('atrial_fibrillation')) p *= 1.5;
      if (!rng.chance(Math.min(0.95, p))) continue;
      const eligibleYears = Math.min(age - def.minAge, 25);
      const yearsAgo = eligibleYears * rng.float() ** 1.4;
      const onsetDay = Math.max(ctx.dobDay + def.minAge * 365, this.todayDay - Math.floor(yearsAgo * 365.25) - rng.int(120));
      const variant = def.variants ? pickVariant(rng, def.variants, ctx.sex === '2') : undefined;
      ctx.conditions.push({ def, code: variant?.code ?? def.code, term: variant?.term ?? def.term, icd10: variant?.icd10 ?? def.icd10, onsetDay });
      ctx.held.add(def.key);
    }
    let multimorbidity = 0;
    for (const c of ctx.conditions) multimorbidity += c.def.weight;

    // Frailty (eFI-like bands) for people 50 and over.
    if (age >= 50) {
      const score = multimorbidity + Math.max(0, age - 60) * 0.075 + 0.6 * ctx.z;
      ctx.frailty = score < 2.3 ? 0 : score < 4.3 ? 1 : score < 6.6 ? 2 : 3;
    }
    ctx.housebound = ctx.frailty === 3 ? rng.chance(0.5) : ctx.frailty === 2 ? rng.chance(0.12) : false;

    // Death in the window: more likely with age, frailty and some conditions.
    let hazard = mortality(age) * (ctx.sex === '1' ? 1.15 : 0.87);
    if (age >= 65) hazard *= [0.5, 1, 1.8, 3.2][ctx.frailty]!;
    if (ctx.held.has('cancer')) hazard *= 1.6;
    if (ctx.held.has('heart_failure')) hazard *= 1.5;
    if (ctx.held.has('dementia')) hazard *= 1.5;
    ctx.annualMortality = Math.min(0.6, hazard);
    const pDeath = 1 - (1 - ctx.annualMortality) ** 3;
    ctx.startDay = Math.max(this.windowStartDay, ctx.dobDay);
    if (rng.chance(pDeath) && this.todayDay - 1 > ctx.startDay) ctx.deathDay = ctx.dayBetween(ctx.startDay, this.todayDay - 1);
    ctx.endDay = ctx.deathDay ?? this.todayDay;
    if (ctx.deathDay !== undefined) {
      for (let i = ctx.conditions.length - 1; i >= 0; i--) {
        const c = ctx.conditions[i]!;
        if (c.onsetDay > ctx.deathDay) { ctx.conditions.splice(i, 1); ctx.held.delete(c.def.key); multimorbidity -= c.def.weight; }
      }
    }
    ctx.multimorbidity = multimorbidity;

    planLongTermSupport(ctx);
    if (ctx.deathDay !== undefined) ctx.diesInHospital = rng.chance(ctx.residesInCareHomeOn(ctx.deathDay) ? 0.3 : 0.47);

    const repeats = generateMedications(ctx);
    generatePrimaryCare(ctx, repeats);
    generateHospitalCare(ctx);
    const caseloads = generateCommunityCare(ctx);
    generateSocialCare(ctx, caseloads);
    // On a stream of its own, so that adding it left every other generated record as it was.
    generateEndOfLifeCare(ctx, this.endOfLifeRng.reseed(this.seed ^ END_OF_LIFE_STREAM, index));

    // Where the person lives now: a care-home resident's address is the home's.
    const home = ctx.residesInCareHomeOn(ctx.endDay);
    const knownToCouncil = !hasNhsNumber || ctx.activities.some((a) => a.kind === 'social_care_event');
    const person: Person = {
      id: personId,
      nhsNumber: hasNhsNumber ? this.nhsNumbers.numberFor(index) : undefined,
      localId: knownToCouncil ? councilPersonId(index) : undefined,
      givenName, familyName,
      dateOfBirth: this.days.format(ctx.dobDay),
      sex: ctx.sex,
      postcode: home ? home.postcode : postcode,
      lsoaCode: home ? home.lsoa.code : lsoa.code,
      localityCode: home ? home.localityCode : ctx.locality.code,
      gpPracticeCode: ctx.practice?.code,
      dateOfDeath: ctx.deathDay === undefined ? undefined : this.days.format(ctx.deathDay),
    };
    return { person, activities: ctx.activities, careRelationships: ctx.careRelationships };
  }
}

function pickVariant(rng: Random, variants: readonly ConditionVariant[], female: boolean): ConditionVariant {
  let total = 0;
  for (const v of variants) total += female ? v.femaleWeight : v.maleWeight;
  let target = rng.float() * total;
  for (const v of variants) {
    target -= female ? v.femaleWeight : v.maleWeight;
    if (target < 0) return v;
  }
  return variants[variants.length - 1]!;
}

/** The council's person ID, as its case-management system would issue it. */
export function councilPersonId(index: number): string {
  return `DCC${String(index + 1).padStart(7, '0')}`;
}

/**
 * NHS numbers for synthetic people, all valid under Modulus 11 and unique within a place: the
 * 999 range that NHS England reserves for testing first (about 909,000 valid numbers), then 998,
 * 997… for larger places. Person n gets the n-th valid number of a fixed permutation, so numbers
 * do not run in person order.
 */
export class NhsNumberAllocator {
  private readonly ranges = new Map<number, Int32Array>();

  /** The valid 6-digit continuations of a 3-digit prefix (those whose Modulus 11 check digit is not 10). */
  private validBases(prefix: number): Int32Array {
    let bases = this.ranges.get(prefix);
    if (!bases) {
      const list = new Int32Array(1_000_000);
      let n = 0;
      const prefixSum = Math.floor(prefix / 100) * 10 + (Math.floor(prefix / 10) % 10) * 9 + (prefix % 10) * 8;
      for (let base = 0; base < 1_000_000; base++) {
        let sum = prefixSum;
        let rest = base;
        for (let weight = 2; weight <= 7; weight++) { sum += (rest % 10) * weight; rest = Math.floor(rest / 10); }
        if (11 - (sum % 11) !== 10) list[n++] = base;
      }
      bases = list.slice(0, n);
      this.ranges.set(prefix, bases);
    }
    return bases;
  }

  /**
   * Person n's number. The permutation does not depend on the seed, so places appended to one store
   * (which continue the person numbering) never reuse a number.
   */
  numberFor(index: number): string {
    let prefix = 999;
    let i = index;
    for (;;) {
      const bases = this.validBases(prefix);
      if (i < bases.length) {
        const length = bases.length;
        let step = 48_271 % length;
        while (gcd(step, length) !== 1) step++;
        const position = (step * i + 7_919) % length;
        return completeNhsNumber(`${prefix}${String(bases[position]).padStart(6, '0')}`)!;
      }
      i -= bases.length;
      prefix--;
    }
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
