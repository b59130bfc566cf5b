import { codeSystemUri } from '../../../kernel/codes.ts';
import type { Activity } from './activity.ts';
import { extractLocalId } from './csv-layouts.ts';
import { hashText } from './csv-values.ts';
import type { Json } from './fhir-mapping.ts';
import type { Person } from './person.ts';
import {
  ARRIVAL_MODE_EXT, ATTENDED_OR_DNA_EXT, COMMUNITY_SETTING_EXT, COST_EXT, FHIR_ID, FIRST_ATTENDANCE_EXT, LOCAL_PERSON_ID_URI, LOCALITY_CODE_EXT,
  LSOA_CODE_EXT, NHS_NUMBER_URI, ODS_ORGANISATION_URI, RECORD_KEY_URI, SOURCE_ORG_EXT, SPELL_NUMBER_URI, TREATMENT_FUNCTION_CS, UCUM,
  UKCORE_ADMISSION_METHOD_CS, UKCORE_ADMISSION_METHOD_EXT, UKCORE_DISCHARGE_DESTINATION_CS, UKCORE_DISCHARGE_METHOD_CS,
  UKCORE_DISCHARGE_METHOD_EXT, UKCORE_SOURCE_OF_ADMISSION_CS, URGENT_CARE_SERVICE_CS, V3_ACT_CODE_CS,
} from './fhir-systems.ts';

/**
 * Persons and activity → FHIR R4 resources, exactly the mapping fhir-mapping.ts reads back (the
 * round trip is tested). Social care events have no FHIR form here: the NDJSON writer puts them in
 * social_care_events.csv beside the resources.
 */
export interface FhirOutput { type: string; resource: Json }

const GENDER: Record<string, string> = { '1': 'male', '2': 'female', '9': 'other', X: 'unknown' };

/** A stable Patient id: from the NHS number or the local id, so the same person keeps the same id. */
export function patientIdOf(person: Person): string {
  if (person.nhsNumber !== undefined) return `nhs-${person.nhsNumber}`;
  const local = extractLocalId(person)!;
  const id = `local-${local}`;
  return FHIR_ID.test(id) ? id : `local-h${hashText(local)}`;
}

function compact(resource: Json): Json {
  for (const key of Object.keys(resource)) {
    const value = resource[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete resource[key];
  }
  return resource;
}

export function personToPatient(person: Person): Json {
  const local = extractLocalId(person);
  const extension: Json[] = [];
  if (person.lsoaCode !== undefined) extension.push({ url: LSOA_CODE_EXT, valueString: person.lsoaCode });
  if (person.localityCode !== undefined) extension.push({ url: LOCALITY_CODE_EXT, valueString: person.localityCode });
  return compact({
    resourceType: 'Patient',
    id: patientIdOf(person),
    extension,
    identifier: [
      ...(person.nhsNumber !== undefined ? [{ system: NHS_NUMBER_URI, value: person.nhsNumber }] : []),
      ...(local !== undefined ? [{ system: LOCAL_PERSON_ID_URI, value: local }] : []),
    ],
    name: person.familyName !== undefined || person.givenName !== undefined
      ? [compact({ use: 'official', family: person.familyName, given: person.givenName !== undefined ? [person.givenName] : undefined })]
      : undefined,
    gender: GENDER[person.sex] ?? 'unknown',
    birthDate: person.dateOfBirth,
    deceasedDateTime: person.dateOfDeath,
    address: person.postcode !== undefined ? [{ use: 'home', postalCode: person.postcode }] : undefined,
    generalPractitioner: person.gpPracticeCode !== undefined ? [{ identifier: { system: ODS_ORGANISATION_URI, value: person.gpPracticeCode } }] : undefined,
  });
}

const coding = (system: string, code: string | undefined, display?: string | undefined) =>
  code === undefined ? undefined : { coding: [compact({ system, code, display })] };
const money = (pence: number | undefined) =>
  pence === undefined ? [] : [{ url: COST_EXT, valueMoney: { value: pence / 100, currency: 'GBP' } }];
const sourceOrgExtension = (org: string | undefined) => (org === undefined ? [] : [{ url: SOURCE_ORG_EXT, valueString: org }]);

/** The resources for one activity; undefined for social care events (written as CSV instead). */
export function activityToFhir(person: Person, a: Activity): FhirOutput[] | undefined {
  const patient = patientIdOf(person);
  const subject = { reference: `Patient/${patient}` };
  const id = hashText(`${patient}|${a.kind}|${a.recordKey}`);
  const identifier = [{ system: RECORD_KEY_URI, value: a.recordKey }];
  const encounterBase = (cls: string) => ({
    resourceType: 'Encounter', id, identifier, class: { system: V3_ACT_CODE_CS, code: cls }, subject,
    serviceProvider: a.sourceOrg !== undefined ? { identifier: { system: ODS_ORGANISATION_URI, value: a.sourceOrg } } : undefined,
  });
  switch (a.kind) {
    case 'gp_event': {
      const code = { coding: [compact({ system: codeSystemUri(a.code.system), code: a.code.code, display: a.term })] };
      if (a.value !== undefined) {
        return [{ type: 'Observation', resource: compact({
          resourceType: 'Observation', id, identifier, extension: sourceOrgExtension(a.sourceOrg), status: 'final', code, subject,
          effectiveDateTime: a.eventDate, valueQuantity: compact({ value: a.value, unit: a.unit }),
        }) }];
      }
      return [{ type: 'Condition', resource: compact({
        resourceType: 'Condition', id, identifier, extension: sourceOrgExtension(a.sourceOrg), code, subject, onsetDateTime: a.eventDate, recordedDate: a.eventDate,
      }) }];
    }
    case 'gp_medication':
      return [{ type: 'MedicationRequest', resource: compact({
        resourceType: 'MedicationRequest', id, identifier, extension: sourceOrgExtension(a.sourceOrg), status: a.endDate !== undefined ? 'completed' : 'active',
        intent: 'order', medicationCodeableConcept: { coding: [compact({ system: codeSystemUri(a.code.system), code: a.code.code, display: a.term })] },
        subject, authoredOn: a.startDate, dispenseRequest: { validityPeriod: compact({ start: a.startDate, end: a.endDate }) },
      }) }];
    case 'apc_spell': {
      const contained = a.diagnoses.map((code, i) => ({
        resourceType: 'Condition', id: `d${i + 1}`, code: { coding: [{ system: codeSystemUri('ICD-10'), code }] }, subject,
      }));
      const hospitalization = compact({
        extension: [
          { url: UKCORE_ADMISSION_METHOD_EXT, valueCodeableConcept: coding(UKCORE_ADMISSION_METHOD_CS, a.admissionMethod) },
          ...(a.dischargeMethod !== undefined ? [{ url: UKCORE_DISCHARGE_METHOD_EXT, valueCodeableConcept: coding(UKCORE_DISCHARGE_METHOD_CS, a.dischargeMethod) }] : []),
        ],
        admitSource: coding(UKCORE_SOURCE_OF_ADMISSION_CS, a.admissionSource),
        dischargeDisposition: coding(UKCORE_DISCHARGE_DESTINATION_CS, a.dischargeDestination),
      });
      const encounter = compact({
        ...encounterBase('IMP'),
        identifier: [...identifier, ...(a.spellNumber !== undefined ? [{ system: SPELL_NUMBER_URI, value: a.spellNumber }] : [])],
        contained,
        extension: money(a.costPence),
        status: a.dischargeDate !== undefined ? 'finished' : 'in-progress',
        period: compact({ start: a.admissionDate, end: a.dischargeDate }),
        length: a.lengthOfStay !== undefined ? { value: a.lengthOfStay, unit: 'd', system: UCUM, code: 'd' } : undefined,
        diagnosis: contained.map((c, i) => ({ condition: { reference: `#${c.id}` }, rank: i + 1 })),
        hospitalization,
      });
      const procedures: FhirOutput[] = a.procedures.map((p, i) => ({ type: 'Procedure', resource: compact({
        resourceType: 'Procedure', id: hashText(`${id}|p|${i + 1}`), status: 'completed', code: { coding: [{ system: codeSystemUri('OPCS-4'), code: p.code }] },
        subject, encounter: { reference: `Encounter/${id}`, identifier: { system: RECORD_KEY_URI, value: a.recordKey } }, performedDateTime: p.date,
      }) }));
      return [{ type: 'Encounter', resource: encounter }, ...procedures];
    }
    case 'ae_attendance': {
      const contained = a.diagnosisSnomed !== undefined
        ? [{ resourceType: 'Condition', id: 'd1', code: { coding: [{ system: codeSystemUri('SNOMED CT'), code: a.diagnosisSnomed }] }, subject }]
        : [];
      return [{ type: 'Encounter', resource: compact({
        ...encounterBase('EMER'), contained,
        extension: [...(a.arrivalMode !== undefined ? [{ url: ARRIVAL_MODE_EXT, valueCode: a.arrivalMode }] : []), ...money(a.costPence)],
        status: 'finished', period: compact({ start: a.arrivalAt, end: a.departureAt }),
        reasonCode: a.chiefComplaintSnomed !== undefined ? [coding(codeSystemUri('SNOMED CT'), a.chiefComplaintSnomed)] : undefined,
        diagnosis: contained.map((c) => ({ condition: { reference: `#${c.id}` }, rank: 1 })),
        hospitalization: a.disposal !== undefined ? { dischargeDisposition: { text: a.disposal } } : undefined,
      }) }];
    }
    case 'op_appointment':
      return [{ type: 'Encounter', resource: compact({
        ...encounterBase('AMB'),
        extension: [
          ...(a.firstAttendance !== undefined ? [{ url: FIRST_ATTENDANCE_EXT, valueCode: a.firstAttendance }] : []),
          ...(a.attendedOrDna !== undefined ? [{ url: ATTENDED_OR_DNA_EXT, valueCode: a.attendedOrDna }] : []),
          ...money(a.costPence),
        ],
        status: a.attendedOrDna === '2' || a.attendedOrDna === '4' ? 'cancelled' : 'finished',
        period: { start: a.appointmentDate },
        serviceType: a.treatmentFunctionCode !== undefined ? coding(TREATMENT_FUNCTION_CS, a.treatmentFunctionCode) : undefined,
      }) }];
    case 'community_contact':
      return [{ type: 'Encounter', resource: compact({
        ...encounterBase('HH'), extension: [{ url: COMMUNITY_SETTING_EXT, valueCode: a.setting }], status: 'finished',
        period: { start: a.contactDate },
        serviceType: a.service !== undefined ? { text: a.service } : undefined,
        type: a.contactMode !== undefined ? [{ text: a.contactMode }] : undefined,
        participant: a.professional !== undefined ? [{ type: [{ text: a.professional }] }] : undefined,
        length: a.durationMinutes !== undefined ? { value: a.durationMinutes, unit: 'min', system: UCUM, code: 'min' } : undefined,
      }) }];
    case 'urgent_care_contact':
      return [{ type: 'Encounter', resource: compact({
        ...encounterBase(a.service === 'ambulance' ? 'FLD' : 'VR'), status: 'finished', period: { start: a.contactAt },
        serviceType: coding(URGENT_CARE_SERVICE_CS, a.service),
        hospitalization: a.outcome !== undefined ? { dischargeDisposition: { text: a.outcome } } : undefined,
      }) }];
    case 'social_care_event':
      return undefined;
  }
}
