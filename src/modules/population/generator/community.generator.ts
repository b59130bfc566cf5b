import { ageBandIndex } from './conditions.constants.ts';
import type { PersonContext } from './person-context.ts';

/**
 * Community and mental health contacts, NHS 111 calls and ambulance calls that do not go to A&E.
 * District nursing caseloads for housebound people, visits after discharge, urgent community
 * response for frail people in crisis, falls prevention after a fall, podiatry for diabetes,
 * physiotherapy, community matrons; NHS Talking Therapies courses for depression, community mental
 * health team care for serious mental illness, memory assessment at a dementia diagnosis, health
 * visiting for the under-fives. The
 * ambulance outcome says how the call was dealt with (hear and treat, see and treat, see and convey,
 * the Ambulance Quality Indicator categories) with '(fall)' when the call was for a fall.
 */
const NHS111_BY_BAND = [0.35, 0.25, 0.2, 0.2, 0.2, 0.22, 0.3, 0.35];

const NHS111_OUTCOMES: readonly [string, number][] = [
  ['Advised self-care', 0.15], ['Referred to GP', 0.33], ['Referred to urgent treatment centre', 0.1], ['Advised to attend A&E', 0.1],
  ['Ambulance dispatched', 0.07], ['Referred to community pharmacy', 0.12], ['Referred to dental service', 0.05], ['Clinical advice, no onward referral', 0.08],
];
const NHS111_CUMULATIVE: number[] = [];
{
  let total = 0;
  for (const [, w] of NHS111_OUTCOMES) NHS111_CUMULATIVE.push((total += w));
}

/** What the generator knows afterwards about open community caseloads (for care relationships). */
export interface CommunityCaseloads { districtNursing: number | undefined; communityMentalHealth: number | undefined }

export function generateCommunityCare(ctx: PersonContext): CommunityCaseloads {
  const { rng } = ctx;
  const age = ctx.ageOn(ctx.endDay);
  const caseloads: CommunityCaseloads = { districtNursing: undefined, communityMentalHealth: undefined };
  const series = (from: number, count: number, gapMin: number, gapMax: number, setting: 'community' | 'mental_health', service: string, professional: string, mode: string, minutes: number) => {
    let day = from;
    for (let k = 0; k < count && day <= ctx.endDay; k++) {
      ctx.addCommunityContact(day, setting, service, mode, professional, Math.max(10, Math.round(minutes * (0.7 + 0.6 * rng.float()))));
      day += gapMin + rng.int(gapMax - gapMin + 1);
    }
    return day;
  };

  // Health visiting for the under-fives: the new-birth visit and reviews at 6–8 weeks, 1 year and 2 years.
  if (ctx.dobDay >= ctx.startDay - 2 * 365) {
    for (const weeks of [2, 7, 52, 110]) {
      if (rng.chance(0.85)) ctx.addCommunityContact(ctx.dobDay + weeks * 7 + rng.int(14), 'community', 'Health visiting', weeks === 2 ? 'Face to face - home' : 'Face to face - clinic', 'Health visitor', 45);
    }
  }
  // District nursing caseload for housebound people: a visit every one to four weeks.
  if (ctx.housebound && rng.chance(0.6)) {
    const from = Math.max(ctx.startDay, ctx.dayBetween(ctx.startDay - 365, ctx.endDay - 30));
    series(from, 1_000, 10, 28, 'community', 'District nursing', 'District nurse', 'Face to face - home', 30);
    if (ctx.alive) caseloads.districtNursing = from;
  }
  if (ctx.frailty === 3 && (ctx.has('heart_failure') || ctx.has('copd')) && rng.chance(0.5)) {
    series(ctx.dayBetween(ctx.startDay, ctx.endDay), 1_000, 25, 40, 'community', 'Community matron', 'Community matron', 'Face to face - home', 45);
  }

  // After a hospital stay.
  for (const stay of ctx.emergencyStays) {
    if (stay.died || stay.dischargeDay > ctx.todayDay || ctx.ageOn(stay.dischargeDay) < 65) continue;
    if (rng.chance(0.3)) series(stay.dischargeDay + 1, 2 + rng.int(4), 2, 5, 'community', 'District nursing', 'District nurse', 'Face to face - home', 30);
    if (rng.chance(stay.fall ? 0.3 : 0.1)) series(stay.dischargeDay + 1, 3 + rng.int(6), 2, 4, 'community', 'Intermediate care', rng.chance(0.5) ? 'Occupational therapist' : 'Physiotherapist', 'Face to face - home', 45);
  }

  // Urgent community response: two-hour crisis visits for frail people.
  if (ctx.frailty >= 2) {
    const crises = rng.poisson((ctx.frailty === 3 ? 0.25 : 0.1) * ctx.years);
    for (let k = 0; k < crises; k++) series(ctx.dayBetween(ctx.startDay, ctx.endDay), 1 + rng.int(3), 1, 2, 'community', 'Urgent community response', 'Advanced clinical practitioner', 'Face to face - home', 60);
  }
  // Falls prevention after a fall.
  for (const day of ctx.fallDays) {
    if (rng.chance(0.35)) series(day + 14 + rng.int(30), 3 + rng.int(4), 6, 9, 'community', 'Falls prevention', rng.chance(0.5) ? 'Physiotherapist' : 'Occupational therapist', 'Face to face - clinic', 45);
  }
  if (ctx.has('diabetes') && rng.chance(0.45)) {
    const visits = rng.poisson(1.5 * ctx.years);
    for (let k = 0; k < visits; k++) ctx.addCommunityContact(ctx.dayBetween(ctx.startDay, ctx.endDay), 'community', 'Podiatry', 'Face to face - clinic', 'Podiatrist', 30);
  }
  const physio = rng.poisson(((ctx.has('osteoarthritis') ? 0.15 : 0) + (age >= 18 ? 0.05 : 0)) * ctx.years);
  for (let k = 0; k < physio; k++) series(ctx.dayBetween(ctx.startDay, ctx.endDay), 3 + rng.int(4), 7, 14, 'community', 'Community physiotherapy', 'Physiotherapist', rng.chance(0.8) ? 'Face to face - clinic' : 'Video', 30);
  if (age >= 70 && rng.chance(0.03 * ctx.frailty)) series(ctx.dayBetween(ctx.startDay, ctx.endDay), 2, 20, 40, 'community', 'Continence service', 'Continence nurse', 'Face to face - home', 40);

  // Mental health.
  if (ctx.has('depression') && age >= 16 && age <= 80 && rng.chance(0.22)) {
    series(ctx.dayBetween(ctx.startDay, ctx.endDay - 60), 6 + rng.int(3), 6, 9, 'mental_health', 'NHS Talking Therapies',
      rng.chance(0.6) ? 'Psychological wellbeing practitioner' : 'High intensity therapist', rng.pick(['Telephone', 'Video', 'Face to face - clinic']), 50);
  }
  if (ctx.has('serious_mental_illness') && rng.chance(0.75)) {
    const from = ctx.startDay;
    let day = from;
    while (day <= ctx.endDay) {
      ctx.addCommunityContact(day, 'mental_health', 'Community mental health team', rng.chance(0.7) ? 'Face to face - home' : 'Telephone',
        rng.chance(0.85) ? 'Community psychiatric nurse' : 'Psychiatrist', 30 + rng.int(30));
      day += 20 + rng.int(26);
    }
    if (ctx.alive) caseloads.communityMentalHealth = from;
  }
  for (const c of ctx.conditions) {
    if (c.def.key !== 'dementia') continue;
    if (c.onsetDay >= ctx.startDay) series(c.onsetDay - 60 + rng.int(20), 2 + rng.int(2), 14, 28, 'mental_health', 'Memory assessment service', rng.chance(0.7) ? 'Memory nurse' : 'Psychiatrist', 'Face to face - clinic', 60);
    if (rng.chance(0.15)) series(Math.max(ctx.startDay, c.onsetDay), 1_000, 30, 60, 'mental_health', "Older people's mental health", 'Community psychiatric nurse', 'Face to face - home', 45);
  }
  for (const stay of ctx.emergencyStays) {
    if (stay.scenario === 'overdose') series(stay.dischargeDay + 1, 2 + rng.int(3), 1, 3, 'mental_health', 'Crisis resolution and home treatment', 'Community psychiatric nurse', 'Face to face - home', 45);
  }

  // NHS 111 and ambulance calls dealt with over the phone.
  const calls = rng.poisson(NHS111_BY_BAND[ageBandIndex(age)]! * (1 + 0.1 * ctx.multimorbidity) * ctx.years);
  for (let k = 0; k < calls; k++) {
    ctx.addUrgentCare(ctx.dayBetween(ctx.startDay, ctx.endDay), rng.int(1440), 'nhs111', NHS111_OUTCOMES[rng.pickCumulative(NHS111_CUMULATIVE)]![0]);
  }
  const hearAndTreat = rng.poisson(((age >= 18 ? 0.01 : 0) + 0.03 * ctx.frailty) * ctx.years);
  for (let k = 0; k < hearAndTreat; k++) ctx.addUrgentCare(ctx.dayBetween(ctx.startDay, ctx.endDay), rng.int(1440), 'ambulance', 'Hear and treat');
  return caseloads;
}
