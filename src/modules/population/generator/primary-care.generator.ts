import { FRAILTY_DEFICITS, GP_CODES, MINOR_ILLNESS, OBSERVATIONS, type CodedTerm } from './clinical-codes.constants.ts';
import { MEDICATIONS, ageBandIndex, type MedicationKey } from './conditions.constants.ts';
import { DayFormatter, type PersonContext } from './person-context.ts';
import type { Random } from './random.util.ts';

/**
 * GP records: the diagnosis of each long-term condition on the day it was made (often years before
 * the activity window, as in a real problem list), consultations for everyday illness, condition
 * reviews with blood pressure, HbA1c and eGFR, medication reviews, flu vaccinations, frailty coding
 * and eFI deficits for older people, palliative care coding near the end of life, and repeat
 * medications: one or two per condition, more with more conditions, so that five or more is common in
 * the very old.
 */

/** GP consultations a year by age band (NHS England GP appointment data: about 5 a year overall, rising with age). */
const CONSULTATIONS_BY_BAND = [2.2, 2.2, 2.6, 3, 3.8, 4.8, 6, 6.5];

const minorByAge = new Map<number, CodedTerm[]>();
function minorIllnessFor(age: number): CodedTerm[] {
  let list = minorByAge.get(age);
  if (!list) minorByAge.set(age, (list = MINOR_ILLNESS.filter((m) => age >= m.minAge && age <= m.maxAge)));
  return list;
}

const fluSeasons = new Map<number, number[]>();
/** 1 October of each of the years the window can touch. */
function fluSeasonStarts(todayDay: number, days: DayFormatter): number[] {
  let seasons = fluSeasons.get(todayDay);
  if (!seasons) {
    const year = Number(days.format(todayDay).slice(0, 4));
    seasons = [year - 3, year - 2, year - 1, year].map((y) => DayFormatter.dayOf(`${y}-10-01`));
    fluSeasons.set(todayDay, seasons);
  }
  return seasons;
}

export function generateMedications(ctx: PersonContext): number {
  if (!ctx.practice) return 0;
  const { rng } = ctx;
  const starts = new Map<MedicationKey, number>();
  for (const c of ctx.conditions) {
    for (const m of c.def.medications) {
      if (!rng.chance(m.p)) continue;
      const start = c.onsetDay + rng.int(90);
      const existing = starts.get(m.key);
      if (existing === undefined || start < existing) starts.set(m.key, start);
    }
  }
  const ageNow = ctx.ageOn(ctx.endDay);
  // Old age: gastric protection with several medicines, simple analgesia, a statin for primary
  // prevention from 75 (NICE NG238), a loop diuretic for oedema.
  const later = () => Math.max(ctx.dobDay + 18 * 365, ctx.startDay - rng.int(1_500));
  if ((ageNow >= 65 && starts.size >= 2 && rng.chance(0.5)) || (ageNow >= 18 && rng.chance(0.04))) starts.set('omeprazole', later());
  if (ageNow >= 80 && !starts.has('paracetamol') && rng.chance(0.4)) starts.set('paracetamol', later());
  if (ageNow >= 75 && !starts.has('simvastatin') && rng.chance(0.45)) starts.set('simvastatin', later());
  if (ageNow >= 85 && !starts.has('furosemide') && rng.chance(0.12)) starts.set('furosemide', later());
  // Frailty brings constipation, anaemia and incontinence; older men take an alpha-blocker for their prostate.
  if (ageNow >= 65) {
    if (rng.chance(0.08 * ctx.frailty)) starts.set('senna', later());
    if (rng.chance(0.05 * ctx.frailty)) starts.set('ferrous_sulfate', later());
    if (ctx.sex === '2' && rng.chance(0.03 + 0.03 * ctx.frailty)) starts.set('solifenacin', later());
    if (ctx.sex === '1' && rng.chance(ageNow >= 75 ? 0.15 : 0.08)) starts.set('doxazosin', later());
  }
  let current = 0;
  for (const [key, start] of starts) {
    if (start > ctx.endDay) continue;
    const med = MEDICATIONS[key];
    let stop: number | undefined;
    if (rng.chance(0.07)) {
      stop = ctx.dayBetween(Math.max(start, ctx.startDay), ctx.endDay);
      // An ACE inhibitor stopped for a cough becomes an angiotensin receptor blocker.
      if (key === 'ramipril' && !starts.has('losartan') && stop + 7 <= ctx.endDay) {
        ctx.addMedication(stop + 7, undefined, MEDICATIONS.losartan.code, MEDICATIONS.losartan.term);
        if (ctx.alive) current++;
      }
    }
    ctx.addMedication(start, stop, med.code, med.term);
    if (stop === undefined && ctx.alive) current++;
  }
  return current;
}

export function generatePrimaryCare(ctx: PersonContext, repeatMedications: number): void {
  if (!ctx.practice) return;
  const { rng } = ctx;
  const age = ctx.ageOn(ctx.endDay);

  for (const c of ctx.conditions) ctx.addGpEvent(c.onsetDay, c.code, c.term);

  if (age >= 16) {
    const smoking = rng.float();
    const status = smoking < 0.14 ? GP_CODES.smoker : smoking < 0.42 ? GP_CODES.exSmoker : GP_CODES.neverSmoked;
    ctx.addGpEvent(ctx.dayBetween(Math.max(ctx.dobDay + 16 * 365, ctx.startDay - 1_500), ctx.endDay), status.code, status.term);
  }

  // Consultations: a follow-up of a long-term condition or an everyday illness.
  const rate = CONSULTATIONS_BY_BAND[ageBandIndex(age)]! * (1 + 0.2 * ctx.multimorbidity) * (1 + 0.15 * ctx.frailty);
  const consultations = rng.poisson(rate * ctx.years);
  const minor = minorIllnessFor(Math.min(age, 120));
  for (let k = 0; k < consultations; k++) {
    const day = ctx.dayBetween(ctx.startDay, ctx.endDay);
    if (ctx.conditions.length > 0 && rng.chance(0.3)) {
      const c = ctx.conditions[rng.int(ctx.conditions.length)]!;
      if (c.onsetDay <= day) { ctx.addGpEvent(day, c.code, c.term); continue; }
    }
    if (minor.length > 0) {
      const m = minor[rng.int(minor.length)]!;
      ctx.addGpEvent(day, m.code, m.term);
    }
  }

  // Yearly monitoring.
  const monitorsBp = ctx.has('hypertension') || ctx.has('ckd') || ctx.has('diabetes') || ctx.has('chd') || ctx.has('stroke') || ctx.has('heart_failure');
  const tall = ctx.sex === '1' ? 1.76 : 1.62;
  const baseBmi = ctx.has('obesity') ? 34 + 3.5 * rng.normal() : 26.5 + 4 * rng.normal();
  for (let day = ctx.startDay + rng.int(300); day <= ctx.endDay; day += 320 + rng.int(90)) {
    for (const c of ctx.conditions) {
      if (c.def.review && c.onsetDay <= day && rng.chance(0.8)) ctx.addGpEvent(day, c.def.review.code, c.def.review.term);
    }
    if (monitorsBp) {
      const readings = 1 + rng.int(2);
      for (let r = 0; r < readings; r++) {
        const d = r === 0 ? day : Math.min(ctx.endDay, day + 60 + rng.int(120));
        const systolic = Math.round(126 + 0.3 * (age - 50) + (ctx.has('hypertension') ? 8 : 0) + 12 * rng.normal());
        const diastolic = Math.round(78 + (ctx.has('hypertension') ? 3 : 0) - 0.1 * Math.max(0, age - 60) + 8 * rng.normal());
        ctx.addGpEvent(d, OBSERVATIONS.systolic.code, OBSERVATIONS.systolic.term, systolic, OBSERVATIONS.systolic.unit);
        ctx.addGpEvent(d, OBSERVATIONS.diastolic.code, OBSERVATIONS.diastolic.term, Math.min(diastolic, systolic - 20), OBSERVATIONS.diastolic.unit);
      }
    }
    if (ctx.has('diabetes')) {
      ctx.addGpEvent(day, OBSERVATIONS.hba1c.code, OBSERVATIONS.hba1c.term, Math.max(38, Math.round(58 + 12 * rng.normal())), OBSERVATIONS.hba1c.unit);
      const second = day + 150 + rng.int(60);
      if (second <= ctx.endDay) ctx.addGpEvent(second, OBSERVATIONS.hba1c.code, OBSERVATIONS.hba1c.term, Math.max(38, Math.round(56 + 12 * rng.normal())), OBSERVATIONS.hba1c.unit);
    }
    if (ctx.has('ckd') || ((ctx.has('diabetes') || ctx.has('hypertension')) && rng.chance(0.6))) {
      const egfr = ctx.has('ckd') ? 48 + 8 * rng.normal() : 88 - 0.5 * Math.max(0, age - 50) + 10 * rng.normal();
      ctx.addGpEvent(day, OBSERVATIONS.egfr.code, OBSERVATIONS.egfr.term, Math.max(8, Math.min(120, Math.round(egfr))), OBSERVATIONS.egfr.unit);
    }
    if (repeatMedications > 0 && rng.chance(0.85)) ctx.addGpEvent(day, GP_CODES.medicationReview.code, GP_CODES.medicationReview.term);
    if (ctx.ageOn(day) >= 18 && rng.chance(monitorsBp ? 0.5 : 0.15)) {
      const bmi = Math.round((baseBmi + rng.normal()) * 10) / 10;
      ctx.addGpEvent(day, OBSERVATIONS.bmi.code, OBSERVATIONS.bmi.term, bmi, OBSERVATIONS.bmi.unit);
      ctx.addGpEvent(day, OBSERVATIONS.weight.code, OBSERVATIONS.weight.term, Math.round(bmi * tall * tall * 10) / 10, OBSERVATIONS.weight.unit);
    }
  }

  // Flu vaccination each autumn for people 65 and over (uptake ~78%) and younger people at risk (~45%).
  for (const season of fluSeasonStarts(ctx.todayDay, ctx.days)) {
    const day = season + rng.int(75);
    if (day < ctx.startDay || day > ctx.endDay) continue;
    const eligibleAge = ctx.ageOn(day) >= 65;
    const atRisk = ctx.multimorbidity >= 1;
    if ((eligibleAge && rng.chance(0.78)) || (!eligibleAge && atRisk && ctx.ageOn(day) >= 18 && rng.chance(0.45))) {
      ctx.addGpEvent(day, GP_CODES.fluVaccination.code, GP_CODES.fluVaccination.term);
    }
  }

  // Frailty: a coded frailty category and the eFI deficits that go with it.
  if (age >= 65 && ctx.frailty > 0 && rng.chance(0.6)) {
    const code = ctx.frailty === 3 ? GP_CODES.severeFrailty : ctx.frailty === 2 ? GP_CODES.moderateFrailty : GP_CODES.mildFrailty;
    ctx.addGpEvent(ctx.dayBetween(ctx.startDay, ctx.endDay), code.code, code.term);
  }
  if (age >= 60) {
    const deficits = rng.poisson([0.3, 2.5, 5, 8][ctx.frailty]!);
    for (let k = 0; k < deficits; k++) {
      const deficit = FRAILTY_DEFICITS[rng.int(FRAILTY_DEFICITS.length)]!;
      if (deficit.code.code === '160689007' && !ctx.housebound) continue;
      ctx.addGpEvent(ctx.dayBetween(ctx.startDay - 700, ctx.endDay), deficit.code, deficit.term);
    }
    if (ctx.housebound) ctx.addGpEvent(ctx.dayBetween(ctx.startDay, ctx.endDay), GP_CODES.homeVisitChronic.code, GP_CODES.homeVisitChronic.term);
  }
}

/**
 * Palliative care coding (the practice's palliative care register). About a third of the people who
 * die were on it, added some weeks to months before death; a living person is on it with a chance in
 * proportion to their chance of dying within the year. That puts roughly 0.4% of a place on the
 * register, the order of the QOF palliative care register prevalence in England (PC001: 0.4–0.5% of
 * registered patients in recent years). Draws come from `rng`, a stream of this step's own.
 */
export function generateEndOfLifeCare(ctx: PersonContext, rng: Random): void {
  if (!ctx.practice) return;
  let day: number | undefined;
  if (ctx.deathDay !== undefined) {
    if (rng.chance(0.35)) day = ctx.deathDay - 7 - rng.int(180);
  } else if (rng.chance(Math.min(0.9, 0.6 * ctx.annualMortality))) {
    day = ctx.todayDay - 1 - rng.int(180);
  }
  if (day === undefined || day < ctx.startDay) return;
  const code = rng.chance(0.8) ? GP_CODES.palliativeCare : GP_CODES.goldStandardsFramework;
  ctx.addGpEvent(day, code.code, code.term);
}

/** GP codes recorded after a fall: the fall itself and, often, a referral to the falls service. */
export function recordFallInPrimaryCare(ctx: PersonContext, day: number, referred: boolean): void {
  const fall = FRAILTY_DEFICITS[0]!;
  if (ctx.rng.chance(0.6)) ctx.addGpEvent(day + 1 + ctx.rng.int(14), fall.code, fall.term);
  if (referred) ctx.addGpEvent(day + 2 + ctx.rng.int(14), GP_CODES.referralToFallsService.code, GP_CODES.referralToFallsService.term);
}
