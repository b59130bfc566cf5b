import { insertRows, type BulkTable } from '../../../kernel/db/bulk.ts';
import { withTransaction, type Database } from '../../../kernel/db/database.ts';
import { conflict } from '../../../kernel/errors.ts';
import { createProgress, type ProgressMode } from '../../../kernel/progress.ts';
import { insertAgreement, insertOrganisations, insertStaff, insertTeams, recordCareRelationships, validateAgreementInput, type CareRelationship } from '../../governance/index.ts';
import { generatePlaceAgreements } from './agreements.generator.ts';
import { ACTIVITY_KINDS, type ActivityKind } from '../domain/activity.ts';
import { LOCAL_ID_SYSTEM, NHS_NUMBER_SYSTEM, type Person, type PersonIdentifier } from '../domain/person.ts';
import { insertActivities, type PersonActivity } from '../store/activity.repository.ts';
import { allocatePersonIds, countPersons, insertIdentifiers, insertPersons } from '../store/person.repository.ts';
import { DEFAULT_GENERATION_DATE, checkGenerateOptions, createPlaceGenerator } from './place.generator.ts';

export interface GenerateSyntheticPlaceOptions {
  people: number;
  seed: number;
  /** The place is generated as at this date; defaults to DEFAULT_GENERATION_DATE so results never depend on the clock. */
  today?: string | undefined;
  progress?: ProgressMode | undefined;
  /** Add to a store that already holds people (person numbering continues after them). */
  append?: boolean | undefined;
}

export interface GenerateSummary {
  people: number;
  deaths: number;
  /** Activity records written (GP events, medications, spells, contacts, social care events…). */
  events: number;
  eventsByKind: Record<ActivityKind, number>;
  careRelationships: number;
  localities: number;
  organisations: number;
  teams: number;
  staff: number;
  seed: number;
  today: string;
  seconds: number;
}

const LOCALITY: BulkTable = { table: 'locality', columns: [['code', 'text'], ['name', 'text']] };

/** People per transaction: large enough that commits are rare, small enough to keep memory flat. */
const BATCH_PEOPLE = 5_000;

/**
 * Generates a synthetic place straight into the store: partners first, then people in large batches,
 * each batch one transaction (persons, identifiers, activity, care relationships). Refuses a store
 * that already holds people unless asked to append, so a demo place is never mixed into real data by
 * accident.
 */
export async function generateSyntheticPlace(db: Database, options: GenerateSyntheticPlaceOptions): Promise<GenerateSummary> {
  const started = performance.now();
  checkGenerateOptions(options);
  const today = options.today ?? DEFAULT_GENERATION_DATE;
  const existing = await countPersons(db);
  if (existing > 0 && !options.append) {
    throw conflict('SEAMLESS_ERR_POPULATION_STORE_NOT_EMPTY',
      `The store (${db.description}) already holds ${existing.toLocaleString('en-GB')} people. Generate into an empty store, or ask to append (seamless generate --append).`,
      { people: existing });
  }
  const generator = createPlaceGenerator({ people: options.people, seed: options.seed, today, firstIndex: existing });
  const reference = generator.reference;
  await withTransaction(db, async (tx) => {
    await insertRows(tx, LOCALITY, reference.localities.map((l) => [l.code, l.name]));
    await insertOrganisations(tx, reference.organisations);
    await insertTeams(tx, reference.teams);
    await insertStaff(tx, reference.staff);
    if (existing === 0) {
      for (const agreement of generatePlaceAgreements(reference.organisations, today)) {
        await insertAgreement(tx, validateAgreementInput(agreement), 'synthetic-place', `${today}T00:00:00.000Z`);
      }
    }
  });

  const eventsByKind = Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, 0])) as Record<ActivityKind, number>;
  let activities = 0;
  let deaths = 0;
  let careRelationships = 0;
  const progress = createProgress('Generating place', options.people, 'people', options.progress ?? 'auto');
  try {
    for (let from = 0; from < options.people; from += BATCH_PEOPLE) {
      const count = Math.min(BATCH_PEOPLE, options.people - from);
      await withTransaction(db, async (tx) => {
        const ids = await allocatePersonIds(tx, count);
        const persons: Person[] = [];
        const identifiers: PersonIdentifier[] = [];
        const items: PersonActivity[] = [];
        const relationships: CareRelationship[] = [];
        for (let k = 0; k < count; k++) {
          const personId = ids[k]!;
          const record = generator.generatePerson(from + k, personId);
          persons.push(record.person);
          if (record.person.dateOfDeath) deaths++;
          if (record.person.nhsNumber) identifiers.push({ system: NHS_NUMBER_SYSTEM, value: record.person.nhsNumber, personId, matchMethod: 'nhs_number' });
          if (record.person.localId) identifiers.push({ system: LOCAL_ID_SYSTEM, value: record.person.localId, personId, matchMethod: 'local_id' });
          for (const activity of record.activities) {
            items.push({ personId, activity });
            eventsByKind[activity.kind]++;
          }
          for (const r of record.careRelationships) relationships.push(r);
        }
        await insertPersons(tx, persons);
        await insertIdentifiers(tx, identifiers);
        await insertActivities(tx, items);
        careRelationships += await recordCareRelationships(tx, relationships);
        activities += items.length;
      });
      progress.increment(count);
    }
  } finally {
    progress.stop();
  }
  return {
    people: options.people, deaths, events: activities, eventsByKind, careRelationships,
    localities: reference.localities.length, organisations: reference.organisations.length, teams: reference.teams.length, staff: reference.staff.length,
    seed: options.seed, today, seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
