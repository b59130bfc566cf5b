import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadScoreDefinitions } from '../../definitions/score-definitions.loader.ts';
import { scoreCharlson } from '../../domain/scores/charlson.ts';
import { scoreEfi, type CodedEvent, type MedicationRecord } from '../../domain/scores/efi.ts';
import { bandHfrs, scoreHfrs } from '../../domain/scores/hfrs.ts';
import { scoreLace } from '../../domain/scores/lace.ts';
import type { DiagnosedSpell } from '../../domain/scores/score-common.util.ts';
import { seededRandom, shuffled } from './spec-table.ts';

/**
 * Properties over random people whose codes are drawn from the definition tables (and some codes that
 * are in none), with a seeded PRNG so a failure is repeatable: adding a record never lowers a score,
 * the order of the input never changes the result, and how a code is written (dot, case, spaces) does
 * not matter.
 */
const definitions = loadScoreDefinitions();
const AS_OF = '2026-03-10';
const PEOPLE = 300;

const ICD10_POOL = [
  ...[...definitions.hfrs.categories.keys()].flatMap((c) => [c, `${c}0`, `${c}9`, `${c}X`]),
  ...definitions.charlson.prefixes.keys(),
  'I10', 'I10X', 'Z999', 'K590', 'E780', 'A1', '',
];
const SNOMED_POOL = [...definitions.efi.byCode.keys(), '38341003', '73211009', '22298006', '195967001'];

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function randomDate(random: () => number, fromYear: number, toYear: number): string {
  const year = fromYear + Math.floor(random() * (toYear - fromYear + 1));
  const month = 1 + Math.floor(random() * 12), day = 1 + Math.floor(random() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The same ICD-10 code written another way: a dot after the category, any case, stray spaces. */
function rewrite(code: string, random: () => number): string {
  let written = code.length > 3 && random() < 0.5 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
  if (random() < 0.5) written = written.toLowerCase();
  if (random() < 0.2) written = ` ${written} `;
  return written;
}

interface Person { age: number; spells: DiagnosedSpell[]; events: CodedEvent[]; medications: MedicationRecord[]; attendances: { arrivalAt: string }[] }

function randomSpell(random: () => number): DiagnosedSpell & { diagnoses: string[] } {
  return { admissionDate: randomDate(random, 2023, 2026), diagnoses: Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(ICD10_POOL, random)) };
}

function randomEvent(random: () => number): CodedEvent {
  return { eventDate: randomDate(random, 2000, 2026), code: { system: random() < 0.05 ? 'ICD-10' : 'SNOMED CT', code: pick(SNOMED_POOL, random) } };
}

function randomMedication(random: () => number): MedicationRecord {
  return { startDate: randomDate(random, 2023, 2026), endDate: random() < 0.3 ? randomDate(random, 2024, 2026) : undefined, code: { system: 'dm+d', code: String(Math.floor(random() * 12)) } };
}

function randomPerson(random: () => number): Person {
  return {
    age: 65 + Math.floor(random() * 35),
    spells: Array.from({ length: Math.floor(random() * 5) }, () => randomSpell(random)),
    events: Array.from({ length: Math.floor(random() * 30) }, () => randomEvent(random)),
    medications: Array.from({ length: Math.floor(random() * 9) }, () => randomMedication(random)),
    attendances: Array.from({ length: Math.floor(random() * 6) }, () => ({ arrivalAt: randomDate(random, 2024, 2025) })),
  };
}

function scores(person: Person) {
  const { hfrs, efi, charlson, lace } = definitions;
  const index = person.spells[0];
  return {
    hfrs: scoreHfrs(hfrs, { age: Math.max(person.age, 75), asOf: AS_OF, spells: person.spells }),
    efi: scoreEfi(efi, { age: person.age, asOf: AS_OF, events: person.events, medications: person.medications }),
    ...scoreCharlson(charlson, { asOf: AS_OF, spells: person.spells }),
    lace: index === undefined ? null : scoreLace(lace, charlson, {
      indexSpell: { ...index, dischargeDate: '2026-12-31', admissionMethod: '21' }, spells: person.spells, emergencyAttendances: person.attendances,
    }),
  };
}

test('property: adding a code, an event, a medication or an attendance never lowers a score', () => {
  const random = seededRandom(20260310);
  for (let p = 0; p < PEOPLE; p++) {
    const person = randomPerson(random);
    const before = scores(person);
    const spells = person.spells.map((s) => ({ ...s, diagnoses: [...s.diagnoses] }));
    if (spells.length === 0 || random() < 0.3) spells.push(randomSpell(random));
    else pick(spells, random).diagnoses.push(pick(ICD10_POOL, random));
    const after = scores({
      ...person,
      spells,
      events: [...person.events, randomEvent(random)],
      medications: [...person.medications, randomMedication(random)],
      attendances: [...person.attendances, { arrivalAt: randomDate(random, 2024, 2025) }],
    });
    const context = `person ${p}: ${JSON.stringify(person)}`;
    assert.ok((after.hfrs?.value ?? 0) >= (before.hfrs?.value ?? 0), `HFRS, ${context}`);
    assert.ok((after.efi?.value ?? 0) >= (before.efi?.value ?? 0), `eFI, ${context}`);
    assert.ok(after.charlson.value >= before.charlson.value, `Charlson, ${context}`);
    assert.ok(after.charlsonQuan.value >= before.charlsonQuan.value, `Charlson (Quan), ${context}`);
    if (before.lace !== null) assert.ok((after.lace?.value ?? 0) >= before.lace.value, `LACE, ${context}`);
  }
});

test('property: the order of spells, codes, events, medications and attendances never changes a result', () => {
  const random = seededRandom(75);
  for (let p = 0; p < PEOPLE; p++) {
    const person = randomPerson(random);
    const [index, ...rest] = person.spells;
    const reordered: Person = {
      age: person.age,
      // The LACE index spell stays first (it is the discharge being scored); everything else moves.
      spells: index === undefined ? [] : [{ ...index, diagnoses: shuffled(index.diagnoses, random) }, ...shuffled(rest, random).map((s) => ({ ...s, diagnoses: shuffled(s.diagnoses, random) }))],
      events: shuffled(person.events, random),
      medications: shuffled(person.medications, random),
      attendances: shuffled(person.attendances, random),
    };
    assert.deepEqual(scores(reordered), scores(person), `person ${p}`);
  }
});

test('property: how an ICD-10 code is written (dot, case, spaces) never changes a result', () => {
  const random = seededRandom(2018);
  for (let p = 0; p < PEOPLE; p++) {
    const person = randomPerson(random);
    const rewritten = { ...person, spells: person.spells.map((s) => ({ ...s, diagnoses: s.diagnoses.map((c) => rewrite(c, random)) })) };
    assert.deepEqual(scores(rewritten), scores(person), `person ${p}`);
  }
});

test('property: values agree with their factors and bands, and stay within each score\'s range', () => {
  const random = seededRandom(36);
  for (let p = 0; p < PEOPLE; p++) {
    const result = scores(randomPerson(random));
    if (result.hfrs !== null) {
      assert.equal(result.hfrs.factors.reduce((sum, f) => sum + Math.round(f.contribution * 10), 0), Math.round(result.hfrs.value * 10));
      assert.equal(result.hfrs.band, bandHfrs(result.hfrs.value));
      assert.equal(new Set(result.hfrs.factors.map((f) => f.code)).size, result.hfrs.factors.length, 'each category once');
    }
    if (result.efi !== null) {
      assert.equal(result.efi.value, result.efi.factors.length / 36);
      assert.ok(result.efi.factors.every((f) => f.contribution === 1));
    }
    for (const [charlson, max] of [[result.charlson, 29], [result.charlsonQuan, 24]] as const) {
      assert.equal(charlson.factors.reduce((sum, f) => sum + f.contribution, 0), charlson.value);
      assert.ok(charlson.value >= 0 && charlson.value <= max);
    }
    if (result.lace !== null) {
      assert.equal(result.lace.factors.reduce((sum, f) => sum + f.contribution, 0), result.lace.value);
      assert.ok(result.lace.value >= 0 && result.lace.value <= 19);
    }
  }
});
