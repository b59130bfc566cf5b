/**
 * The FHIR identifier systems, code systems and extensions the importer reads and the NDJSON writer
 * writes. NHS and UK Core URIs where England has one; Seamless' own (under SEAMLESS_FHIR_BASE) only for
 * facts no published profile carries, so an extract round-trips without loss.
 */
export const NHS_NUMBER_URI = 'https://fhir.nhs.uk/Id/nhs-number';
export const ODS_ORGANISATION_URI = 'https://fhir.nhs.uk/Id/ods-organization-code';

export const UKCORE_ADMISSION_METHOD_EXT = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AdmissionMethod';
export const UKCORE_DISCHARGE_METHOD_EXT = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DischargeMethod';
export const UKCORE_ADMISSION_METHOD_CS = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-AdmissionMethodEngland';
export const UKCORE_SOURCE_OF_ADMISSION_CS = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-SourceOfAdmissionEngland';
export const UKCORE_DISCHARGE_DESTINATION_CS = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-DischargeDestinationEngland';
export const UKCORE_DISCHARGE_METHOD_CS = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-DischargeMethodEngland';

export const V3_ACT_CODE_CS = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const UCUM = 'http://unitsofmeasure.org';

/** Base of Seamless' own FHIR URIs. A placeholder domain (RFC 2606 '.example') until the project has one. */
export const SEAMLESS_FHIR_BASE = 'https://seamless.example/fhir';
/** A person's local id (council person id, or the 'L…' id Seamless assigns) on Patient.identifier. */
export const LOCAL_PERSON_ID_URI = `${SEAMLESS_FHIR_BASE}/Id/local-person-id`;
/** The record key of an activity, when it is not a valid FHIR id (so the resource id cannot carry it). */
export const RECORD_KEY_URI = `${SEAMLESS_FHIR_BASE}/Id/record-key`;
export const SPELL_NUMBER_URI = `${SEAMLESS_FHIR_BASE}/Id/spell-number`;
export const TREATMENT_FUNCTION_CS = `${SEAMLESS_FHIR_BASE}/CodeSystem/treatment-function`;
export const URGENT_CARE_SERVICE_CS = `${SEAMLESS_FHIR_BASE}/CodeSystem/urgent-care-service`;

const ext = (name: string) => `${SEAMLESS_FHIR_BASE}/StructureDefinition/${name}`;
export const COST_EXT = ext('activity-cost');
export const SOURCE_ORG_EXT = ext('source-org');
export const ARRIVAL_MODE_EXT = ext('arrival-mode');
export const FIRST_ATTENDANCE_EXT = ext('first-attendance');
export const ATTENDED_OR_DNA_EXT = ext('attended-or-dna');
export const COMMUNITY_SETTING_EXT = ext('community-setting');

/** FHIR resource ids: 1–64 of A–Z, a–z, 0–9, '-' and '.'. */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
export const LSOA_CODE_EXT = ext('lsoa-code');
export const LOCALITY_CODE_EXT = ext('locality-code');
