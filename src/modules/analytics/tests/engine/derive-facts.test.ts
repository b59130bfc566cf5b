import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type {
  HistoryAeAttendance, HistoryGpEvent, HistoryMedication, HistoryOutpatientAppointment, HistorySocialCareEvent, HistorySpell, PersonHistory,
} from '../../../population/index.ts';
import { buildScoreInputs, deriveFacts, hasEmergencyAdmission, latestDischarge } from '../../domain/derive-facts.ts';
import type { PersonFacts } from '../../domain/person-facts.ts';

/**
 * Spec tables for derive-facts.ts: each row is a few records of one person, the facts date, and what
 * the facts must say. asOf is 2026-11-01 throughout, so the 12 months are 2025-11-02 to 2026-11-01
 * inclusive: 2025-11-01 (asOf − 365) is the first day outside.
 */
const AS_OF = '2026-11-01';
const FIRST_DAY_IN = '2025-11-02';
const LAST_DAY_OUT = '2025-11-01';

function history(records: Partial<Omit<PersonHistory, 'person'>> & { person?: Partial<PersonHistory['person']> } = {}): PersonHistory {
  return {
    person: {
      id: 1, nhsNumber: '9434765919', dateOfBirth: '1940-06-15', sex: '2', localityCode: 'L01', gpPracticeCode: 'B82001', dateOfDeath: null,
      ...records.person,
    },
    gpEvents: records.gpEvents ?? [],
    medications: records.medications ?? [],
    spells: records.spells ?? [],
    aeAttendances: records.aeAttendances ?? [],
    outpatientAppointments: records.outpatientAppointments ?? [],
    communityContacts: records.communityContacts ?? [],
    urgentCareContacts: records.urgentCareContacts ?? [],
    socialCareEvents: records.socialCareEvents ?? [],
  };
}

const gp = (eventDate: string, code: string): HistoryGpEvent => ({ eventDate, code: { system: 'SNOMED CT', code } });
const med = (startDate: string, code: string, endDate?: string): HistoryMedication => ({ startDate, endDate, code: { system: 'dm+d', code } });
let key = 0;
/** A spell; discharged the same day unless a discharge date is given, still in hospital with null. */
const spell = (admissionDate: string, admissionMethod: string, diagnoses: string[] = [], discharge?: string | null): HistorySpell => ({
  recordKey: `S${++key}`, admissionDate, dischargeDate: discharge === null ? undefined : discharge ?? admissionDate, admissionMethod, dischargeMethod: '1', dischargeDestination: '19', lengthOfStay: null, diagnoses,
});
const ae = (day: string, complaint: string | null = null, diagnosis: string | null = null, time = '10:00:00.000Z'): HistoryAeAttendance => ({
  arrivalAt: `${day}T${time}`, chiefComplaintSnomed: complaint, diagnosisSnomed: diagnosis,
});
const op = (appointmentDate: string, attended: boolean | null): HistoryOutpatientAppointment => ({ appointmentDate, attended });
const service = (startDate: string, endDate: string | undefined, weeklyCostPence: number | null, clientType = 'Service user'): HistorySocialCareEvent => ({
  eventType: 'Service', startDate, endDate, weeklyCostPence, clientType, primarySupportReason: 'Physical support: Personal care support',
});

interface Row {
  rule: string;
  history: PersonHistory;
  expect: Partial<PersonFacts>;
}

function check(rows: Row[]): void {
  for (const row of rows) {
    test(row.rule, () => {
      const facts = deriveFacts(row.history, AS_OF);
      const picked = Object.fromEntries(Object.keys(row.expect).map((k) => [k, facts[k as keyof PersonFacts]]));
      assert.deepEqual(picked, row.expect);
    });
  }
}

describe('12-month windows end on asOf and start 364 days before it', () => {
  check([
    { rule: 'an emergency admission on the first day of the window counts', history: history({ spells: [spell(FIRST_DAY_IN, '21')] }), expect: { emergencyAdmissions12m: 1 } },
    { rule: 'an emergency admission the day before the window does not', history: history({ spells: [spell(LAST_DAY_OUT, '21')] }), expect: { emergencyAdmissions12m: 0 } },
    { rule: 'an emergency admission on asOf counts', history: history({ spells: [spell(AS_OF, '21', [], null)] }), expect: { emergencyAdmissions12m: 1 } },
    { rule: 'an emergency admission after asOf does not', history: history({ spells: [spell('2026-11-02', '21')] }), expect: { emergencyAdmissions12m: 0 } },
    {
      rule: 'A&E attendances count by their UTC day, at both edges',
      history: history({ aeAttendances: [ae(FIRST_DAY_IN, null, null, '00:00:00.000Z'), ae(LAST_DAY_OUT, null, null, '23:59:59.000Z'), ae(AS_OF, null, null, '23:59:59.000Z'), ae('2026-11-02', null, null, '00:00:00.000Z')] }),
      expect: { aeAttendances12m: 2 },
    },
    {
      rule: 'community, mental health, ambulance and 111 contacts count in the window only',
      history: history({
        communityContacts: [{ setting: 'community', contactDate: FIRST_DAY_IN }, { setting: 'community', contactDate: LAST_DAY_OUT }, { setting: 'mental_health', contactDate: AS_OF }],
        urgentCareContacts: [{ service: 'ambulance', contactAt: `${FIRST_DAY_IN}T01:00:00.000Z` }, { service: 'nhs111', contactAt: `${LAST_DAY_OUT}T23:00:00.000Z` }, { service: 'nhs111', contactAt: `${AS_OF}T08:00:00.000Z` }],
      }),
      expect: { communityContacts12m: 1, mentalHealthContacts12m: 1, ambulanceContacts12m: 1, nhs111Contacts12m: 1 },
    },
    {
      rule: 'outpatient appointments count when attended or not recorded, not when missed or cancelled',
      history: history({ outpatientAppointments: [op(FIRST_DAY_IN, true), op('2026-01-01', null), op('2026-02-01', false), op(LAST_DAY_OUT, true)] }),
      expect: { outpatientAppointments12m: 2 },
    },
    {
      rule: 'medications: distinct codes prescribed in the window (a repeat that ended before it does not count)',
      history: history({ medications: [med('2020-01-01', '319283006'), med('2026-01-01', '319283006'), med('2024-01-01', '325278007', LAST_DAY_OUT), med('2024-01-01', '317972000', FIRST_DAY_IN), med('2026-11-02', '320000009')] }),
      expect: { medicationCount: 2 },
    },
  ]);
});

describe('emergency and elective admissions by admission method', () => {
  check([
    { rule: 'methods 21–25, 28 and 2A–2D are emergency admissions', history: history({ spells: ['21', '22', '23', '24', '25', '28', '2A', '2B', '2C', '2D'].map((m) => spell('2026-05-01', m)) }), expect: { emergencyAdmissions12m: 10, electiveAdmissions12m: 0 } },
    { rule: 'methods 11, 12 and 13 are elective', history: history({ spells: ['11', '12', '13'].map((m) => spell('2026-05-01', m)) }), expect: { emergencyAdmissions12m: 0, electiveAdmissions12m: 3 } },
    { rule: 'maternity, transfers, births and unknown are neither', history: history({ spells: ['31', '32', '81', '82', '83', '98', '99', '2E', '2'].map((m) => spell('2026-05-01', m)) }), expect: { emergencyAdmissions12m: 0, electiveAdmissions12m: 0 } },
  ]);
});

describe('bed days are nights in hospital within the window', () => {
  check([
    { rule: 'a day case is no bed days', history: history({ spells: [spell('2026-05-01', '11', [], '2026-05-01')] }), expect: { bedDays12m: 0 } },
    { rule: 'a stay is discharge minus admission', history: history({ spells: [spell('2026-05-01', '21', [], '2026-05-08')] }), expect: { bedDays12m: 7 } },
    { rule: 'a stay across the window start counts its nights inside', history: history({ spells: [spell('2025-10-25', '21', [], '2025-11-05')] }), expect: { bedDays12m: 4 } },
    { rule: 'a stay still open counts up to asOf', history: history({ spells: [spell('2026-10-20', '21', [], null)] }), expect: { bedDays12m: 12 } },
    { rule: 'a stay ending after asOf counts up to asOf', history: history({ spells: [spell('2026-10-30', '21', [], '2026-11-10')] }), expect: { bedDays12m: 2 } },
  ]);
});

describe('falls from each source, one fall however many places record it', () => {
  check([
    { rule: 'a GP coded fall', history: history({ gpEvents: [gp('2026-03-01', '161898004')] }), expect: { falls12m: 1 } },
    { rule: 'an A&E attendance with a fall as the chief complaint', history: history({ aeAttendances: [ae('2026-03-01', '1912002', '82271004')] }), expect: { falls12m: 1 } },
    { rule: 'an A&E attendance with a fall as the diagnosis', history: history({ aeAttendances: [ae('2026-03-01', '82271004', '1912002')] }), expect: { falls12m: 1 } },
    { rule: 'an admission with a W00–W19 code in any position', history: history({ spells: [spell('2026-03-01', '21', ['S720', 'W19'])] }), expect: { falls12m: 1 } },
    { rule: 'W20 and later external causes are not falls', history: history({ spells: [spell('2026-03-01', '21', ['S720', 'W20', 'X59'])] }), expect: { falls12m: 0 } },
    {
      rule: 'A&E, the admission and the GP recording the same fall a week later are one fall',
      history: history({ aeAttendances: [ae('2026-03-01', '1912002')], spells: [spell('2026-03-01', '21', ['S720', 'W01'])], gpEvents: [gp('2026-03-08', '161898004')] }),
      expect: { falls12m: 1 },
    },
    { rule: 'falls 15 days apart are two falls', history: history({ gpEvents: [gp('2026-03-01', '161898004'), gp('2026-03-16', '1912002')] }), expect: { falls12m: 2 } },
    { rule: 'a fall before the window does not count', history: history({ gpEvents: [gp(LAST_DAY_OUT, '161898004')] }), expect: { falls12m: 0 } },
    {
      rule: 'the GP coding in the window of a fall just before it is that earlier fall, not a new one',
      history: history({ aeAttendances: [ae('2025-10-28', '1912002')], gpEvents: [gp('2025-11-05', '161898004')] }),
      expect: { falls12m: 0 },
    },
    { rule: 'other GP codes are not falls (referral to the falls service)', history: history({ gpEvents: [gp('2026-03-01', '247541000000106')] }), expect: { falls12m: 0 } },
  ]);
});

describe('long-term conditions and unstable conditions', () => {
  check([
    { rule: 'a condition coded on or before asOf, at any time, in definition order', history: history({ gpEvents: [gp('2001-01-01', '13645005'), gp(AS_OF, '59621000'), gp('2026-11-02', '84114007')] }), expect: { longTermConditions: ['hypertension', 'copd'] } },
    {
      rule: 'an emergency admission for the condition (primary diagnosis) in the window makes it unstable',
      history: history({ gpEvents: [gp('2020-01-01', '13645005'), gp('2020-01-01', '59621000')], spells: [spell('2026-02-01', '21', ['J441', 'I10'])] }),
      expect: { unstableConditions: ['copd'] },
    },
    { rule: 'a secondary diagnosis does not make it unstable', history: history({ gpEvents: [gp('2020-01-01', '13645005')], spells: [spell('2026-02-01', '21', ['J189', 'J449'])] }), expect: { unstableConditions: [] } },
    { rule: 'an elective admission does not', history: history({ gpEvents: [gp('2020-01-01', '13645005')], spells: [spell('2026-02-01', '11', ['J441'])] }), expect: { unstableConditions: [] } },
    { rule: 'an admission before the window does not', history: history({ gpEvents: [gp('2020-01-01', '13645005')], spells: [spell(LAST_DAY_OUT, '21', ['J441'])] }), expect: { unstableConditions: [] } },
    { rule: 'a condition the GP has not recorded is never unstable', history: history({ spells: [spell('2026-02-01', '21', ['J441'])] }), expect: { longTermConditions: [], unstableConditions: [] } },
    { rule: 'an A&E exacerbation diagnosis makes it unstable', history: history({ gpEvents: [gp('2020-01-01', '13645005')], aeAttendances: [ae('2026-02-01', '267036007', '195951007')] }), expect: { unstableConditions: ['copd'] } },
    { rule: 'ICD-10 codes match with a dot and in any case; C44 is not cancer', history: history({ gpEvents: [gp('2020-01-01', '363346000'), gp('2020-01-01', '84114007')], spells: [spell('2026-02-01', '21', ['i50.0']), spell('2026-03-01', '21', ['C449'])] }), expect: { unstableConditions: ['heart_failure'] } },
  ]);
});

describe('social care, end of life, age and death', () => {
  check([
    { rule: 'a service open on asOf: known, receiving, with its weekly cost', history: history({ socialCareEvents: [service('2026-01-01', undefined, 35_000), service('2026-06-01', AS_OF, 10_000)] }), expect: { knownToSocialCare: true, receivingSocialCare: true, socialCareWeeklyCostPence: 45_000 } },
    { rule: 'a service that ended before asOf: known, not receiving', history: history({ socialCareEvents: [service('2026-01-01', '2026-10-31', 35_000)] }), expect: { knownToSocialCare: true, receivingSocialCare: false, socialCareWeeklyCostPence: 0 } },
    { rule: 'support as an unpaid carer does not make the person known as a service user', history: history({ socialCareEvents: [service('2026-01-01', undefined, 5_000, 'Unpaid carer')] }), expect: { knownToSocialCare: false, receivingSocialCare: false } },
    { rule: 'a service starting after asOf is not yet known', history: history({ socialCareEvents: [service('2026-11-02', undefined, 5_000)] }), expect: { knownToSocialCare: false } },
    { rule: 'a palliative care code means end of life', history: history({ gpEvents: [gp('2026-10-01', '103735009')] }), expect: { endOfLife: true } },
    { rule: 'age in whole years on asOf', history: history({ person: { dateOfBirth: '1940-11-02' } }), expect: { age: 85, dead: false } },
    { rule: 'a birthday on asOf counts', history: history({ person: { dateOfBirth: '1940-11-01' } }), expect: { age: 86 } },
    { rule: 'died on or before asOf: dead, age at death', history: history({ person: { dateOfBirth: '1940-11-01', dateOfDeath: '2026-10-31' } }), expect: { age: 85, dead: true } },
    { rule: 'dies after asOf: alive on asOf', history: history({ person: { dateOfDeath: '2026-11-02' } }), expect: { dead: false } },
    { rule: 'unknown date of birth: age unknown', history: history({ person: { dateOfBirth: null } }), expect: { age: null } },
  ]);
});

test('the model outcome is an emergency admission after the date and up to the end of the window', () => {
  const h = history({ spells: [spell('2025-11-01', '21'), spell('2026-03-01', '11')] });
  assert.equal(hasEmergencyAdmission(h, '2024-11-01', '2025-11-01'), true);
  assert.equal(hasEmergencyAdmission(h, '2025-11-01', '2026-11-01'), false);
});

test('LACE is scored for the latest discharge on or before asOf', () => {
  const earlier = spell('2026-01-01', '21', [], '2026-01-05');
  const later = spell('2026-06-01', '11', [], '2026-06-03');
  const open = spell('2026-10-30', '21', [], null);
  const after = spell('2026-11-01', '21', [], '2026-11-03');
  const h = history({ spells: [later, open, earlier, after] });
  assert.equal(latestDischarge(h, AS_OF), later);
  assert.equal(latestDischarge(h, '2026-03-01'), earlier);
  assert.equal(latestDischarge(h, '2025-12-31'), undefined);
  const inputs = buildScoreInputs(h, deriveFacts(h, AS_OF));
  assert.equal(inputs.lace?.indexSpell, later);
  assert.equal(inputs.hfrs.age, 86);
  assert.equal(inputs.efi.events, h.gpEvents);
  assert.equal(inputs.charlson.asOf, AS_OF);
});
