import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ageOn } from '../../../kernel/dates.ts';
import { CONDITION_BY_KEY } from '../generator/conditions.constants.ts';
import { PLACE_AREA_CODE } from '../generator/place.constants.ts';
import { loadCharlsonPrefixes, loadEfiCodes, loadHfrsPoints, loadOnsAgeStructure } from '../generator/reference-data.loader.ts';
import { generatePlaceRecords, type Activity, type GeneratedPerson, type SocialCareEvent } from '../index.ts';

const TODAY = '2026-11-01';
const PEOPLE = 6_000;
const records = [...generatePlaceRecords({ people: PEOPLE, seed: 2026, today: TODAY })];
const ageToday = (r: GeneratedPerson) => ageOn(r.person.dateOfBirth!, TODAY);

/** Every date an activity record carries. */
function datesOf(a: Activity): string[] {
  switch (a.kind) {
    case 'gp_event': return [a.eventDate];
    case 'gp_medication': return [a.startDate, a.endDate ?? ''];
    case 'apc_spell': return [a.admissionDate, a.dischargeDate ?? '', ...a.procedures.map((p) => p.date ?? '')];
    case 'ae_attendance': return [a.arrivalAt.slice(0, 10), (a.departureAt ?? '').slice(0, 10)];
    case 'op_appointment': return [a.appointmentDate];
    case 'community_contact': return [a.contactDate];
    case 'urgent_care_contact': return [a.contactAt.slice(0, 10)];
    case 'social_care_event': return [a.eventStartDate, a.eventEndDate ?? ''];
  }
}

test('the age structure follows the ONS estimates for the place', () => {
  const ons = loadOnsAgeStructure(PLACE_AREA_CODE);
  const total = ons.reduce((a, b) => a + b, 0);
  const onsShare = (from: number, to = 90) => ons.slice(from, to + 1).reduce((a, b) => a + b, 0) / total;
  const share = (from: number, to = 200) => records.filter((r) => ageToday(r) >= from && ageToday(r) <= to).length / PEOPLE;
  assert.ok(Math.abs(share(65) - onsShare(65)) < 0.01, `65+: ${share(65)} vs ONS ${onsShare(65)}`);
  assert.ok(Math.abs(share(0, 17) - onsShare(0, 17)) < 0.01, `0–17: ${share(0, 17)} vs ONS ${onsShare(0, 17)}`);
  assert.ok(Math.abs(share(85) - onsShare(85)) < 0.005, `85+: ${share(85)} vs ONS ${onsShare(85)}`);
  const women85 = records.filter((r) => ageToday(r) >= 85 && r.person.sex === '2').length / records.filter((r) => ageToday(r) >= 85).length;
  assert.ok(women85 > 0.55 && women85 < 0.75, `women are ${women85} of people 85+`);
});

test('long-term conditions become more common with age', () => {
  const prevalence = (key: 'hypertension' | 'chd' | 'dementia' | 'atrial_fibrillation', from: number, to: number) => {
    const codes = new Set([CONDITION_BY_KEY[key].code.code]);
    const group = records.filter((r) => ageToday(r) >= from && ageToday(r) <= to);
    return group.filter((r) => r.activities.some((a) => a.kind === 'gp_event' && codes.has(a.code.code))).length / group.length;
  };
  for (const key of ['hypertension', 'chd', 'atrial_fibrillation'] as const) {
    const young = prevalence(key, 18, 39);
    const middle = prevalence(key, 40, 64);
    const old = prevalence(key, 75, 120);
    assert.ok(young < middle && middle < old, `${key}: ${young} → ${middle} → ${old}`);
  }
  const dementia = [prevalence('dementia', 65, 74), prevalence('dementia', 75, 84), prevalence('dementia', 85, 120)];
  assert.ok(dementia[0]! < dementia[1]! && dementia[1]! < dementia[2]! && dementia[2]! > 3 * dementia[0]!, `dementia ${dementia.join(' → ')}`);
  const all = prevalence('hypertension', 0, 120);
  assert.ok(all > 0.1 && all < 0.2, `hypertension affects ${all} of all ages (QOF about 14%)`);
});

test('nothing happens before birth or after death, and deaths rise with age', () => {
  for (const r of records) {
    const birth = r.person.dateOfBirth!;
    const end = r.person.dateOfDeath ?? TODAY;
    for (const a of r.activities) {
      for (const d of datesOf(a)) {
        if (d === '') continue;
        assert.ok(d >= birth && d <= end, `${a.kind} on ${d} for a person born ${birth}, last day ${end}`);
      }
    }
    for (const c of r.careRelationships) assert.ok(c.openedOn <= end && (!c.closedOn || (c.closedOn >= c.openedOn && c.closedOn <= end)));
    if (r.person.dateOfDeath) assert.ok(r.careRelationships.every((c) => c.closedOn !== undefined), 'nobody keeps an open caseload entry after death');
  }
  const deathRate = (from: number, to: number) => {
    const group = records.filter((r) => ageToday(r) >= from && ageToday(r) <= to);
    return group.filter((r) => r.person.dateOfDeath).length / group.length;
  };
  assert.ok(deathRate(85, 120) > 5 * deathRate(50, 64), `deaths ${deathRate(50, 64)} at 50–64, ${deathRate(85, 120)} at 85+`);
  const dead = records.filter((r) => r.person.dateOfDeath).length / PEOPLE;
  assert.ok(dead > 0.015 && dead < 0.06, `${dead} of people died in three years`);
  const inHospital = records.filter((r) => r.activities.some((a) => a.kind === 'apc_spell' && a.dischargeDestination === '79'));
  assert.ok(inHospital.every((r) => r.person.dateOfDeath), 'only people who died have a spell ending in death');
  assert.ok(inHospital.length > 0.3 * records.filter((r) => r.person.dateOfDeath).length, 'a good share of deaths are in hospital');
});

test('the old have the most activity, and polypharmacy is common in the very old', () => {
  const perPerson = (from: number, to: number) => {
    const group = records.filter((r) => ageToday(r) >= from && ageToday(r) <= to);
    return group.reduce((n, r) => n + r.activities.length, 0) / group.length;
  };
  assert.ok(perPerson(80, 120) > 3 * perPerson(18, 39), `${perPerson(18, 39)} events at 18–39, ${perPerson(80, 120)} at 80+`);
  const overall = records.reduce((n, r) => n + r.activities.length, 0) / PEOPLE;
  assert.ok(overall >= 15 && overall <= 45, `${overall} events a person`);
  const veryOld = records.filter((r) => ageToday(r) >= 85 && !r.person.dateOfDeath && r.person.gpPracticeCode);
  const onFivePlus = veryOld.filter((r) => r.activities.filter((a) => a.kind === 'gp_medication' && !a.endDate).length >= 5).length;
  assert.ok(onFivePlus / veryOld.length > 0.15, `${onFivePlus} of ${veryOld.length} people 85+ on five or more medicines`);
});

test('the electronic Frailty Index finds the frailty bands of Clegg et al. (2016) in people 65 and over', () => {
  const efi = loadEfiCodes();
  const bands = [0, 0, 0, 0];
  const older = records.filter((r) => ageToday(r) >= 65 && !r.person.dateOfDeath && r.person.gpPracticeCode);
  for (const r of older) {
    const deficits = new Set<string>();
    for (const a of r.activities) if (a.kind === 'gp_event' && efi.has(a.code.code)) deficits.add(efi.get(a.code.code)!);
    if (r.activities.filter((a) => a.kind === 'gp_medication' && !a.endDate).length >= 5) deficits.add('polypharmacy');
    bands[deficits.size <= 4 ? 0 : deficits.size <= 8 ? 1 : deficits.size <= 12 ? 2 : 3]! += 1;
  }
  const [fit, mild, moderate, severe] = bands.map((b) => b / older.length) as [number, number, number, number];
  assert.ok(fit > 0.35 && fit < 0.65, `fit ${fit}`);
  assert.ok(mild > 0.2 && mild < 0.45, `mild ${mild}`);
  assert.ok(moderate > 0.05 && moderate < 0.2, `moderate ${moderate}`);
  assert.ok(severe > 0.005 && severe < 0.08, `severe ${severe}`);
});

test('spells of frail older people carry Hospital Frailty Risk Score codes; falls carry W-codes and hip fractures S72', () => {
  const hfrs = loadHfrsPoints();
  const spells = records.filter((r) => ageToday(r) >= 75).flatMap((r) => r.activities)
    .filter((a): a is Extract<Activity, { kind: 'apc_spell' }> => a.kind === 'apc_spell' && a.admissionMethod.startsWith('2'));
  const withHfrs = spells.filter((s) => s.diagnoses.some((d) => hfrs.has(d.slice(0, 3)))).length;
  assert.ok(withHfrs / spells.length > 0.5, `${withHfrs} of ${spells.length} emergency spells at 75+ have an HFRS code`);
  const charlson = loadCharlsonPrefixes();
  const withCharlson = spells.filter((s) => s.diagnoses.some((d) => charlson.some((c) => d.startsWith(c.prefix)))).length;
  assert.ok(withCharlson / spells.length > 0.3, `${withCharlson} of ${spells.length} emergency spells at 75+ have a Charlson condition`);
  const hips = spells.filter((s) => s.diagnoses[0]!.startsWith('S72'));
  assert.ok(hips.length > 0, 'some hip fractures');
  assert.ok(hips.every((s) => s.diagnoses.some((d) => /^W(0[0-9]|1[0-9])/.test(d))), 'a hip fracture records how the fall happened');
  const electives = records.flatMap((r) => r.activities).filter((a) => a.kind === 'apc_spell' && a.admissionMethod.startsWith('1'));
  assert.ok(electives.length > 0 && electives.every((a) => a.kind === 'apc_spell' && a.procedures.length > 0), 'elective spells have procedures');
  const toCareHome = records.flatMap((r) => r.activities).filter((a) => a.kind === 'apc_spell' && (a.dischargeDestination === '55' || a.dischargeDestination === '56'));
  assert.ok(toCareHome.length > 0, 'some discharges to care homes');
});

test('social care journeys are well formed: requests before assessments before services, reablement reviewed', () => {
  let journeys = 0;
  let reablement = 0;
  for (const r of records) {
    const events = r.activities.filter((a): a is SocialCareEvent => a.kind === 'social_care_event');
    if (events.length === 0) continue;
    assert.ok(r.person.localId, 'the council knows everyone it supports');
    for (const e of events) {
      if (e.eventEndDate) assert.ok(e.eventEndDate >= e.eventStartDate, `${e.eventType} ends before it starts`);
      assert.equal(e.eventOutcome === undefined, e.eventEndDate === undefined, `${e.eventType} has an outcome exactly when it has ended`);
      if (e.eventType === 'Review') assert.equal(e.eventEndDate, e.eventStartDate);
    }
    for (const service of events.filter((e) => e.eventType === 'Service')) {
      assert.ok(service.serviceType && service.serviceComponent && service.deliveryMechanism && service.funder);
      if (service.eventStartDate < '2023-11-02') continue; // began before the window: its request and assessment are older
      const before = events.filter((e) => e.eventStartDate <= service.eventStartDate);
      const assessment = before.find((e) => e.eventType === 'Assessment' && e.eventEndDate! <= service.eventStartDate);
      // The way in is a request, or a review of existing support (a move into a care home).
      const wayIn = before.find((e) => (e.eventType === 'Request' || e.eventType === 'Review') && (!assessment || e.eventStartDate <= assessment.eventStartDate));
      assert.ok(wayIn, `a ${service.serviceType} service from ${service.eventStartDate} has no request or review before it`);
      if (service.serviceType!.startsWith('Long term')) {
        assert.ok(assessment, `a ${service.serviceType} service from ${service.eventStartDate} has no assessment before it`);
        journeys++;
      }
      if (service.serviceType === 'Short term support: ST-Max') {
        reablement++;
        if (service.eventEndDate && service.eventOutcome !== 'NFA: Deceased') {
          assert.ok(events.some((e) => e.eventType === 'Review' && e.reviewReason === 'Review of short term support' && e.eventStartDate === service.eventEndDate));
        }
        assert.ok(r.careRelationships.some((c) => c.kind === 'episode' && c.openedOn === service.eventStartDate), 'a reablement episode is a care relationship');
      }
    }
  }
  assert.ok(journeys > 10 && reablement > 10, `${journeys} long-term journeys and ${reablement} reablement services`);
  const open = records.filter((r) => !r.person.dateOfDeath && r.activities.some((a) => a.kind === 'social_care_event' && a.eventType === 'Service' && a.serviceType!.startsWith('Long term') && !a.eventEndDate));
  assert.ok(open.every((r) => r.careRelationships.some((c) => c.kind === 'case' && !c.closedOn)), 'everyone with open long-term support has an open case');
  const share65 = open.filter((r) => ageToday(r) >= 65).length / records.filter((r) => ageToday(r) >= 65 && !r.person.dateOfDeath).length;
  assert.ok(share65 > 0.02 && share65 < 0.09, `${share65} of living people 65+ in long-term support (England about 5%)`);
});

test('the palliative care register holds a fraction of a percent of the living, the old and ill most, and many who died', () => {
  const PALLIATIVE = new Set(['103735009', '845701000000104']);
  const onRegister = (r: GeneratedPerson) => r.activities.some((a) => a.kind === 'gp_event' && PALLIATIVE.has(a.code.code));
  const living = records.filter((r) => !r.person.dateOfDeath && r.person.gpPracticeCode);
  const share = living.filter(onRegister).length / living.length;
  // QOF palliative care register prevalence in England is of the order of 0.4–0.5%.
  assert.ok(share > 0.001 && share < 0.01, `${(share * 100).toFixed(2)}% of the living on the register`);
  const old = living.filter((r) => ageToday(r) >= 80);
  const young = living.filter((r) => ageToday(r) < 50);
  assert.ok(old.filter(onRegister).length / old.length > 10 * (young.filter(onRegister).length / young.length), 'the register is mostly the old');
  const died = records.filter((r) => r.person.dateOfDeath && r.person.gpPracticeCode);
  const diedOnRegister = died.filter(onRegister).length / died.length;
  assert.ok(diedOnRegister > 0.15 && diedOnRegister < 0.5, `${(diedOnRegister * 100).toFixed(0)}% of those who died were on the register`);
  for (const r of died.filter(onRegister)) {
    const coded = r.activities.filter((a) => a.kind === 'gp_event' && PALLIATIVE.has(a.code.code)).map((a) => (a as { eventDate: string }).eventDate);
    assert.ok(coded.every((d) => d < r.person.dateOfDeath!), 'palliative care is coded before death');
  }
});
