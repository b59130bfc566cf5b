import type { ApcSpell } from '../domain/activity.ts';
import {
  ELECTIVE_PROCEDURES, EMERGENCY_SCENARIOS, FALL_CAUSES, FRAILTY_SECONDARY_DIAGNOSES, GENERAL_OUTPATIENT_TFCS, METASTATIC_CODES, MINOR_AE, NHS_COSTS,
  type EmergencyScenario,
} from './clinical-codes.constants.ts';
import { ageBandIndex } from './conditions.constants.ts';
import type { PersonContext } from './person-context.ts';
import { recordFallInPrimaryCare } from './primary-care.generator.ts';

/**
 * Hospital activity: emergency spells (most through A&E, often by ambulance, with ICD-10 diagnoses
 * that carry the person's long-term conditions and, for frail older people, the HFRS categories of
 * reference/hfrs_points.csv), elective and day-case spells with OPCS-4 procedures, A&E attendances
 * that go home, falls, and outpatient appointments.
 *
 * Rates are calibrated to England's order of magnitude (NHS England Hospital Episode Statistics
 * 2022-23: about 0.1 emergency admissions a person a year overall, 0.5 at 85+; A&E about 0.4
 * attendances a year; outpatients about 2 appointments a year) and rise with age, multimorbidity,
 * frailty and local need.
 */
const EMERGENCY_BY_BAND = [0.045, 0.05, 0.055, 0.065, 0.085, 0.13, 0.24, 0.32];
const ELECTIVE_BY_BAND = [0.025, 0.06, 0.09, 0.13, 0.19, 0.25, 0.2, 0.09];
const MINOR_AE_BY_BAND = [0.38, 0.33, 0.25, 0.25, 0.25, 0.27, 0.36, 0.45];
const OUTPATIENT_REFERRALS_BY_BAND = [0.2, 0.22, 0.32, 0.4, 0.5, 0.56, 0.5, 0.3];
const FALLS_BY_FRAILTY = [0.04, 0.12, 0.3, 0.5];
/** Investigations that are repeated; an operation (a cataract, a joint) is done once. */
const REPEATABLE_PROCEDURES = new Set(['colonoscopy', 'upper_gi_endoscopy', 'cystoscopy', 'skin_excision', 'coronary_stent']);

const FRAILTY_DX_CUMULATIVE: number[] = [];
{
  let total = 0;
  for (const d of FRAILTY_SECONDARY_DIAGNOSES) FRAILTY_DX_CUMULATIVE.push((total += d.weight));
}

function multiplier(ctx: PersonContext): number {
  return Math.exp(0.22 * ctx.multimorbidity + 0.25 * ctx.z - 0.4) * ctx.locality.needFactor * [1, 1.25, 1.7, 2.3][ctx.frailty]!;
}

export function generateHospitalCare(ctx: PersonContext): void {
  planEmergencyStays(ctx);
  generateElectives(ctx);
  generateMinorAe(ctx);
  generateFalls(ctx);
  generateOutpatients(ctx);
}

function chooseScenario(ctx: PersonContext, age: number, day: number, onlyFalls = false): EmergencyScenario {
  const cumulative: number[] = [];
  const eligible: EmergencyScenario[] = [];
  let total = 0;
  for (const s of EMERGENCY_SCENARIOS) {
    if (age < s.minAge || age > s.maxAge) continue;
    if (s.requires && !ctx.hadOn(s.requires, day)) continue;
    if (onlyFalls && !s.fall) continue;
    const w = s.weight + (age >= 65 ? (s.frailWeight * (1 + ctx.frailty)) / 2 : 0);
    if (w <= 0) continue;
    eligible.push(s);
    cumulative.push((total += w));
  }
  return eligible[ctx.rng.pickCumulative(cumulative)] ?? EMERGENCY_SCENARIOS[0]!;
}

function lengthOfStay(ctx: PersonContext, scenario: EmergencyScenario, age: number): number {
  if (scenario.losMedian <= 1 && ctx.rng.chance(0.35)) return 0;
  const median = scenario.losMedian * (age >= 80 ? 1.35 : age >= 65 ? 1.15 : 1) * (1 + 0.15 * ctx.frailty);
  return Math.max(0, Math.min(120, Math.round(ctx.rng.logNormal(median, 0.6))));
}

/** Emergency stays in date order, never overlapping; the last one is where the person dies when they die in hospital. */
function planEmergencyStays(ctx: PersonContext): void {
  const { rng } = ctx;
  const age = ctx.ageOn(ctx.endDay);
  const count = rng.poisson(EMERGENCY_BY_BAND[ageBandIndex(age)]! * multiplier(ctx) * ctx.years);
  const admissions: number[] = [];
  for (let k = 0; k < count; k++) admissions.push(ctx.dayBetween(ctx.startDay, ctx.endDay));
  admissions.sort((a, b) => a - b);

  // A permanent care-home placement made during the window often follows a hospital stay.
  const placement = ctx.careHome && ctx.careHome.fromDay > ctx.startDay && rng.chance(0.45) ? ctx.careHome.fromDay : undefined;

  let lastDischarge = -Infinity;
  let died = false;
  for (const admission of admissions) {
    if (ctx.diesInHospital && ctx.deathDay !== undefined && admission >= ctx.deathDay - 30) break;
    if (placement !== undefined && Math.abs(admission - placement) < 30) continue;
    const day = Math.max(admission, lastDischarge + 1);
    if (day > ctx.endDay) break;
    const scenario = chooseScenario(ctx, ctx.ageOn(day), day);
    lastDischarge = writeEmergencySpell(ctx, day, scenario, lengthOfStay(ctx, scenario, ctx.ageOn(day)), false);
    if (ctx.emergencyStays.at(-1)?.died) { died = true; break; }
  }
  if (!died && placement !== undefined && placement > lastDischarge + 5) {
    const scenario = chooseScenario(ctx, ctx.ageOn(placement), placement, rng.chance(0.5));
    const los = Math.max(3, lengthOfStay(ctx, scenario, ctx.ageOn(placement)));
    const admission = Math.max(ctx.startDay, placement - los);
    if (admission > lastDischarge) lastDischarge = writeEmergencySpell(ctx, admission, scenario, placement - admission, false);
  }
  if (!died && ctx.diesInHospital && ctx.deathDay !== undefined) {
    const scenario = chooseScenario(ctx, ctx.ageOn(ctx.deathDay), ctx.deathDay);
    const los = Math.max(1, lengthOfStay(ctx, scenario, ctx.ageOn(ctx.deathDay)));
    const admission = Math.max(ctx.startDay, lastDischarge + 1, ctx.deathDay - los);
    if (admission <= ctx.deathDay) writeEmergencySpell(ctx, admission, scenario, ctx.deathDay - admission, true);
  }
}

/** Writes one emergency spell with its A&E attendance and ambulance call; returns the discharge day. */
function writeEmergencySpell(ctx: PersonContext, admission: number, scenario: EmergencyScenario, los: number, dies: boolean): number {
  const { rng, place } = ctx;
  const age = ctx.ageOn(admission);
  let discharge = admission + los;
  if (ctx.deathDay !== undefined && discharge >= ctx.deathDay) { discharge = ctx.deathDay; dies = true; }
  const stillIn = discharge > ctx.todayDay;

  const methodDraw = rng.float();
  const method = methodDraw < 0.72 ? '21' : methodDraw < 0.84 ? '22' : methodDraw < 0.87 ? '23' : methodDraw < 0.92 ? '24' : methodDraw < 0.97 ? '2D' : '2B';
  const home = ctx.residesInCareHomeOn(admission);
  const source = method === '2B' ? '51' : home ? (home.kind === 'nursing' ? '55' : '56') : '19';

  const diagnoses: string[] = [scenario.primary];
  const add = (code: string) => { if (!diagnoses.includes(code)) diagnoses.push(code); };
  for (const code of scenario.extra) add(code === 'W19' ? FALL_CAUSES[rng.int(FALL_CAUSES.length)]! : code);
  for (const c of ctx.conditions) {
    if (c.onsetDay <= admission && diagnoses.length < 12 && rng.chance(0.8)) add(c.icd10);
  }
  if (ctx.has('cancer') && rng.chance(0.2)) add(METASTATIC_CODES[rng.int(METASTATIC_CODES.length)]!);
  if (age >= 65 && ctx.frailty > 0) {
    const extra = rng.poisson(0.8 * ctx.frailty + (scenario.fall ? 0.8 : 0));
    for (let k = 0; k < extra && diagnoses.length < 15; k++) add(FRAILTY_SECONDARY_DIAGNOSES[rng.pickCumulative(FRAILTY_DX_CUMULATIVE)]!.icd10);
  }
  if (dies && rng.chance(0.5)) add('Z515');

  const procedures: ApcSpell['procedures'] = [];
  if (scenario.procedure && rng.chance(scenario.procedure.share) && (dies ? discharge > admission : true)) {
    procedures.push({ code: scenario.procedure.code, date: ctx.days.format(Math.min(discharge, admission + rng.int(2))) });
  }

  let destination: string;
  let dischargeMethod: string;
  if (stillIn) { destination = '98'; dischargeMethod = '8'; }
  else if (dies) { destination = '79'; dischargeMethod = '4'; }
  else {
    const homeAfter = ctx.residesInCareHomeOn(discharge) ?? (ctx.careHome && ctx.careHome.fromDay <= discharge + 3 ? ctx.careHome.home : undefined);
    const draw = rng.float();
    destination = homeAfter ? (homeAfter.kind === 'nursing' ? '55' : '56') : draw < 0.96 ? '19' : draw < 0.985 ? '51' : '29';
    dischargeMethod = destination === '19' && rng.chance(0.015) ? '2' : '1';
  }
  const trimpoint = Math.round(scenario.losMedian * 2 + 3);
  const cost = Math.round((scenario.tariffPence + Math.max(0, los - trimpoint) * NHS_COSTS.excessBedDayPence) * (0.85 + 0.3 * rng.float()));

  const spell = ctx.addSpell({
    spellNumber: `${place.codes.acute}${ctx.index + 1}-${ctx.emergencyStays.length + 1}`,
    admissionDate: ctx.days.format(admission),
    dischargeDate: stillIn ? undefined : ctx.days.format(discharge),
    admissionMethod: method, admissionSource: source, dischargeMethod, dischargeDestination: destination,
    diagnoses, procedures, lengthOfStay: stillIn ? undefined : discharge - admission, costPence: stillIn ? undefined : cost,
  }, admission);
  if (!spell) return discharge;
  ctx.emergencyStays.push({ admissionDay: admission, dischargeDay: discharge, scenario: scenario.key, fall: scenario.fall === true, died: dies });
  if (scenario.fall) ctx.fallDays.push(admission);

  if (method === '21') {
    const arrival = rng.int(1440);
    const byAmbulance = rng.chance(age >= 75 ? 0.7 : age >= 65 ? 0.55 : 0.35);
    ctx.addAe(admission, arrival, 180 + rng.int(540), {
      arrivalMode: byAmbulance ? 'ambulance' : 'other', chiefComplaintSnomed: scenario.complaint, diagnosisSnomed: scenario.diagnosis,
      disposal: 'Admitted', costPence: Math.round(NHS_COSTS.aeAttendancePence * (0.9 + 0.4 * rng.float())),
    });
    if (byAmbulance) ctx.addUrgentCare(admission, arrival - 30 - rng.int(60), 'ambulance', scenario.fall ? 'See and convey (fall)' : 'See and convey');
  }
  return discharge;
}

function generateElectives(ctx: PersonContext): void {
  const { rng } = ctx;
  const age = ctx.ageOn(ctx.endDay);
  const band = ageBandIndex(age);
  const count = rng.poisson(ELECTIVE_BY_BAND[band]! * (1 + 0.1 * ctx.multimorbidity) * ctx.years);
  const done = new Set<string>();
  for (let k = 0; k < count; k++) {
    const day = ctx.dayBetween(ctx.startDay, ctx.endDay);
    const cumulative: number[] = [];
    const eligible: (typeof ELECTIVE_PROCEDURES)[number][] = [];
    let total = 0;
    for (const p of ELECTIVE_PROCEDURES) {
      if (age < p.minAge || (p.sex && p.sex !== ctx.sex) || (p.requires && !ctx.hadOn(p.requires, day))) continue;
      if (done.has(p.key) && !REPEATABLE_PROCEDURES.has(p.key)) continue;
      const w = p.weightByBand[band]!;
      if (w <= 0) continue;
      eligible.push(p);
      cumulative.push((total += w));
    }
    if (eligible.length === 0) continue;
    const procedure = eligible[rng.pickCumulative(cumulative)]!;
    done.add(procedure.key);
    const los = rng.chance(procedure.dayCaseShare) ? 0 : Math.max(1, Math.round(rng.logNormal(Math.max(1, procedure.losMedian), 0.4)));
    const discharge = day + los;
    if (discharge > ctx.endDay || overlapsEmergency(ctx, day, discharge)) continue;
    const bilateral = procedure.key === 'cataract' && rng.chance(0.5) ? 1 : 0;
    for (let eye = 0; eye <= bilateral; eye++) {
      const admission = day + eye * (42 + rng.int(60));
      if (admission + los > ctx.endDay || overlapsEmergency(ctx, admission, admission + los)) continue;
      writeElective(ctx, admission, los, procedure);
    }
    // Seen in clinic before, often followed up after.
    ctx.addOutpatient(day - 30 - rng.int(120), procedure.tfc, true);
    if (rng.chance(0.6)) ctx.addOutpatient(discharge + 30 + rng.int(40), procedure.tfc, false);
  }
}

function writeElective(ctx: PersonContext, admission: number, los: number, procedure: (typeof ELECTIVE_PROCEDURES)[number]): void {
  const { rng } = ctx;
  const diagnoses = [procedure.icd10];
  for (const c of ctx.conditions) if (c.onsetDay <= admission && diagnoses.length < 5 && !diagnoses.includes(c.icd10) && rng.chance(0.6)) diagnoses.push(c.icd10);
  const draw = rng.float();
  const home = ctx.residesInCareHomeOn(admission);
  ctx.addSpell({
    spellNumber: `${ctx.place.codes.acute}${ctx.index + 1}-E${admission}`,
    admissionDate: ctx.days.format(admission), dischargeDate: ctx.days.format(admission + los),
    admissionMethod: draw < 0.7 ? '11' : draw < 0.9 ? '12' : '13', admissionSource: home ? (home.kind === 'nursing' ? '55' : '56') : '19',
    dischargeMethod: '1', dischargeDestination: home ? (home.kind === 'nursing' ? '55' : '56') : '19', diagnoses,
    procedures: procedure.opcs.map((code) => ({ code, date: ctx.days.format(admission) })), lengthOfStay: los,
    costPence: Math.round(procedure.tariffPence * (0.9 + 0.25 * rng.float())),
  }, admission);
}

function overlapsEmergency(ctx: PersonContext, from: number, to: number): boolean {
  for (const s of ctx.emergencyStays) if (from <= s.dischargeDay && to >= s.admissionDay) return true;
  return false;
}

function generateMinorAe(ctx: PersonContext): void {
  const { rng } = ctx;
  const age = ctx.ageOn(ctx.endDay);
  const count = rng.poisson(MINOR_AE_BY_BAND[ageBandIndex(age)]! * (1 + 0.1 * ctx.multimorbidity) * ctx.locality.needFactor * ctx.years);
  for (let k = 0; k < count; k++) writeMinorAe(ctx, ctx.dayBetween(ctx.startDay, ctx.endDay), false);
}

function writeMinorAe(ctx: PersonContext, day: number, fall: boolean): void {
  const { rng } = ctx;
  const age = ctx.ageOn(day);
  const cumulative: number[] = [];
  const eligible: (typeof MINOR_AE)[number][] = [];
  let total = 0;
  for (const m of MINOR_AE) {
    if (age < m.minAge || age > m.maxAge || (fall && !m.fall)) continue;
    const w = m.weight + (age >= 65 ? (m.frailWeight * ctx.frailty) / 2 : 0);
    if (w <= 0) continue;
    eligible.push(m);
    cumulative.push((total += w));
  }
  if (eligible.length === 0) return;
  const pick = eligible[rng.pickCumulative(cumulative)]!;
  const fracture = pick.diagnosis === '263199001';
  const draw = rng.float();
  const disposal = fracture ? 'Referred to fracture clinic' : draw < 0.45 ? 'Discharged - no follow-up' : draw < 0.77 ? 'Discharged - GP follow-up'
    : draw < 0.87 ? 'Referred to outpatient clinic' : draw < 0.93 ? 'Referred to other health care professional' : 'Left before treatment';
  const arrival = 480 + rng.int(900);
  const byAmbulance = rng.chance(age >= 75 ? 0.45 : age >= 65 ? 0.3 : 0.12);
  ctx.addAe(day, arrival, 90 + rng.int(240), {
    arrivalMode: byAmbulance ? 'ambulance' : 'other', chiefComplaintSnomed: pick.complaint, diagnosisSnomed: pick.diagnosis, disposal,
    costPence: Math.round(NHS_COSTS.aeMinorPence * (0.8 + 0.5 * rng.float())),
  });
  if (byAmbulance) ctx.addUrgentCare(day, arrival - 30 - rng.int(60), 'ambulance', pick.fall ? 'See and convey (fall)' : 'See and convey');
  if (pick.fall && !fall) ctx.fallDays.push(day);
  if (fracture) {
    ctx.addOutpatient(day + 5 + rng.int(7), '110', true);
    if (rng.chance(0.7)) ctx.addOutpatient(day + 35 + rng.int(14), '110', false);
  } else if (disposal === 'Referred to outpatient clinic') {
    ctx.addOutpatient(day + 14 + rng.int(60), age < 16 ? '420' : '300', true);
  }
}

/** Falls that do not end in admission (those come with the emergency spells): seen by the GP, an ambulance crew or A&E. */
function generateFalls(ctx: PersonContext): void {
  const { rng } = ctx;
  if (ctx.ageOn(ctx.endDay) < 65) return;
  const count = rng.poisson(FALLS_BY_FRAILTY[ctx.frailty]! * ctx.years);
  for (let k = 0; k < count; k++) {
    const day = ctx.dayBetween(ctx.startDay, ctx.endDay);
    const draw = rng.float();
    if (draw < 0.4) {
      // Told the GP afterwards.
    } else if (draw < 0.65) {
      ctx.addUrgentCare(day, rng.int(1440), 'ambulance', rng.chance(0.8) ? 'See and treat (fall)' : 'Hear and treat (fall)');
    } else if (draw < 0.85) {
      writeMinorAe(ctx, day, true);
    } else {
      continue;
    }
    ctx.fallDays.push(day);
  }
  for (const day of ctx.fallDays) recordFallInPrimaryCare(ctx, day, rng.chance(0.35));
}

function generateOutpatients(ctx: PersonContext): void {
  const { rng } = ctx;
  // Specialist follow-up of long-term conditions.
  for (const c of ctx.conditions) {
    const op = c.def.outpatient;
    if (!op || !rng.chance(op.share)) continue;
    const from = Math.max(c.onsetDay, ctx.startDay);
    if (from > ctx.endDay) continue;
    if (c.onsetDay >= ctx.startDay) ctx.addOutpatient(c.onsetDay + 14 + rng.int(45), op.tfc, true);
    const followUps = rng.poisson((op.perYear * (ctx.endDay - from)) / 365.25);
    for (let k = 0; k < followUps; k++) ctx.addOutpatient(ctx.dayBetween(from + 30, ctx.endDay), op.tfc, false);
  }
  // Other referrals: a first appointment and a few follow-ups.
  const age = ctx.ageOn(ctx.endDay);
  const referrals = rng.poisson(OUTPATIENT_REFERRALS_BY_BAND[ageBandIndex(age)]! * (1 + 0.1 * ctx.multimorbidity) * ctx.years);
  for (let k = 0; k < referrals; k++) {
    const day = ctx.dayBetween(ctx.startDay, ctx.endDay);
    const cumulative: number[] = [];
    const eligible: string[] = [];
    let total = 0;
    for (const t of GENERAL_OUTPATIENT_TFCS) {
      if (age < t.minAge || (t.maxAge !== undefined && age > t.maxAge) || (t.sex && t.sex !== ctx.sex)) continue;
      eligible.push(t.tfc);
      cumulative.push((total += t.weight));
    }
    const tfc = eligible[rng.pickCumulative(cumulative)]!;
    ctx.addOutpatient(day, tfc, true);
    const followUps = rng.poisson(1.4);
    let next = day;
    for (let f = 0; f < followUps; f++) {
      next += 30 + rng.int(120);
      ctx.addOutpatient(next, tfc, false);
    }
  }
}
