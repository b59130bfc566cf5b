/**
 * The seeded synthetic place generator: a realistic, linked population of any size, so that every
 * part of Seamless can be demonstrated and benchmarked without real data. The same (people, seed,
 * today) always gives the same place, record for record; nothing reads the clock or Math.random.
 *
 * One source of truth: `generatePlaceRecords` yields each person with all of their activity and care
 * relationships, and both the store writer (`generateSyntheticPlace`) and the file extracts
 * (`seamless generate --out`) consume it.
 *
 * Sources and assumptions (all the figures are for realism, not estimates of any real population):
 * - Age structure: ONS mid-2020 population estimates by single year of age for County Durham
 *   (E06000047) in reference/ons_population_la_single_year.csv, scaled to the requested size through
 *   a low-discrepancy sequence, so even a few hundred people follow it closely; 90+ is spread over
 *   90–104. Sex by age from the ONS England mid-2020 estimates (rounded shares).
 * - Geography: five localities on the county's former districts with their real postcode districts;
 *   LSOA-shaped codes of about 1,600 people; GP practices of about 8,000 registered patients with
 *   ODS-shaped codes; care homes and home-care agencies in proportion to people aged 65+.
 * - Identity: valid NHS numbers (Modulus 11) from the 999 range NHS England reserves for testing;
 *   about 2% of people have no NHS number (and are not GP-registered) but do have a council person ID;
 *   names in the style of each birth cohort's common English names.
 * - Long-term conditions (conditions.constants.ts): prevalence by age band calibrated to QOF 2022-23
 *   register prevalence and Health Survey for England age gradients, correlated through a latent
 *   ill-health score and local need; SNOMED CT codes from the eFI lists where the eFI has them.
 * - Frailty: eFI-like bands from multimorbidity, age and the latent score (Clegg et al. 2016: about
 *   half of people 65+ fit, a third mildly frail, the rest moderately or severely frail), with eFI
 *   deficit codes recorded in primary care.
 * - Deaths: ONS National life tables 2018–2020 by age, raised by frailty, cancer, heart failure and
 *   dementia; about half of deaths in hospital (ONS place of death); no activity after death.
 * - Primary care: consultations rising with age and multimorbidity (NHS England appointment data),
 *   yearly reviews, blood pressure, HbA1c and eGFR, flu vaccination uptake about 78% at 65+, repeat
 *   medications (dm+d) per condition, so polypharmacy (5+) is common in the very old.
 * - Hospital: emergency spells (~0.1 a person a year, ~0.5 at 85+, HES 2022-23) with ICD-10 primary
 *   diagnoses by scenario, the person's conditions and, for frail older people, HFRS categories as
 *   secondary diagnoses (reference/hfrs_points.csv) and Charlson conditions (reference/
 *   charlson_quan_icd10.csv); falls with W-codes and fractures (S72 hip fracture with
 *   hemiarthroplasty W46.1); elective and day-case spells with OPCS-4 procedures; admission methods,
 *   sources and discharge destinations (care homes 55/56, died 79) from reference/apc_*.csv; lengths
 *   of stay log-normal around scenario medians; costs in pence from the National Schedule of NHS
 *   Costs 2022/23 (rounded).
 * - A&E (ECDS SNOMED CT complaint and diagnosis), outpatients (treatment function codes, ~7% did not
 *   attend), community and mental health contacts, NHS 111 and ambulance calls.
 * - Adult social care in CLD Release 2 shape (reference/cld_vocabulary.csv): requests, assessments,
 *   ST-Max reablement after hospital, long-term support at home (home care, direct payments, day
 *   support), in residential or nursing homes, reviews, carers' support; unit and weekly costs in
 *   pence, delivery mechanism and funder (social-care.constants.ts for the cost sources).
 * - Partners (partners.generator.ts): the council, the ICB, acute, community, mental health and
 *   ambulance trusts, the practices, care providers and voluntary organisations; teams spanning them
 *   (integrated neighbourhood teams, single point of access, reablement, social work, district nursing,
 *   community mental health); staff with roles; open caseloads as care relationships.
 * - Activity spans the three years before `today`, except that a condition's diagnosis and a long-term
 *   service or repeat medication may have started earlier, as they do in real records.
 */
import { isIsoDate } from '../../../kernel/dates.ts';
import { badRequest } from '../../../kernel/errors.ts';
import { buildPlaceModel, toPlaceReference, type PlaceModel, type PlaceReference } from './partners.generator.ts';
import { DayFormatter } from './person-context.ts';
import { NhsNumberAllocator, PersonGenerator, type GeneratedPerson } from './person.generator.ts';
import { PLACE_AREA_CODE } from './place.constants.ts';
import { loadOnsAgeStructure } from './reference-data.loader.ts';

export type { GeneratedPerson } from './person.generator.ts';
export type { PlaceReference } from './partners.generator.ts';

/** The date a place is generated "as at" when the caller does not say (the CLI passes the real date). */
export const DEFAULT_GENERATION_DATE = '2026-11-01';
export const MAX_GENERATED_PEOPLE = 10_000_000;

export interface GeneratePlaceOptions {
  people: number;
  seed: number;
  /** The place is generated as at this date (ISO); activity covers the three years before it. */
  today: string;
  /** Person number of the first person (a place appended to a store continues its numbering). Default 0. */
  firstIndex?: number | undefined;
  /** Id given to the first person; the rest follow. Default 1. Ignored by the store writer, which allocates ids. */
  firstPersonId?: number | undefined;
}

/** Generates one place: its partners up front, then any person on demand. */
export interface PlaceGenerator {
  readonly reference: PlaceReference;
  readonly model: PlaceModel;
  /** The person with this number (0-based, counted from the place's first person), given this id. */
  generatePerson(index: number, personId: number): GeneratedPerson;
}

export function checkGenerateOptions(options: { people: number; seed: number; today?: string | undefined }): void {
  if (!Number.isInteger(options.people) || options.people < 1 || options.people > MAX_GENERATED_PEOPLE) {
    throw badRequest('SEAMLESS_ERR_POPULATION_GENERATE_OPTIONS', `The number of people must be a whole number from 1 to ${MAX_GENERATED_PEOPLE.toLocaleString('en-GB')}, got ${options.people}`);
  }
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
    throw badRequest('SEAMLESS_ERR_POPULATION_GENERATE_OPTIONS', `The seed must be a whole number of 0 or more, got ${options.seed}`);
  }
  if (options.today !== undefined && !isIsoDate(options.today)) {
    throw badRequest('SEAMLESS_ERR_POPULATION_GENERATE_OPTIONS', `The generation date must be a date like 2026-11-01, got '${options.today}'`);
  }
}

export function createPlaceGenerator(options: GeneratePlaceOptions): PlaceGenerator {
  checkGenerateOptions(options);
  const model = buildPlaceModel(options.people, options.seed);
  const todayDay = DayFormatter.dayOf(options.today);
  const persons = new PersonGenerator(model, options.seed, todayDay, loadOnsAgeStructure(PLACE_AREA_CODE), new NhsNumberAllocator());
  const firstIndex = options.firstIndex ?? 0;
  return {
    reference: toPlaceReference(model),
    model,
    generatePerson: (index, personId) => persons.generate(firstIndex + index, personId),
  };
}

/** Yields the place person by person, ids from firstPersonId (default 1). */
export function* generatePlaceRecords(options: GeneratePlaceOptions): Generator<GeneratedPerson, void, undefined> {
  const generator = createPlaceGenerator(options);
  const firstId = options.firstPersonId ?? 1;
  for (let i = 0; i < options.people; i++) yield generator.generatePerson(i, firstId + i);
}

/** The place's reference data: localities, organisations, teams and staff (care relationships come with each person). */
export function generatePlaceReference(options: { people: number; seed: number }): PlaceReference {
  checkGenerateOptions(options);
  return toPlaceReference(buildPlaceModel(options.people, options.seed));
}
