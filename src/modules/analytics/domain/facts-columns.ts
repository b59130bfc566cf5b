import type { FactDefinitions } from './derive-facts.ts';
import type { PersonFacts, SexCode } from './person-facts.ts';
import { grownCopy, type ColumnArray } from './grown-copy.ts';

/**
 * Every person's facts as of one date, kept in typed-array columns rather than one object per person,
 * so a place of a million people costs about 80 MB instead of a gigabyte of small objects for the
 * garbage collector to trace. The stratification engine fills it in one pass over the histories, then
 * reads the people back one at a time (one short-lived PersonFacts object each) once everyone's
 * predicted risk, and so each person's percentile, is known.
 *
 * Score values are kept beside the facts: NaN (or -1 for whole-number scores) where a score was not
 * computed (age below its threshold, no discharge to score).
 */
const SEXES: readonly SexCode[] = ['1', '2', '9', 'X'];

const COUNT_COLUMNS = [
  'medicationCount', 'emergencyAdmissions12m', 'electiveAdmissions12m', 'bedDays12m', 'aeAttendances12m', 'outpatientAppointments12m',
  'falls12m', 'communityContacts12m', 'mentalHealthContacts12m', 'ambulanceContacts12m', 'nhs111Contacts12m',
] as const satisfies readonly (keyof PersonFacts)[];
const WIDTH = COUNT_COLUMNS.length;

const DEAD = 1, KNOWN = 2, RECEIVING = 4, END_OF_LIFE = 8;

/** Score values per person; NaN or -1 when not computed. */
export interface ScoreColumns {
  hfrs: Float64Array;
  /** eFI deficits present (0–36), -1 when not computed. */
  efiDeficits: Int8Array;
  charlson: Int16Array;
  charlsonQuan: Int16Array;
  /** LACE of the latest discharge, -1 when there is none. */
  lace: Int16Array;
  risk: Float64Array;
}

export class FactsColumns {
  private capacity: number;
  length = 0;
  personIds: Float64Array;
  private ages: Int16Array;
  private sexes: Uint8Array;
  private flags: Uint8Array;
  private localities: Int32Array;
  private practices: Int32Array;
  private conditionMasks: Int32Array;
  private unstableMasks: Int32Array;
  private counts: Int32Array;
  private weeklyCosts: Float64Array;
  scores: ScoreColumns;
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();

  constructor(readonly asOf: string, readonly definitions: FactDefinitions, capacity = 1024) {
    this.capacity = Math.max(16, capacity);
    const n = this.capacity;
    this.personIds = new Float64Array(n);
    this.ages = new Int16Array(n);
    this.sexes = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.localities = new Int32Array(n);
    this.practices = new Int32Array(n);
    this.conditionMasks = new Int32Array(n);
    this.unstableMasks = new Int32Array(n);
    this.counts = new Int32Array(n * WIDTH);
    this.weeklyCosts = new Float64Array(n);
    this.scores = {
      hfrs: new Float64Array(n), efiDeficits: new Int8Array(n), charlson: new Int16Array(n), charlsonQuan: new Int16Array(n),
      lace: new Int16Array(n), risk: new Float64Array(n),
    };
  }

  private grow(): void {
    const n = this.capacity * 2;
    const copy = <T extends ColumnArray>(from: T, size = n): T => grownCopy(from, size);
    this.personIds = copy(this.personIds);
    this.ages = copy(this.ages);
    this.sexes = copy(this.sexes);
    this.flags = copy(this.flags);
    this.localities = copy(this.localities);
    this.practices = copy(this.practices);
    this.conditionMasks = copy(this.conditionMasks);
    this.unstableMasks = copy(this.unstableMasks);
    this.counts = copy(this.counts, n * WIDTH);
    this.weeklyCosts = copy(this.weeklyCosts);
    const s = this.scores;
    this.scores = {
      hfrs: copy(s.hfrs), efiDeficits: copy(s.efiDeficits), charlson: copy(s.charlson), charlsonQuan: copy(s.charlsonQuan), lace: copy(s.lace),
      risk: copy(s.risk),
    };
    this.capacity = n;
  }

  private intern(value: string | null): number {
    if (value === null) return -1;
    let index = this.stringIndex.get(value);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(value);
      this.stringIndex.set(value, index);
    }
    return index;
  }

  /** Appends a person's facts (as of this table's date) with their condition masks; returns the row. */
  push(facts: PersonFacts, conditionMask: number, unstableMask: number): number {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.personIds[i] = facts.personId;
    this.ages[i] = facts.age === null ? -1 : facts.age;
    this.sexes[i] = Math.max(0, SEXES.indexOf(facts.sex));
    this.flags[i] = (facts.dead ? DEAD : 0) | (facts.knownToSocialCare ? KNOWN : 0) | (facts.receivingSocialCare ? RECEIVING : 0)
      | (facts.endOfLife ? END_OF_LIFE : 0);
    this.localities[i] = this.intern(facts.localityCode);
    this.practices[i] = this.intern(facts.gpPracticeCode);
    this.conditionMasks[i] = conditionMask;
    this.unstableMasks[i] = unstableMask;
    const base = i * WIDTH;
    for (let c = 0; c < WIDTH; c++) this.counts[base + c] = facts[COUNT_COLUMNS[c]!];
    this.weeklyCosts[i] = facts.socialCareWeeklyCostPence;
    const s = this.scores;
    s.hfrs[i] = Number.NaN;
    s.efiDeficits[i] = -1;
    s.charlson[i] = -1;
    s.charlsonQuan[i] = -1;
    s.lace[i] = -1;
    s.risk[i] = Number.NaN;
    return i;
  }

  /** The facts of row i, as a new object (condition lists are shared read-only arrays). */
  facts(i: number): PersonFacts {
    const base = i * WIDTH;
    const flags = this.flags[i]!;
    const counts = this.counts;
    const locality = this.localities[i]!, practice = this.practices[i]!;
    const age = this.ages[i]!;
    return {
      personId: this.personIds[i]!,
      asOf: this.asOf,
      age: age < 0 ? null : age,
      sex: SEXES[this.sexes[i]!]!,
      localityCode: locality < 0 ? null : this.strings[locality]!,
      gpPracticeCode: practice < 0 ? null : this.strings[practice]!,
      dead: (flags & DEAD) !== 0,
      longTermConditions: this.definitions.keysOf(this.conditionMasks[i]!),
      unstableConditions: this.definitions.keysOf(this.unstableMasks[i]!),
      medicationCount: counts[base]!,
      emergencyAdmissions12m: counts[base + 1]!,
      electiveAdmissions12m: counts[base + 2]!,
      bedDays12m: counts[base + 3]!,
      aeAttendances12m: counts[base + 4]!,
      outpatientAppointments12m: counts[base + 5]!,
      falls12m: counts[base + 6]!,
      communityContacts12m: counts[base + 7]!,
      mentalHealthContacts12m: counts[base + 8]!,
      ambulanceContacts12m: counts[base + 9]!,
      nhs111Contacts12m: counts[base + 10]!,
      knownToSocialCare: (flags & KNOWN) !== 0,
      receivingSocialCare: (flags & RECEIVING) !== 0,
      socialCareWeeklyCostPence: this.weeklyCosts[i]!,
      endOfLife: (flags & END_OF_LIFE) !== 0,
    };
  }
}
