import type { Code } from '../../../kernel/codes.ts';
import type { CareRelationship } from '../../governance/index.ts';
import type { Activity, AeAttendance, ApcSpell, CommunityContact, CommunitySetting, GpEvent, OpAppointment, SocialCareEvent, UrgentCareContact } from '../domain/activity.ts';
import type { SexCode } from '../domain/demographics.ts';
import { NHS_COSTS } from './clinical-codes.constants.ts';
import type { ConditionDefinition, ConditionKey } from './conditions.constants.ts';
import type { PlaceCareHome, PlaceLocality, PlaceModel, PlacePractice } from './partners.generator.ts';
import type { Random } from './random.util.ts';

const MS_PER_DAY = 86_400_000;

/** Calendar days as integers (days since 1970-01-01), printed through a cache: the generator prints millions of dates. */
export class DayFormatter {
  private readonly cache = new Map<number, string>();

  static dayOf(iso: string): number {
    return Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / MS_PER_DAY);
  }

  format(day: number): string {
    let text = this.cache.get(day);
    if (text === undefined) {
      text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
      this.cache.set(day, text);
    }
    return text;
  }

  /** ISO instant at a minute of a day; minutes past 1440 or below 0 roll into the next or previous day. */
  instant(day: number, minuteOfDay: number): string {
    const d = day + Math.floor(minuteOfDay / 1440);
    const m = ((minuteOfDay % 1440) + 1440) % 1440;
    return `${this.format(d)}T${TWO_DIGITS[Math.floor(m / 60)]}:${TWO_DIGITS[m % 60]}:00.000Z`;
  }
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

export interface HeldCondition {
  def: ConditionDefinition;
  code: Code;
  term: string;
  icd10: string;
  onsetDay: number;
}

/** Long-term social care support: where it is given and from when; a later move into a care home ends community support. */
export interface LongTermSupportPlan {
  setting: 'community' | 'residential' | 'nursing';
  startDay: number;
  moveToCareHome?: { day: number; setting: 'residential' | 'nursing' } | undefined;
}

export interface EmergencyStay { admissionDay: number; dischargeDay: number; scenario: string; fall: boolean; died: boolean }

/**
 * Everything known about one person while their record is generated, and the builders that append
 * activity to it. Activity is only ever added through these builders, which drop anything dated after
 * the person's death or after today, so no record outlives its person.
 */
export class PersonContext {
  readonly activities: Activity[] = [];
  readonly careRelationships: CareRelationship[] = [];
  readonly conditions: HeldCondition[] = [];
  readonly held = new Set<ConditionKey>();
  readonly emergencyStays: EmergencyStay[] = [];
  readonly fallDays: number[] = [];
  private counter = 0;

  sex: SexCode = '2';
  age = 0;
  dobDay = 0;
  deathDay: number | undefined;
  /** Last day activity can happen: death or today. */
  endDay = 0;
  /** First day of the activity window (three years before today, or birth). */
  startDay = 0;
  /** Latent ill-health, standard normal. */
  z = 0;
  multimorbidity = 0;
  /** Frailty level: 0 fit, 1 mild, 2 moderate, 3 severe (eFI bands). */
  frailty: 0 | 1 | 2 | 3 = 0;
  locality!: PlaceLocality;
  practice: PlacePractice | undefined;
  careHome: { home: PlaceCareHome; fromDay: number } | undefined;
  longTermSupport: LongTermSupportPlan | undefined;
  diesInHospital = false;
  housebound = false;
  /** Chance of dying within a year (age, sex, frailty and conditions), for palliative care coding. */
  annualMortality = 0;

  constructor(
    readonly rng: Random,
    readonly place: PlaceModel,
    readonly days: DayFormatter,
    readonly index: number,
    readonly personId: number,
    readonly todayDay: number,
    readonly windowStartDay: number,
  ) {}

  has(key: ConditionKey): boolean {
    return this.held.has(key);
  }

  /** Has the condition on that day (diagnosed on or before it). */
  hadOn(key: ConditionKey, day: number): boolean {
    for (const c of this.conditions) if (c.def.key === key) return c.onsetDay <= day;
    return false;
  }

  get alive(): boolean {
    return this.deathDay === undefined;
  }

  ageOn(day: number): number {
    return Math.floor((day - this.dobDay) / 365.25);
  }

  /** A uniformly random day in [from, to]. */
  dayBetween(from: number, to: number): number {
    return from + this.rng.int(Math.max(1, to - from + 1));
  }

  /** Years the activity window spans for this person. */
  get years(): number {
    return Math.max(0, (this.endDay - this.startDay + 1) / 365.25);
  }

  residesInCareHomeOn(day: number): PlaceCareHome | undefined {
    return this.careHome && this.careHome.fromDay <= day ? this.careHome.home : undefined;
  }

  nextKey(prefix: string): string {
    return `${prefix}${++this.counter}`;
  }

  private inLife(day: number): boolean {
    return day >= this.dobDay && day <= this.endDay;
  }

  addGpEvent(day: number, code: Code, term: string, value?: number, unit?: string): void {
    if (!this.practice || !this.inLife(day)) return;
    const event: GpEvent = {
      kind: 'gp_event', recordKey: this.nextKey('E'), sourceOrg: this.practice.code, eventDate: this.days.format(day), code, term, value, unit,
    };
    this.activities.push(event);
  }

  addMedication(startDay: number, endDay: number | undefined, code: Code, term: string): void {
    if (!this.practice || !this.inLife(startDay)) return;
    const end = endDay !== undefined && endDay <= this.endDay ? endDay : this.deathDay;
    this.activities.push({
      kind: 'gp_medication', recordKey: this.nextKey('M'), sourceOrg: this.practice.code, startDate: this.days.format(startDay),
      endDate: end === undefined ? undefined : this.days.format(end), code, term,
    });
  }

  addSpell(spell: Omit<ApcSpell, 'kind' | 'recordKey' | 'sourceOrg'>, admissionDay: number): ApcSpell | undefined {
    if (!this.inLife(admissionDay)) return undefined;
    const record: ApcSpell = { kind: 'apc_spell', recordKey: this.nextKey('S'), sourceOrg: this.place.codes.acute, ...spell };
    this.activities.push(record);
    return record;
  }

  addAe(day: number, minute: number, stayMinutes: number, fields: Pick<AeAttendance, 'arrivalMode' | 'chiefComplaintSnomed' | 'diagnosisSnomed' | 'disposal' | 'costPence'>): void {
    if (!this.inLife(day)) return;
    // Leave by the end of the last day (today, or the day of death).
    if (day === this.endDay) stayMinutes = Math.max(10, Math.min(stayMinutes, 1439 - minute));
    this.activities.push({
      kind: 'ae_attendance', recordKey: this.nextKey('A'), sourceOrg: this.place.codes.acute, arrivalAt: this.days.instant(day, minute),
      departureAt: this.days.instant(day, minute + stayMinutes), ...fields,
    });
  }

  /**
   * An outpatient appointment; attendance is drawn (about 7% did not attend, ATTENDED OR DID NOT ATTEND
   * codes 5, 6, 3, 2) and only an attended appointment carries a cost.
   */
  addOutpatient(day: number, tfc: string, first: boolean): void {
    if (!this.inLife(day)) return;
    const draw = this.rng.float();
    const attended = draw < 0.88 ? '5' : draw < 0.9 ? '6' : draw < 0.97 ? '3' : '2';
    const appointment: OpAppointment = {
      kind: 'op_appointment', recordKey: this.nextKey('O'), sourceOrg: this.place.codes.acute, appointmentDate: this.days.format(day),
      treatmentFunctionCode: tfc, firstAttendance: first ? '1' : '2', attendedOrDna: attended,
      costPence: attended === '5' || attended === '6' ? (first ? NHS_COSTS.outpatientFirstPence : NHS_COSTS.outpatientFollowUpPence) : undefined,
    };
    this.activities.push(appointment);
  }

  addCommunityContact(day: number, setting: CommunitySetting, service: string, mode: string, professional: string, minutes: number): void {
    if (!this.inLife(day)) return;
    const contact: CommunityContact = {
      kind: 'community_contact', recordKey: this.nextKey('C'), sourceOrg: setting === 'mental_health' ? this.place.codes.mentalHealth : this.place.codes.community,
      setting, contactDate: this.days.format(day), service, contactMode: mode, professional, durationMinutes: minutes,
    };
    this.activities.push(contact);
  }

  addUrgentCare(day: number, minute: number, service: UrgentCareContact['service'], outcome: string): void {
    const d = day + Math.floor(minute / 1440);
    if (!this.inLife(d)) return;
    this.activities.push({
      kind: 'urgent_care_contact', recordKey: this.nextKey('U'), sourceOrg: this.place.codes.ambulance, service,
      contactAt: this.days.instant(day, minute), outcome,
    });
  }

  addSocialCare(event: Omit<SocialCareEvent, 'kind' | 'recordKey' | 'sourceOrg' | 'eventStartDate' | 'eventEndDate' | 'eventReference'>, startDay: number, endDay: number | undefined): SocialCareEvent | undefined {
    if (!this.inLife(startDay)) return undefined;
    if (endDay !== undefined && endDay > this.endDay) endDay = this.deathDay;
    const recordKey = this.nextKey('SC');
    const record: SocialCareEvent = {
      kind: 'social_care_event', recordKey, sourceOrg: this.place.codes.council, eventReference: `${this.index + 1}-${recordKey}`,
      eventStartDate: this.days.format(startDay), eventEndDate: endDay === undefined ? undefined : this.days.format(endDay), ...event,
    };
    this.activities.push(record);
    return record;
  }
}
