import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditSink, Scope } from '../../../../kernel/access/scope.ts';
import type { Database } from '../../../../kernel/db/database.ts';
import { storeNames, withStore } from '../../../../testing/stores.ts';
import { createScope } from '../../../governance/index.ts';
import { generateSyntheticPlace, streamPersonHistories } from '../../../population/index.ts';
import { compileCohort, risingRiskCohort } from '../../domain/cohorts/cohort-definition.ts';
import { deriveFacts } from '../../domain/derive-facts.ts';
import type { PersonProfile } from '../../domain/person-profile.ts';
import type { ScoreResult } from '../../domain/score-result.ts';
import type { PersonFactsTable } from '../../store/analytics.tables.ts';
import { rowToProfile } from '../../store/person-facts.repository.ts';
import { loadRunProfiles } from '../../services/profile-cache.service.ts';
import { stratifyPlace } from '../../services/stratify.service.ts';

/**
 * person_facts as the stratification run writes it (one profile row per scored person, replaced on
 * every run that recomputes the person, the previous earlier-dated risk carried forward), and the
 * loader the API reads it back with (once per run).
 */
const EARLIER = '2026-05-01';
const AS_OF = '2026-11-01';
const nobody: AuditSink = { async record() {} };

async function factsRows(db: Database): Promise<PersonFactsTable[]> {
  const rows = await db.kysely.selectFrom('person_facts').selectAll().orderBy('person_id').execute() as PersonFactsTable[];
  return rows.map((r) => ({ ...r, person_id: Number(r.person_id), run_id: Number(r.run_id) }));
}

for (const store of storeNames()) {
  test(`person_facts and the profile loader on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      await generateSyntheticPlace(db, { people: 400, seed: 9, today: AS_OF, progress: 'silent' });
      const scope: Scope = await createScope(db, { id: 'engine@test', displayName: 'engine', orgCode: 'LOCAL', role: 'care_coordinator', teamCodes: [], purpose: 'direct_care', channel: 'system' }, nobody);
      const first = await stratifyPlace(scope, { asOf: EARLIER, batchSize: 100 });
      const earlier = new Map((await factsRows(db)).map((r) => [r.person_id, r]));

      await t.test('one row per scored person, agreeing with the scores, segments and facts the run derived', async () => {
        assert.equal(earlier.size, first.scored);
        const stored = await db.kysely.selectFrom('person_score').select(['person_id', 'scores']).execute();
        const scores = stored.flatMap((r) => (JSON.parse(r.scores as string) as ScoreResult[]).map((s) => ({ person_id: r.person_id, ...s })));
        assert.ok(scores.length > stored.length, 'people have several scores each');
        for (const s of scores) {
          const row = earlier.get(Number(s.person_id))!;
          const column = ({ hfrs: 'hfrs', efi: 'efi', charlson: 'charlson', charlson_quan: 'charlson_quan', lace: 'lace', emergency_admission_risk: 'risk_value' } as const)[s.name as 'hfrs'];
          assert.equal(Number(row[column]), Number(s.value), `${s.name} of ${String(s.person_id)}`);
        }
        for (const row of earlier.values()) {
          assert.ok(row.segment !== null, 'every scored person has a segment');
          assert.equal(row.previous_risk_value, null, 'no earlier stratification');
        }
        const sample = [...earlier.keys()].filter((_, i) => i % 40 === 0);
        for await (const batch of streamPersonHistories(db, { personIds: sample })) {
          for (const history of batch) assert.deepEqual(rowToProfile(earlier.get(history.person.id)!).facts, deriveFacts(history, EARLIER));
        }
      });

      const second = await stratifyPlace(scope, { asOf: AS_OF, batchSize: 100 });
      const later = await factsRows(db);
      await t.test('a later run replaces every row and carries the earlier risk forward as the previous risk', async () => {
        assert.equal(later.length, second.scored);
        assert.ok(later.every((r) => r.run_id === second.runId && r.as_of === AS_OF));
        const carried = later.filter((r) => earlier.has(r.person_id) && earlier.get(r.person_id)!.risk_value !== null);
        assert.ok(carried.length > 0);
        for (const row of carried) {
          const before = earlier.get(row.person_id)!;
          assert.equal(Number(row.previous_risk_value), Number(before.risk_value));
          assert.equal(Number(row.previous_risk_percentile), Number(before.risk_percentile));
          assert.equal(row.previous_as_of, EARLIER);
        }
      });

      await t.test('re-running the same date keeps the previous risk; an incremental run replaces only its persons', async () => {
        const again = await stratifyPlace(scope, { asOf: AS_OF, batchSize: 100 });
        const rerun = await factsRows(db);
        assert.deepEqual(rerun.map((r) => [r.person_id, r.previous_risk_value, r.previous_as_of]), later.map((r) => [r.person_id, r.previous_risk_value, r.previous_as_of]));
        const ids = rerun.slice(0, 3).map((r) => r.person_id);
        const incremental = await stratifyPlace(scope, { asOf: AS_OF, personIds: ids });
        const after = await factsRows(db);
        assert.deepEqual(after.filter((r) => r.run_id === incremental.runId).map((r) => r.person_id), ids);
        assert.equal(after.filter((r) => r.run_id === again.runId).length, rerun.length - 3);
        assert.ok(after.filter((r) => ids.includes(r.person_id)).every((r) => r.previous_as_of === EARLIER || r.previous_as_of === null));
      });

      await t.test('a person who moved practice and locality is found under the new ones after the next run', async () => {
        const [moved, stays] = (await factsRows(db)).filter((r) => r.gp_practice_code !== null);
        const other = (await factsRows(db)).find((r) => r.gp_practice_code !== moved!.gp_practice_code && r.locality_code !== moved!.locality_code)!;
        await db.kysely.updateTable('person').set({ gp_practice_code: other.gp_practice_code, locality_code: other.locality_code })
          .where('id', '=', moved!.person_id).execute();
        await stratifyPlace(scope, { asOf: AS_OF, batchSize: 100 });
        const byPractice = async (code: string | null) => (await db.kysely.selectFrom('person_facts').select('person_id')
          .where('gp_practice_code', '=', code).execute()).map((r) => Number(r.person_id));
        assert.ok((await byPractice(other.gp_practice_code)).includes(moved!.person_id));
        assert.ok(!(await byPractice(moved!.gp_practice_code)).includes(moved!.person_id));
        assert.ok((await byPractice(stays!.gp_practice_code)).includes(stays!.person_id));
        const row = (await factsRows(db)).find((r) => r.person_id === moved!.person_id)!;
        assert.deepEqual([row.gp_practice_code, row.locality_code], [other.gp_practice_code, other.locality_code]);
      });

      await t.test('the loader reads the latest run\'s profiles once, and again after a new run', async () => {
        const loaded = await loadRunProfiles(db);
        assert.ok(loaded);
        assert.equal(await loadRunProfiles(db), loaded, 'the same run is served from memory');
        const rows = await factsRows(db);
        assert.equal(loaded.columns.length, rows.length);
        for (let i = 0; i < rows.length; i += 17) {
          const stored = rowToProfile(rows[i]!);
          const inMemory: PersonProfile = loaded.columns.profile(i);
          assert.deepEqual(inMemory, stored, `profile of ${rows[i]!.person_id}`);
          assert.equal(loaded.columns.indexOf(rows[i]!.person_id), i);
        }
        const rising = compileCohort(risingRiskCohort({ percentilePoints: 5 }));
        const expected = rows.map(rowToProfile).filter((p) => rising.matches(p)).map((p) => p.facts.personId);
        const actual: number[] = [];
        for (let i = 0; i < loaded.columns.length; i++) if (rising.matches(loaded.columns.profile(i))) actual.push(loaded.columns.personId(i));
        assert.deepEqual(actual, expected);
        assert.ok(expected.length > 0, 'someone\'s risk rose between the two dates');
        await stratifyPlace(scope, { asOf: AS_OF, personIds: [rows[0]!.person_id] });
        const reloaded = await loadRunProfiles(db);
        assert.notEqual(reloaded, loaded);
        assert.equal(reloaded!.run.kind, 'stratify_incremental');
      });
    });
  });
}
