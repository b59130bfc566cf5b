import { withTransaction, type Database } from '../../../../kernel/db/database.ts';
import type { Activity } from '../../domain/activity.ts';
import type { Person } from '../../domain/person.ts';
import { allocatePersonIds, insertIdentifiers, insertPersons } from '../../store/person.repository.ts';
import { insertActivities } from '../../store/activity.repository.ts';

/** A hand-made place of three people with activity in every setting, for route and screen tests. */
export const SMALL_PLACE_TODAY = '2026-11-01';

export async function seedSmallPlace(db: Database): Promise<{ ada: number; bert: number; cora: number }> {
  return withTransaction(db, async (tx) => {
    const [ada, bert, cora] = (await allocatePersonIds(tx, 3)) as [number, number, number];
    await tx.kysely.insertInto('locality').values([{ code: 'L01', name: 'Northgate' }, { code: 'L02', name: 'Southfield' }]).execute();
    const persons: Person[] = [
      { id: ada, nhsNumber: '9434765919', givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1936-12-10', sex: '2', postcode: 'LS1 4AP', localityCode: 'L01', gpPracticeCode: 'B82001' },
      { id: bert, nhsNumber: '9434765870', givenName: 'Bert', familyName: 'Lovell', dateOfBirth: '1950-03-01', sex: '1', postcode: 'LS2 9JT', localityCode: 'L01', gpPracticeCode: 'B82001' },
      { id: cora, localId: 'L0000003', givenName: 'Cora', familyName: 'Smith', dateOfBirth: '1990-07-21', sex: '2', postcode: 'LS6 1AA', localityCode: 'L02', gpPracticeCode: 'B82002', dateOfDeath: '2026-01-05' },
    ];
    await insertPersons(tx, persons);
    await insertIdentifiers(tx, [
      { system: 'nhs-number', value: '9434765919', personId: ada, matchMethod: 'nhs_number' },
      { system: 'nhs-number', value: '9434765870', personId: bert, matchMethod: 'nhs_number' },
      { system: 'local', value: 'L0000003', personId: cora, matchMethod: 'local_id' },
    ]);
    const adaActivity: Activity[] = [
      { kind: 'gp_event', recordKey: 'gp-1', sourceOrg: 'B82001', eventDate: '2026-03-02', code: { system: 'SNOMED CT', code: '38341003' }, term: 'Hypertensive disorder' },
      { kind: 'gp_medication', recordKey: 'med-1', sourceOrg: 'B82001', startDate: '2025-06-01', code: { system: 'dm+d', code: '319283006' }, term: 'Amlodipine 5mg tablets' },
      { kind: 'apc_spell', recordKey: 'spell-1', sourceOrg: 'RR8', admissionDate: '2026-05-10', dischargeDate: '2026-05-16', admissionMethod: '21', dischargeDestination: '19', diagnoses: ['S720', 'W19'], procedures: [{ code: 'W371', date: '2026-05-11' }], costPence: 512_000 },
      { kind: 'ae_attendance', recordKey: 'ae-1', sourceOrg: 'RR8', arrivalAt: '2026-05-10T08:30:00.000Z', arrivalMode: 'ambulance', costPence: 24_000 },
      { kind: 'community_contact', recordKey: 'cc-1', sourceOrg: 'RY6', setting: 'community', contactDate: '2026-05-20', service: 'District nursing', durationMinutes: 30 },
      { kind: 'urgent_care_contact', recordKey: 'amb-1', sourceOrg: 'RX8', service: 'ambulance', contactAt: '2026-05-10T07:55:00.000Z', outcome: 'see and convey' },
      { kind: 'social_care_event', recordKey: 'sc-1', sourceOrg: 'LA1', eventType: 'Request', eventStartDate: '2026-05-15', eventEndDate: '2026-05-15', clientType: 'Service user', eventOutcome: 'Progress to assessment, review or reassessment' },
      { kind: 'social_care_event', recordKey: 'sc-2', sourceOrg: 'LA1', eventType: 'Service', eventStartDate: '2026-06-01', clientType: 'Service user', serviceType: 'Long term support: Community', serviceComponent: 'Home support or domiciliary care', deliveryMechanism: 'CASSR managed personal budget', weeklyCostPence: 35_000, funder: 'Local authority' },
    ];
    await insertActivities(tx, [
      ...adaActivity.map((activity) => ({ personId: ada, activity })),
      { personId: bert, activity: { kind: 'op_appointment', recordKey: 'op-1', sourceOrg: 'RR8', appointmentDate: '2026-02-01', firstAttendance: '1', attendedOrDna: '5', costPence: 16_000 } },
      { personId: cora, activity: { kind: 'community_contact', recordKey: 'mh-1', sourceOrg: 'RXG', setting: 'mental_health', contactDate: '2025-12-01', service: 'Community mental health team' } },
    ]);
    return { ada, bert, cora };
  });
}
