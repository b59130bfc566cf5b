import type { SocialCareEvent } from '../domain/activity.ts';
import { GP_CODES } from './clinical-codes.constants.ts';
import type { CommunityCaseloads } from './community.generator.ts';
import { pickKeyWorker, type PlaceCareHome } from './partners.generator.ts';
import type { PersonContext } from './person-context.ts';
import {
  CLD_ACCOMMODATION, CLD_ASSESSMENT_TYPE, CLD_CLIENT_TYPE, CLD_COST_FREQUENCY, CLD_DELIVERY_MECHANISM, CLD_OUTCOME, CLD_REVIEW_REASON,
  CLD_SERVICE_COMPONENT, CLD_SERVICE_TYPE, CLD_SUPPORT_REASON, FUNDER, SOCIAL_CARE_COSTS,
} from './social-care.constants.ts';

/**
 * Adult social care journeys in CLD shape: Request → Assessment → Service → Reviews, short-term
 * reablement (ST-Max) after a hospital stay with its review and outcome, long-term support at home,
 * in a residential or a nursing home, moves into a care home, requests that end in advice, carers'
 * support, and the care relationships that follow (open cases, reablement episodes, open referrals).
 *
 * Proportions follow the shape of the national picture (NHS England, Adult Social Care Activity and
 * Finance Report 2023-24): about 5% of people aged 65+ in long-term support, rising to about one in
 * five at 85+; about a quarter of community clients on direct payments; most reablement ending with no
 * further support.
 */

const LTS_BY_AGE: readonly [number, number][] = [[18, 0.004], [65, 0.02], [75, 0.05], [85, 0.12], [90, 0.2]];
const FRAILTY_FACTOR = [0.2, 0.9, 2.6, 4.5];

function ltsBaseRate(age: number): number {
  let rate = 0;
  for (const [from, r] of LTS_BY_AGE) if (age >= from) rate = r;
  return rate;
}

/** Decides long-term support (and any care-home placement) before hospital activity, which depends on where the person lives. */
export function planLongTermSupport(ctx: PersonContext): void {
  const { rng } = ctx;
  const age = ctx.ageOn(ctx.endDay);
  if (age < 18) return;
  let p = ltsBaseRate(age) * FRAILTY_FACTOR[ctx.frailty]!;
  if (ctx.has('learning_disability')) p += 0.35;
  if (ctx.has('serious_mental_illness')) p += 0.1;
  if (ctx.has('dementia')) p += 0.1;
  if (!rng.chance(Math.min(0.85, p))) return;

  const older = age >= 65;
  const draw = rng.float();
  const residential = older ? 0.14 + (ctx.has('dementia') ? 0.12 : 0) + (age >= 85 ? 0.05 : 0) : 0.08;
  const nursing = older ? 0.08 + (ctx.frailty === 3 ? 0.06 : 0) : 0.03;
  const setting: 'community' | 'residential' | 'nursing' = draw < residential ? 'residential' : draw < residential + nursing ? 'nursing' : 'community';
  const adultFrom = ctx.dobDay + 18 * 365;
  const startDay = rng.chance(0.55) ? Math.max(adultFrom, ctx.startDay - 1 - rng.int(3 * 365)) : Math.max(adultFrom, ctx.dayBetween(ctx.startDay, ctx.endDay));
  if (startDay > ctx.endDay) return;
  ctx.longTermSupport = { setting, startDay };
  if (setting === 'community' && older && ctx.frailty >= 2 && rng.chance(0.2) && startDay + 180 < ctx.endDay) {
    ctx.longTermSupport.moveToCareHome = { day: ctx.dayBetween(startDay + 180, ctx.endDay), setting: rng.chance(0.6) ? 'residential' : 'nursing' };
  }
  const home = setting === 'community' ? ctx.longTermSupport.moveToCareHome : { setting, day: startDay };
  if (home) ctx.careHome = { home: pickCareHome(ctx, home.setting), fromDay: home.day };
}

function pickCareHome(ctx: PersonContext, setting: 'residential' | 'nursing'): PlaceCareHome {
  const local = ctx.locality.careHomes.filter((h) => h.kind === setting);
  const pool = local.length > 0 ? local : ctx.place.careHomes.filter((h) => h.kind === setting);
  return ctx.rng.pick(pool.length > 0 ? pool : ctx.place.careHomes);
}

type Journey = Omit<SocialCareEvent, 'kind' | 'recordKey' | 'sourceOrg' | 'eventStartDate' | 'eventEndDate' | 'eventReference'>;

export function generateSocialCare(ctx: PersonContext, caseloads: CommunityCaseloads): void {
  const { rng } = ctx;
  const age = ctx.ageOn(ctx.endDay);
  const supportReason = primarySupportReason(ctx);
  const accommodation = ctx.has('learning_disability') && rng.chance(0.5) ? CLD_ACCOMMODATION.supported
    : rng.pick([CLD_ACCOMMODATION.owner, CLD_ACCOMMODATION.owner, CLD_ACCOMMODATION.socialTenant, CLD_ACCOMMODATION.withFamily, CLD_ACCOMMODATION.sheltered, CLD_ACCOMMODATION.privateTenant]);
  const base = { clientType: CLD_CLIENT_TYPE.serviceUser, primarySupportReason: supportReason };
  const teams = ctx.place.teamCodes;
  const episodes: [number, number][] = [];

  /** Closes an event that would run past death or today: deceased at death, still open today. */
  const closing = (end: number, outcome: string): [number | undefined, string | undefined] => {
    if (end <= ctx.endDay) return [end, outcome];
    if (ctx.deathDay !== undefined) return [ctx.deathDay, CLD_OUTCOME.nfaDeceased];
    return [undefined, undefined];
  };
  const event = (journey: Journey, start: number, end: number | undefined) => ctx.addSocialCare(journey, start, end);

  const reablement = (start: number, viaRequest: boolean): number => {
    if (viaRequest) event({ ...base, eventType: 'Request', eventOutcome: CLD_OUTCOME.progressToReablement }, start - 1, start - 1);
    const hours = 6 + rng.int(9);
    const unit = between(ctx, SOCIAL_CARE_COSTS.reablementHourPence);
    const draw = rng.float();
    const planned = draw < 0.6 ? CLD_OUTCOME.nfaEndedAsPlanned : draw < 0.85 ? CLD_OUTCOME.progressToServices : draw < 0.93 ? CLD_OUTCOME.admittedToHospital : CLD_OUTCOME.nfaDeclined;
    const [end, outcome] = closing(start + 20 + rng.int(23), planned);
    event({
      ...base, eventType: 'Service', eventOutcome: outcome, serviceType: CLD_SERVICE_TYPE.stMax, serviceComponent: CLD_SERVICE_COMPONENT.reablement,
      deliveryMechanism: CLD_DELIVERY_MECHANISM.commissioned, supportSetting: accommodation, unitCostPence: unit, costFrequencyUnitType: CLD_COST_FREQUENCY.hourly,
      plannedUnitsPerWeek: hours, weeklyCostPence: unit * hours, funder: rng.chance(0.3) ? FUNDER.joint : FUNDER.council,
    }, start, end);
    if (end !== undefined && outcome !== CLD_OUTCOME.nfaDeceased) {
      event({ ...base, eventType: 'Review', reviewReason: CLD_REVIEW_REASON.shortTermSupport, eventOutcome: outcome }, end, end);
    }
    ctx.careRelationships.push({
      personId: ctx.personId, teamCode: teams.reablement, kind: 'episode', openedOn: ctx.days.format(start),
      closedOn: end === undefined ? undefined : ctx.days.format(end), keyWorkerStaffId: pickKeyWorker(ctx.place, rng, teams.reablement, ['occupational_therapist', 'care_coordinator']),
    });
    episodes.push([start, end ?? ctx.endDay]);
    return outcome === CLD_OUTCOME.progressToServices && end !== undefined ? end : -1;
  };

  // Long-term support, planned before the hospital activity.
  const lts = ctx.longTermSupport;
  let ltsFrom = Infinity;
  let ltsTo = -Infinity;
  if (lts) {
    ltsFrom = lts.startDay;
    ltsTo = writeLongTermSupport(ctx, lts.setting, lts.startDay, lts.moveToCareHome?.day, supportReason, accommodation, true);
    if (lts.moveToCareHome) writeLongTermSupport(ctx, lts.moveToCareHome.setting, lts.moveToCareHome.day, undefined, supportReason, accommodation, false);
    ltsTo = ctx.endDay;
  }
  const inLts = (day: number) => day >= ltsFrom - 30 && day <= ltsTo;
  const inEpisode = (day: number) => episodes.some(([a, b]) => day >= a - 14 && day <= b + 14);

  // Reablement after a hospital stay, for older people going home.
  for (const stay of ctx.emergencyStays) {
    if (stay.died || stay.dischargeDay > ctx.endDay || ctx.ageOn(stay.dischargeDay) < 65) continue;
    if (ctx.residesInCareHomeOn(stay.dischargeDay + 3) || inLts(stay.dischargeDay) || inEpisode(stay.dischargeDay)) continue;
    const p = [0.02, 0.05, 0.12, 0.16][ctx.frailty]! + (stay.fall || stay.scenario === 'stroke' ? 0.1 : 0);
    if (!rng.chance(p)) continue;
    const next = reablement(stay.dischargeDay + 1, true);
    if (next > 0 && ltsFrom === Infinity && rng.chance(0.6)) ltsFrom = startCommunityAfterAssessment(ctx, next, base, accommodation);
  }

  // Requests from the community: advice, assessment, short-term help.
  if (age >= 18) {
    const rate = (age >= 85 ? 0.12 : age >= 75 ? 0.06 : age >= 65 ? 0.03 : 0.01) * [0.5, 1, 1.6, 2][ctx.frailty]!;
    const requests = rng.poisson(rate * ctx.years);
    for (let k = 0; k < requests; k++) {
      const day = ctx.dayBetween(ctx.startDay, ctx.endDay);
      if (inLts(day) || inEpisode(day)) continue;
      if (rng.chance(0.3)) ctx.addGpEvent(day - 1 - rng.int(10), GP_CODES.referralToSocialServices.code, GP_CODES.referralToSocialServices.term);
      if (ctx.alive && day > ctx.todayDay - 28 && rng.chance(0.7)) {
        event({ ...base, eventType: 'Request' }, day, undefined);
        ctx.careRelationships.push({ personId: ctx.personId, teamCode: teams.singlePointOfAccess, kind: 'referral', openedOn: ctx.days.format(day) });
        continue;
      }
      const draw = rng.float();
      if (draw < 0.15 && age >= 50) { reablement(day + 2, true); continue; }
      if (draw < 0.55) {
        const outcome = draw < 0.4 ? CLD_OUTCOME.nfaInformation : draw < 0.5 ? CLD_OUTCOME.nfaOtherService : CLD_OUTCOME.nfaNhs;
        event({ ...base, eventType: 'Request', eventOutcome: outcome }, day, day + rng.int(3));
        continue;
      }
      event({ ...base, eventType: 'Request', eventOutcome: CLD_OUTCOME.progressToAssessment }, day, day + rng.int(3));
      const assessStart = day + 3 + rng.int(14);
      const a = rng.float();
      const planned = a < 0.25 ? CLD_OUTCOME.nfaSelfFunded : a < 0.45 ? CLD_OUTCOME.nfaNoServices : a < 0.55 ? CLD_OUTCOME.nfaDeclined
        : a < 0.75 ? CLD_OUTCOME.progressToReablement : CLD_OUTCOME.progressToServices;
      const [assessEnd, assessOutcome] = closing(assessStart + 7 + rng.int(21), planned);
      event({ ...base, eventType: 'Assessment', assessmentType: rng.chance(0.6) ? CLD_ASSESSMENT_TYPE.longTerm : CLD_ASSESSMENT_TYPE.shortTerm, eventOutcome: assessOutcome }, assessStart, assessEnd);
      if (assessEnd === undefined) continue;
      if (assessOutcome === CLD_OUTCOME.progressToReablement) reablement(assessEnd + 3, false);
      else if (assessOutcome === CLD_OUTCOME.progressToServices) {
        const unit = between(ctx, [15_000, 60_000]);
        event({
          ...base, eventType: 'Service', eventOutcome: CLD_OUTCOME.nfaEndedAsPlanned, serviceType: CLD_SERVICE_TYPE.otherShortTerm, serviceComponent: CLD_SERVICE_COMPONENT.equipment,
          deliveryMechanism: CLD_DELIVERY_MECHANISM.commissioned, supportSetting: accommodation, unitCostPence: unit, costFrequencyUnitType: CLD_COST_FREQUENCY.oneOff,
          funder: FUNDER.council,
        }, assessEnd + 5, assessEnd + 5);
      }
    }
  }

  // Unpaid carers: an assessment and support of their own.
  if (age >= 35 && age <= 85 && !lts && rng.chance(0.012)) {
    const carer = { clientType: CLD_CLIENT_TYPE.unpaidCarer, primarySupportReason: CLD_SUPPORT_REASON.unpaidCarer };
    const day = ctx.dayBetween(ctx.startDay, ctx.endDay - 30);
    event({ ...carer, eventType: 'Request', eventOutcome: CLD_OUTCOME.progressToAssessment }, day, day);
    const [end, outcome] = closing(day + 7 + rng.int(21), CLD_OUTCOME.progressToServices);
    event({ ...carer, eventType: 'Assessment', eventOutcome: outcome }, day + 3, end);
    if (end !== undefined && outcome === CLD_OUTCOME.progressToServices) {
      const respite = rng.chance(0.3);
      const unit = between(ctx, respite ? SOCIAL_CARE_COSTS.respiteWeekPence : SOCIAL_CARE_COSTS.carerOneOffPence);
      event({
        ...carer, eventType: 'Service', eventOutcome: CLD_OUTCOME.nfaEndedAsPlanned, serviceType: CLD_SERVICE_TYPE.carerDirect,
        serviceComponent: respite ? CLD_SERVICE_COMPONENT.carerRespite : CLD_SERVICE_COMPONENT.directPayment,
        deliveryMechanism: respite ? CLD_DELIVERY_MECHANISM.commissioned : CLD_DELIVERY_MECHANISM.directPayment,
        unitCostPence: unit, costFrequencyUnitType: respite ? CLD_COST_FREQUENCY.weekly : CLD_COST_FREQUENCY.oneOff,
        plannedUnitsPerWeek: respite ? 1 : undefined, weeklyCostPence: respite ? unit : undefined, funder: FUNDER.council,
      }, end + 7, end + 7 + (respite ? 7 + rng.int(8) : 0));
    }
  }

  // Case management by the neighbourhood team for frail people recently in hospital.
  if (ctx.alive && age >= 65 && ctx.frailty >= 2) {
    const recent = ctx.emergencyStays.filter((s) => s.dischargeDay >= ctx.todayDay - 365 && s.dischargeDay <= ctx.todayDay).at(-1);
    if ((recent || ctx.frailty === 3) && rng.chance(0.6)) {
      const team = teams.neighbourhood[ctx.locality.code]!;
      ctx.careRelationships.push({
        personId: ctx.personId, teamCode: team, kind: 'case', openedOn: ctx.days.format(recent ? recent.dischargeDay + 1 : ctx.dayBetween(ctx.todayDay - 365, ctx.todayDay)),
        keyWorkerStaffId: pickKeyWorker(ctx.place, rng, team, ['care_coordinator', 'community_nurse']),
      });
    }
  }
  // Recent referrals still open: to social prescribing for people who are low or isolated, to the
  // neighbourhood team after a fall.
  if (ctx.alive && age >= 18 && (ctx.has('depression') || (age >= 65 && ctx.frailty >= 1)) && rng.chance(0.03)) {
    ctx.careRelationships.push({ personId: ctx.personId, teamCode: teams.socialPrescribing, kind: 'referral', openedOn: ctx.days.format(ctx.dayBetween(ctx.todayDay - 42, ctx.todayDay)) });
  }
  const recentFall = ctx.fallDays.find((d) => d > ctx.todayDay - 28);
  if (ctx.alive && recentFall !== undefined && rng.chance(0.5)) {
    ctx.careRelationships.push({ personId: ctx.personId, teamCode: teams.neighbourhood[ctx.locality.code]!, kind: 'referral', openedOn: ctx.days.format(Math.min(ctx.todayDay, recentFall + 1)) });
  }
  if (caseloads.districtNursing !== undefined) {
    const team = teams.districtNursing[ctx.locality.code]!;
    ctx.careRelationships.push({ personId: ctx.personId, teamCode: team, kind: 'case', openedOn: ctx.days.format(caseloads.districtNursing), keyWorkerStaffId: pickKeyWorker(ctx.place, rng, team, ['community_nurse']) });
  }
  if (caseloads.communityMentalHealth !== undefined) {
    const team = teams.communityMentalHealth[ctx.locality.code]!;
    ctx.careRelationships.push({ personId: ctx.personId, teamCode: team, kind: 'case', openedOn: ctx.days.format(caseloads.communityMentalHealth), keyWorkerStaffId: pickKeyWorker(ctx.place, rng, team, ['community_nurse', 'social_worker']) });
  }
}

/** A request and long-term assessment leading to community support; returns the day support starts. */
function startCommunityAfterAssessment(ctx: PersonContext, from: number, base: Pick<Journey, 'clientType' | 'primarySupportReason'>, accommodation: string): number {
  const { rng } = ctx;
  const start = from + 7 + rng.int(21);
  if (start > ctx.endDay) return Infinity;
  ctx.addSocialCare({ ...base, eventType: 'Assessment', assessmentType: CLD_ASSESSMENT_TYPE.longTerm, eventOutcome: CLD_OUTCOME.progressToServices }, from + 1, start - 1);
  writeLongTermSupport(ctx, 'community', start, undefined, base.primarySupportReason!, accommodation, false);
  return start;
}

/**
 * A long-term support service with the request and assessment before it (when it starts in the
 * window), yearly reviews, and a social work case while it is open. Returns the day it ends.
 */
function writeLongTermSupport(ctx: PersonContext, setting: 'community' | 'residential' | 'nursing', start: number, endBefore: number | undefined,
  supportReason: string, accommodation: string, withFrontDoor: boolean): number {
  const { rng } = ctx;
  const base = { clientType: CLD_CLIENT_TYPE.serviceUser, primarySupportReason: supportReason };
  if (!withFrontDoor && setting !== 'community') {
    // A move into a care home follows a review of the support at home and a new assessment.
    const review = start - 20 - rng.int(20);
    ctx.addSocialCare({ ...base, eventType: 'Review', eventOutcome: CLD_OUTCOME.progressToAssessment }, review, review);
    ctx.addSocialCare({ ...base, eventType: 'Assessment', assessmentType: CLD_ASSESSMENT_TYPE.longTerm, eventOutcome: CLD_OUTCOME.progressToServices }, review + 1, start - 1);
  }
  if (withFrontDoor && start >= ctx.startDay) {
    const request = start - 30 - rng.int(30);
    ctx.addSocialCare({ ...base, eventType: 'Request', eventOutcome: CLD_OUTCOME.progressToAssessment }, request, request + rng.int(3));
    ctx.addSocialCare({ ...base, eventType: 'Assessment', assessmentType: CLD_ASSESSMENT_TYPE.longTerm, eventOutcome: CLD_OUTCOME.progressToServices }, request + 5, start - 1 - rng.int(5));
    if (rng.chance(0.3)) ctx.addGpEvent(request - 1 - rng.int(10), GP_CODES.referralToSocialServices.code, GP_CODES.referralToSocialServices.term);
  }
  let end: number | undefined;
  let outcome: string | undefined;
  if (endBefore !== undefined && endBefore - 1 <= ctx.endDay) { end = endBefore - 1; outcome = CLD_OUTCOME.progressToServices; }
  else if (ctx.deathDay !== undefined) { end = ctx.deathDay; outcome = CLD_OUTCOME.nfaDeceased; }

  const services: Journey[] = [];
  if (setting === 'community') {
    const draw = rng.float();
    if (draw < 0.26) {
      const weekly = between(ctx, SOCIAL_CARE_COSTS.directPaymentWeekPence);
      services.push({ ...base, eventType: 'Service', serviceType: CLD_SERVICE_TYPE.community, serviceComponent: CLD_SERVICE_COMPONENT.directPayment,
        deliveryMechanism: CLD_DELIVERY_MECHANISM.directPayment, supportSetting: accommodation, unitCostPence: weekly, costFrequencyUnitType: CLD_COST_FREQUENCY.weekly,
        plannedUnitsPerWeek: 1, weeklyCostPence: weekly, funder: FUNDER.council });
    } else {
      const hours = Math.min(28, 4 + rng.int(8) + 3 * ctx.frailty);
      const unit = between(ctx, SOCIAL_CARE_COSTS.homeCareHourPence);
      services.push({ ...base, eventType: 'Service', serviceType: CLD_SERVICE_TYPE.community, serviceComponent: CLD_SERVICE_COMPONENT.homeSupport,
        deliveryMechanism: draw < 0.4 ? CLD_DELIVERY_MECHANISM.managedBudget : CLD_DELIVERY_MECHANISM.commissioned, supportSetting: accommodation,
        unitCostPence: unit, costFrequencyUnitType: CLD_COST_FREQUENCY.hourly, plannedUnitsPerWeek: hours, weeklyCostPence: unit * hours,
        funder: ctx.has('serious_mental_illness') && rng.chance(0.3) ? FUNDER.joint : FUNDER.council });
    }
    if (rng.chance(ctx.has('learning_disability') ? 0.6 : 0.12)) {
      const unit = between(ctx, SOCIAL_CARE_COSTS.dayServiceSessionPence);
      const sessions = 1 + rng.int(3);
      services.push({ ...base, eventType: 'Service', serviceType: CLD_SERVICE_TYPE.community, serviceComponent: CLD_SERVICE_COMPONENT.daySupport,
        deliveryMechanism: CLD_DELIVERY_MECHANISM.commissioned, supportSetting: accommodation, unitCostPence: unit, costFrequencyUnitType: CLD_COST_FREQUENCY.perSession,
        plannedUnitsPerWeek: sessions, weeklyCostPence: unit * sessions, funder: FUNDER.council });
    }
    if (rng.chance(0.4)) ctx.addGpEvent(Math.max(start, ctx.startDay) + rng.int(200), GP_CODES.homeHelpAttends.code, GP_CODES.homeHelpAttends.term);
  } else {
    const nursing = setting === 'nursing';
    const weekly = between(ctx, nursing ? SOCIAL_CARE_COSTS.nursingWeekPence : SOCIAL_CARE_COSTS.residentialWeekPence);
    services.push({ ...base, eventType: 'Service', serviceType: nursing ? CLD_SERVICE_TYPE.nursing : CLD_SERVICE_TYPE.residential,
      serviceComponent: nursing ? CLD_SERVICE_COMPONENT.longTermNursing : CLD_SERVICE_COMPONENT.longTermResidential,
      deliveryMechanism: CLD_DELIVERY_MECHANISM.commissioned, supportSetting: nursing ? CLD_ACCOMMODATION.nursingHome : CLD_ACCOMMODATION.careHome,
      unitCostPence: weekly, costFrequencyUnitType: CLD_COST_FREQUENCY.weekly, plannedUnitsPerWeek: 1, weeklyCostPence: weekly,
      // NHS-funded nursing care makes a nursing placement jointly funded.
      funder: nursing ? FUNDER.joint : FUNDER.council });
    const code = nursing ? GP_CODES.livesInNursingHome : GP_CODES.livesInCareHome;
    ctx.addGpEvent(start + rng.int(14), code.code, code.term);
  }
  for (const s of services) ctx.addSocialCare({ ...s, eventOutcome: outcome }, start, end);

  // Yearly reviews while support lasts.
  const last = Math.min(end ?? ctx.endDay, ctx.endDay);
  for (let day = start + 300 + rng.int(100); day <= last; day += 330 + rng.int(70)) {
    if (day < ctx.startDay) continue;
    ctx.addSocialCare({ ...base, eventType: 'Review', eventOutcome: rng.chance(0.85) ? CLD_OUTCOME.continuation : CLD_OUTCOME.progressToAssessment }, day, day);
  }
  if (end === undefined) {
    const team = ctx.place.teamCodes.socialWork[ctx.locality.code]!;
    ctx.careRelationships.push({ personId: ctx.personId, teamCode: team, kind: 'case', openedOn: ctx.days.format(start), keyWorkerStaffId: pickKeyWorker(ctx.place, rng, team, ['social_worker']) });
  }
  return end ?? ctx.endDay;
}

function primarySupportReason(ctx: PersonContext): string {
  if (ctx.has('learning_disability')) return CLD_SUPPORT_REASON.learningDisability;
  if (ctx.has('serious_mental_illness')) return CLD_SUPPORT_REASON.mentalHealth;
  if (ctx.has('dementia')) return CLD_SUPPORT_REASON.memory;
  const draw = ctx.rng.float();
  return draw < 0.78 ? CLD_SUPPORT_REASON.personalCare : draw < 0.93 ? CLD_SUPPORT_REASON.accessMobility : draw < 0.97 ? CLD_SUPPORT_REASON.socialIsolation : CLD_SUPPORT_REASON.visual;
}

function between(ctx: PersonContext, [lo, hi]: readonly [number, number]): number {
  return Math.round((lo + ctx.rng.float() * (hi - lo)) / 5) * 5;
}
