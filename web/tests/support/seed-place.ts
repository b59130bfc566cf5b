import { withTransaction, type Database } from '../../../src/kernel/db/database.ts';
import {
  allocatePersonIds, insertActivities, insertIdentifiers, insertPersons, type Activity, type Person, type PersonActivity,
} from '../../../src/modules/population/index.ts';

/** A small place for the browser test, dated relative to today so 'the last 12 months' always holds the same records. */
const DAY = 86_400_000;
const today = new Date();
export const daysAgo = (n: number) => new Date(today.getTime() - n * DAY).toISOString().slice(0, 10);
export const yearsAgo = (years: number, extraDays = 0) => {
  const d = new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), 1) - extraDays * DAY);
  return d.toISOString().slice(0, 10);
};

/** Four people: two Hargreaves (85+ and 65+), one person known by a council ID only, one who has died. */
export async function seedPlace(db: Database): Promise<{ mabel: number; harold: number; priya: number; tom: number }> {
  return withTransaction(db, async (tx) => {
    const [mabel, harold, priya, tom] = (await allocatePersonIds(tx, 4)) as [number, number, number, number];
    // Localities are reference data with no writer in the population API yet; the schema is the contract here.
    await tx.kysely.insertInto('locality').values([{ code: 'E1', name: 'Eastbrook' }, { code: 'W1', name: 'Westvale' }]).execute();
    const persons: Person[] = [
      { id: mabel, nhsNumber: '9434765919', givenName: 'Mabel', familyName: 'Hargreaves', dateOfBirth: yearsAgo(88), sex: '2', postcode: 'LS1 4AP', localityCode: 'E1', gpPracticeCode: 'B82001' },
      { id: harold, nhsNumber: '9434765870', givenName: 'Harold', familyName: 'Hargreaves', dateOfBirth: yearsAgo(74), sex: '1', postcode: 'LS1 4AP', localityCode: 'E1', gpPracticeCode: 'B82001' },
      { id: priya, localId: 'C0001234', givenName: 'Priya', familyName: 'Shah', dateOfBirth: yearsAgo(36), sex: '2', postcode: 'LS6 1AA', localityCode: 'W1', gpPracticeCode: 'B82002' },
      { id: tom, nhsNumber: '9434765889', givenName: 'Tom', familyName: 'Okafor', dateOfBirth: yearsAgo(80), sex: '1', postcode: 'LS7 2BB', localityCode: 'W1', gpPracticeCode: 'B82003', dateOfDeath: daysAgo(400) },
    ];
    await insertPersons(tx, persons);
    await insertIdentifiers(tx, [
      { system: 'nhs-number', value: '9434765919', personId: mabel, matchMethod: 'nhs_number' },
      { system: 'source:council-case-system', value: 'CASE-77', personId: mabel, matchMethod: 'probabilistic', matchScore: 11.5 },
      { system: 'nhs-number', value: '9434765870', personId: harold, matchMethod: 'nhs_number' },
      { system: 'local', value: 'C0001234', personId: priya, matchMethod: 'local_id' },
      { system: 'nhs-number', value: '9434765889', personId: tom, matchMethod: 'nhs_number' },
    ]);

    const mabelActivity: Activity[] = [
      { kind: 'gp_event', recordKey: 'gp-1', sourceOrg: 'B82001', eventDate: daysAgo(20), code: { system: 'SNOMED CT', code: '38341003' }, term: 'Hypertensive disorder' },
      { kind: 'gp_event', recordKey: 'gp-2', sourceOrg: 'B82001', eventDate: daysAgo(500), code: { system: 'SNOMED CT', code: '161898004' }, term: 'Falls' },
      { kind: 'gp_medication', recordKey: 'med-1', sourceOrg: 'B82001', startDate: daysAgo(300), code: { system: 'dm+d', code: '319283006' }, term: 'Amlodipine 5mg tablets' },
      { kind: 'apc_spell', recordKey: 'spell-1', sourceOrg: 'RR8', admissionDate: daysAgo(100), dischargeDate: daysAgo(94), admissionMethod: '21', dischargeDestination: '19', diagnoses: ['S720', 'W19'], procedures: [{ code: 'W371', date: daysAgo(99) }], costPence: 512_000 },
      { kind: 'ae_attendance', recordKey: 'ae-1', sourceOrg: 'RR8', arrivalAt: `${daysAgo(100)}T08:30:00.000Z`, arrivalMode: 'ambulance', disposal: 'Admitted', costPence: 24_000 },
      { kind: 'op_appointment', recordKey: 'op-1', sourceOrg: 'RR8', appointmentDate: daysAgo(60), firstAttendance: '2', attendedOrDna: '5', treatmentFunctionCode: '110', costPence: 16_000 },
      { kind: 'community_contact', recordKey: 'cc-1', sourceOrg: 'RY6', setting: 'community', contactDate: daysAgo(85), service: 'District nursing', durationMinutes: 30 },
      { kind: 'urgent_care_contact', recordKey: 'amb-1', sourceOrg: 'RX8', service: 'ambulance', contactAt: `${daysAgo(100)}T07:55:00.000Z`, outcome: 'see and convey' },
      { kind: 'social_care_event', recordKey: 'sc-1', sourceOrg: 'LA1', eventType: 'Request', eventStartDate: daysAgo(90), eventEndDate: daysAgo(90), clientType: 'Service user', eventOutcome: 'Progress to assessment, review or reassessment' },
      { kind: 'social_care_event', recordKey: 'sc-2', sourceOrg: 'LA1', eventType: 'Service', eventStartDate: daysAgo(80), clientType: 'Service user', serviceType: 'Long term support: Community', serviceComponent: 'Home support or domiciliary care', deliveryMechanism: 'CASSR managed personal budget', weeklyCostPence: 35_000, funder: 'Local authority' },
    ];
    // Harold has a long GP record, two coded events a day, three years ago: more than one page of timeline.
    const haroldGp: Activity[] = Array.from({ length: 230 }, (_, i) => ({
      kind: 'gp_event' as const, recordKey: `hgp-${i}`, sourceOrg: 'B82001', eventDate: daysAgo(1100 + Math.floor(i / 2)),
      code: { system: 'SNOMED CT' as const, code: '271649006' }, term: 'Systolic blood pressure', value: 120 + (i % 30), unit: 'mmHg',
    }));
    const items: PersonActivity[] = [
      ...mabelActivity.map((activity) => ({ personId: mabel, activity })),
      ...haroldGp.map((activity) => ({ personId: harold, activity })),
      { personId: harold, activity: { kind: 'apc_spell', recordKey: 'h-spell-1', sourceOrg: 'RR8', admissionDate: daysAgo(30), dischargeDate: daysAgo(30), admissionMethod: '11', diagnoses: ['H251'], procedures: [{ code: 'C712' }], costPence: 180_050 } },
      { personId: priya, activity: { kind: 'community_contact', recordKey: 'mh-1', sourceOrg: 'RXG', setting: 'mental_health', contactDate: daysAgo(40), service: 'Community mental health team' } },
      { personId: priya, activity: { kind: 'urgent_care_contact', recordKey: '111-1', sourceOrg: 'NHS111', service: 'nhs111', contactAt: `${daysAgo(41)}T22:10:00.000Z`, outcome: 'Advised to contact own GP' } },
    ];
    await insertActivities(tx, items);
    return { mabel, harold, priya, tom };
  });
}
