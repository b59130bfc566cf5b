import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCode, type CodeSystemId } from '../../../kernel/codes.ts';
import { isIsoDate, toIsoInstant } from '../../../kernel/dates.ts';
import { STAFF_ROLES, ORGANISATION_TYPES } from '../../governance/index.ts';
import { loadApcCodes, loadCldRelease2Values } from '../generator/reference-data.loader.ts';
import { CLD_VALUES_USED } from '../generator/social-care.constants.ts';
import { checkNhsNumber, generatePlaceRecords, generatePlaceReference, normalisePostcode, type Activity } from '../index.ts';

const PEOPLE = 3_000;
const records = [...generatePlaceRecords({ people: PEOPLE, seed: 77, today: '2026-11-01' })];
const activities: Activity[] = records.flatMap((r) => r.activities);

function assertCode(system: CodeSystemId, code: string | undefined, where: string): void {
  const check = checkCode(system, code);
  assert.ok(check.ok, `${where}: ${check.ok ? '' : check.reason}`);
  assert.equal(check.code.code, code, `${where}: '${code}' is not in the normalised form of ${system}`);
}

test('NHS numbers pass the Modulus 11 check, are unique and come from the 999 test range', () => {
  const numbers = records.map((r) => r.person.nhsNumber).filter((n): n is string => n !== undefined);
  for (const n of numbers) assert.ok(checkNhsNumber(n).ok, `${n} fails the Modulus 11 check`);
  assert.equal(new Set(numbers).size, numbers.length);
  assert.ok(numbers.every((n) => n.startsWith('999')));
  const without = records.filter((r) => !r.person.nhsNumber);
  assert.ok(without.length > PEOPLE * 0.01 && without.length < PEOPLE * 0.03, `${without.length} people without an NHS number`);
  for (const r of without) assert.match(r.person.localId ?? '', /^DCC\d{7}$/);
});

test('demographics are well formed: dates, sexes, postcodes, localities and practices of the place', () => {
  const reference = generatePlaceReference({ people: PEOPLE, seed: 77 });
  const localities = new Set(reference.localities.map((l) => l.code));
  const practices = new Set(reference.organisations.filter((o) => o.type === 'gp_practice').map((o) => o.code));
  for (const { person } of records) {
    assert.ok(isIsoDate(person.dateOfBirth!), person.dateOfBirth);
    assert.ok(person.sex === '1' || person.sex === '2');
    assert.equal(normalisePostcode(person.postcode), person.postcode);
    assert.match(person.lsoaCode!, /^E01\d{6}$/);
    assert.ok(localities.has(person.localityCode!));
    if (person.gpPracticeCode) assert.ok(practices.has(person.gpPracticeCode), person.gpPracticeCode);
    if (person.dateOfDeath) assert.ok(isIsoDate(person.dateOfDeath) && person.dateOfDeath >= person.dateOfBirth!);
  }
});

test('every code is valid in its code system', () => {
  let checked = 0;
  for (const a of activities) {
    switch (a.kind) {
      case 'gp_event': assert.equal(a.code.system, 'SNOMED CT'); assertCode('SNOMED CT', a.code.code, `GP event ${a.term}`); checked++; break;
      case 'gp_medication': assert.equal(a.code.system, 'dm+d'); assertCode('dm+d', a.code.code, `medication ${a.term}`); checked++; break;
      case 'apc_spell':
        assert.ok(a.diagnoses.length > 0);
        for (const d of a.diagnoses) { assertCode('ICD-10', d, 'spell diagnosis'); checked++; }
        for (const p of a.procedures) { assertCode('OPCS-4', p.code, 'spell procedure'); checked++; }
        break;
      case 'ae_attendance':
        assertCode('SNOMED CT', a.chiefComplaintSnomed, 'A&E chief complaint');
        assertCode('SNOMED CT', a.diagnosisSnomed, 'A&E diagnosis');
        checked += 2;
        break;
      default: break;
    }
  }
  assert.ok(checked > PEOPLE * 10, `only ${checked} codes checked`);
});

test('hospital spells use the national admission, discharge and outpatient codes', () => {
  const methods = loadApcCodes('apc_admission_method.csv');
  const sources = loadApcCodes('apc_admission_source.csv');
  const destinations = loadApcCodes('apc_discharge_destination.csv');
  const dischargeMethods = loadApcCodes('apc_discharge_method.csv');
  for (const a of activities) {
    if (a.kind === 'apc_spell') {
      assert.ok(methods.has(a.admissionMethod), a.admissionMethod);
      assert.ok(sources.has(a.admissionSource!), a.admissionSource);
      assert.ok(destinations.has(a.dischargeDestination!), a.dischargeDestination);
      assert.ok(dischargeMethods.has(a.dischargeMethod!), a.dischargeMethod);
      assert.equal(a.dischargeDestination === '79', a.dischargeMethod === '4', 'died (79) goes with discharge method 4');
      if (a.dischargeDate) assert.equal(a.lengthOfStay, Math.round((Date.parse(a.dischargeDate) - Date.parse(a.admissionDate)) / 86_400_000));
    }
    if (a.kind === 'op_appointment') {
      assert.match(a.treatmentFunctionCode!, /^\d{3}$/);
      assert.ok(['2', '3', '5', '6'].includes(a.attendedOrDna!));
    }
    if (a.kind === 'ae_attendance') {
      assert.ok(toIsoInstant(a.arrivalAt) === a.arrivalAt && a.departureAt! > a.arrivalAt);
    }
  }
});

test('social care uses the CLD Release 2 vocabulary exactly', () => {
  const r2 = loadCldRelease2Values();
  for (const [field, values] of Object.entries(CLD_VALUES_USED)) {
    for (const value of values) assert.ok(r2.get(field)?.has(value), `${field} '${value}' is not a Release 2 value`);
  }
  const fields: [keyof Activity & string, string][] = [
    ['eventType', 'Event_Type'], ['clientType', 'Client_Type'], ['eventOutcome', 'Event_Outcome'], ['serviceType', 'Service_Type'],
    ['serviceComponent', 'Service_Component'], ['deliveryMechanism', 'Delivery_Mechanism'], ['assessmentType', 'Assessment_Type'],
    ['reviewReason', 'Review_Reason'], ['primarySupportReason', 'Primary_Support_Reason'], ['supportSetting', 'Accommodation_Status'],
    ['costFrequencyUnitType', 'Cost_Frequency_Unit_Type'],
  ] as never;
  let seen = 0;
  for (const a of activities) {
    if (a.kind !== 'social_care_event') continue;
    seen++;
    for (const [key, field] of fields) {
      const value = (a as unknown as Record<string, string | undefined>)[key];
      if (value !== undefined) assert.ok(r2.get(field)?.has(value), `${field} '${value}'`);
    }
    assert.ok(['Local authority', 'NHS', 'Joint', 'Self-funded', undefined].includes(a.funder));
  }
  assert.ok(seen > 100, `only ${seen} social care events`);
});

test('costs are positive whole pence', () => {
  let costs = 0;
  const check = (value: number | undefined, what: string) => {
    if (value === undefined) return;
    assert.ok(Number.isSafeInteger(value) && value > 0, `${what} ${value} is not a positive whole number of pence`);
    costs++;
  };
  for (const a of activities) {
    if (a.kind === 'apc_spell' || a.kind === 'ae_attendance' || a.kind === 'op_appointment') check(a.costPence, a.kind);
    if (a.kind === 'social_care_event') {
      check(a.unitCostPence, 'unit cost');
      check(a.weeklyCostPence, 'weekly cost');
      if (a.weeklyCostPence !== undefined && a.plannedUnitsPerWeek !== undefined) assert.equal(a.weeklyCostPence, Math.round(a.unitCostPence! * a.plannedUnitsPerWeek));
    }
  }
  assert.ok(costs > PEOPLE, `only ${costs} costs`);
  const unattended = activities.filter((a) => a.kind === 'op_appointment' && (a.attendedOrDna === '3' || a.attendedOrDna === '2'));
  assert.ok(unattended.length > 0 && unattended.every((a) => a.kind === 'op_appointment' && a.costPence === undefined));
});

test('record keys are unique within each person and activity kind', () => {
  for (const r of records) {
    const keys = new Set(r.activities.map((a) => `${a.kind}|${a.recordKey}`));
    assert.equal(keys.size, r.activities.length);
  }
});

test('partners cover every kind of organisation, with staff whose employer is not always their team host', () => {
  const reference = generatePlaceReference({ people: PEOPLE, seed: 77 });
  assert.deepEqual(new Set(reference.organisations.map((o) => o.type)), new Set(ORGANISATION_TYPES));
  const orgs = new Set(reference.organisations.map((o) => o.code));
  const teams = new Map(reference.teams.map((t) => [t.code, t]));
  for (const t of reference.teams) assert.ok(orgs.has(t.hostOrgCode));
  for (const s of reference.staff) {
    assert.ok(orgs.has(s.employerOrgCode));
    assert.ok((STAFF_ROLES as readonly string[]).includes(s.role));
    for (const code of s.teamCodes) assert.ok(teams.has(code), code);
  }
  assert.ok(reference.staff.some((s) => teams.get(s.teamCodes[0]!)!.hostOrgCode !== s.employerOrgCode), 'some teams span organisations');
  assert.ok(reference.teams.some((t) => t.service === 'integrated_neighbourhood_team'));
  assert.ok(reference.teams.some((t) => t.service === 'single_point_of_access'));
  for (const r of records) for (const c of r.careRelationships) assert.ok(teams.has(c.teamCode), c.teamCode);
});
