import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from '../../../../kernel/access/actor.ts';
import type { AuditEntry, AuditSink, Scope } from '../../../../kernel/access/scope.ts';
import { withTransaction, type Database } from '../../../../kernel/db/database.ts';
import { isSeamlessError } from '../../../../kernel/errors.ts';
import { storeNames, withStore } from '../../../../testing/stores.ts';
import { createScope } from '../../../governance/index.ts';
import { generateSyntheticPlace, insertActivities, streamPersonHistories, type PersonHistory } from '../../../population/index.ts';
import { loadScoreDefinitions } from '../../definitions/score-definitions.loader.ts';
import { buildScoreInputs, deriveFacts } from '../../domain/derive-facts.ts';
import { scoreCharlson } from '../../domain/scores/charlson.ts';
import { scoreEfi } from '../../domain/scores/efi.ts';
import { scoreHfrs } from '../../domain/scores/hfrs.ts';
import { scoreLace } from '../../domain/scores/lace.ts';
import type { ScoreResult } from '../../domain/score-result.ts';
import { stratifyPlace } from '../../services/stratify.service.ts';

const PEOPLE = 600;
const SEED = 11;
const AS_OF = '2026-11-01';

function recorder(): AuditSink & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return { entries, async record(_actor, more) { entries.push(...more); } };
}

function actor(role: string): Actor {
  return { id: `${role}@test`, displayName: role, orgCode: 'LOCAL', role, teamCodes: [], purpose: role === 'ig_lead' ? 'administration' : 'direct_care', channel: 'system' };
}

interface ScoreRow { person_id: number; name: string; value: number; band: string | null; version: string; factors: string; run_id: number }

/** Every stored score, one per person and score name (person_score holds each person's as one JSON array). */
async function scoreRows(db: Database): Promise<ScoreRow[]> {
  const rows = await db.kysely.selectFrom('person_score').select(['person_id', 'run_id', 'scores']).orderBy('person_id').execute();
  return rows.flatMap((r) => (JSON.parse(r.scores as string) as ScoreResult[])
    .map((s) => ({ person_id: Number(r.person_id), name: s.name, value: s.value, band: s.band, version: s.version, factors: JSON.stringify(s.factors), run_id: Number(r.run_id) }))
    .sort((a, b) => a.name.localeCompare(b.name)));
}

async function segmentRows(db: Database): Promise<Array<{ person_id: number; segment: string; run_id: number }>> {
  const rows = await db.kysely.selectFrom('person_facts').select(['person_id', 'segment', 'run_id']).orderBy('person_id').execute();
  return rows.map((r) => ({ person_id: Number(r.person_id), segment: r.segment as string, run_id: Number(r.run_id) }));
}

const withoutRun = <T extends { run_id: number }>(rows: T[]) => rows.map(({ run_id: _run, ...rest }) => rest);

async function historiesById(db: Database): Promise<Map<number, PersonHistory>> {
  const map = new Map<number, PersonHistory>();
  for await (const batch of streamPersonHistories(db)) for (const h of batch) map.set(h.person.id, h);
  return map;
}

for (const store of storeNames()) {
  test(`stratification end to end on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      await generateSyntheticPlace(db, { people: PEOPLE, seed: SEED, today: AS_OF, progress: 'silent' });
      const audit = recorder();
      const scope: Scope = await createScope(db, actor('care_coordinator'), audit);
      const progress: string[] = [];
      const first = await stratifyPlace(scope, { asOf: AS_OF, batchSize: 128, onProgress: (p) => progress.push(p.phase) });
      const histories = await historiesById(db);
      const alive = [...histories.values()].filter((h) => h.person.dateOfDeath === null || h.person.dateOfDeath > AS_OF);

      await t.test('every living person is scored, segmented and stored with the run', async () => {
        assert.equal(first.kind, 'stratify');
        assert.equal(first.persons, PEOPLE);
        assert.equal(first.scored, alive.length);
        assert.ok(first.events > PEOPLE * 5, `${first.events} events`);
        assert.deepEqual([...new Set(progress)], ['model', 'scores', 'segments']);
        assert.ok(first.model?.trained, `model: ${first.warnings.join('; ')}`);
        assert.ok(first.model.validationAuc! > 0.5, `AUC ${first.model.validationAuc}`);
        const rows = await scoreRows(db);
        assert.equal(rows.length, first.scoreRows);
        const names = (name: string) => rows.filter((r) => r.name === name);
        for (const name of ['charlson', 'charlson_quan', 'emergency_admission_risk']) assert.equal(names(name).length, alive.length, name);
        assert.ok(names('hfrs').length > 0 && names('hfrs').length < alive.length);
        assert.ok(names('efi').length > 0 && names('lace').length > 0);
        assert.deepEqual([...new Set(names('emergency_admission_risk').map((r) => r.version))], [first.model.version]);
        const run = await db.kysely.selectFrom('analytics_run').selectAll().where('id', '=', first.runId).executeTakeFirstOrThrow();
        assert.equal(run.status, 'completed');
        assert.equal(Number(run.persons), PEOPLE);
        assert.equal(JSON.parse(run.versions as string).versions.model, first.model.version);
        const model = await db.kysely.selectFrom('model_version').selectAll().execute();
        assert.equal(model.length, 1);
        assert.ok(JSON.parse(model[0]!.report as string).validation.auc.auc > 0.5);
        const segments = await segmentRows(db);
        assert.equal(segments.length, alive.length);
        assert.equal(first.segments.reduce((n, s) => n + s.count, 0), alive.length);
        assert.equal(Number((await db.kysely.selectFrom('case_finding_entry').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), first.caseFindingEntries);
        const ruleSets = await db.kysely.selectFrom('rule_set').select(['kind', 'version']).orderBy('kind').execute();
        assert.deepEqual(ruleSets.map((r) => [r.kind, r.version]), [['segmentation', first.versions.segmentation], ['triggers', first.versions.triggers]]);
      });

      await t.test('the stored scores are the published definitions applied to each history', async () => {
        const definitions = loadScoreDefinitions();
        const rows = await scoreRows(db);
        const stored = new Map(rows.map((r) => [`${r.person_id}/${r.name}`, r]));
        for (const h of alive) {
          const facts = deriveFacts(h, AS_OF);
          const inputs = buildScoreInputs(h, facts);
          const charlson = scoreCharlson(definitions.charlson, inputs.charlson);
          const expected = [scoreHfrs(definitions.hfrs, inputs.hfrs), scoreEfi(definitions.efi, inputs.efi), charlson.charlson, charlson.charlsonQuan,
            inputs.lace && scoreLace(definitions.lace, definitions.charlson, inputs.lace)];
          for (const score of expected) {
            if (!score) continue;
            const row = stored.get(`${h.person.id}/${score.name}`);
            assert.ok(row, `${score.name} of person ${h.person.id}`);
            assert.equal(row.value, score.value);
            assert.equal(row.band, score.band);
            assert.equal(row.version, score.version);
            assert.deepEqual(JSON.parse(row.factors), JSON.parse(JSON.stringify(score.factors)));
          }
        }
        const risk = rows.find((r) => r.name === 'emergency_admission_risk' && r.band !== 'low')!;
        assert.ok(JSON.parse(risk.factors).length > 0, 'a risk score lists its factors');
      });

      await t.test('the run is audited once, with counts and no personal data', async () => {
        const entries = audit.entries.filter((e) => e.resource === 'analytics.stratify');
        assert.equal(entries.length, 1);
        assert.equal(entries[0]!.action, 'write');
        assert.equal(entries[0]!.personId, undefined);
        assert.match(entries[0]!.detail!, new RegExp(`run ${first.runId} \\(stratify\\) as of ${AS_OF}: ${PEOPLE} persons, \\d+ events, \\d+ scores, \\d+ case-finding entries`));
        assert.doesNotMatch(entries[0]!.detail!, /\d{10}/);
      });

      const firstScores = await scoreRows(db);
      const firstSegments = await segmentRows(db);

      await t.test('a re-run on the same data stores the same model, scores and segments', async () => {
        const second = await stratifyPlace(scope, { asOf: AS_OF, batchSize: 200 });
        assert.equal(second.model?.version, first.model?.version);
        assert.equal((await db.kysely.selectFrom('model_version').selectAll().execute()).length, 1);
        const rows = await scoreRows(db);
        assert.deepEqual(withoutRun(rows), withoutRun(firstScores));
        assert.ok(rows.every((r) => r.run_id === second.runId));
        assert.deepEqual(withoutRun(await segmentRows(db)), withoutRun(firstSegments));
        assert.equal(second.caseFindingEntries, first.caseFindingEntries);
      });

      await t.test('a full run overwrites in place and removes what an earlier run stored that it no longer computes', async () => {
        const rows = await scoreRows(db);
        const withLace = new Set(rows.filter((r) => r.name === 'lace').map((r) => r.person_id));
        const noLace = alive.find((h) => !withLace.has(h.person.id))!.person.id;
        // As if an earlier run had scored a discharge this person no longer has.
        const stored = await db.kysely.selectFrom('person_score').select('scores').where('person_id', '=', noLace).executeTakeFirstOrThrow();
        const lace: ScoreResult = { name: 'lace', value: 12, band: 'high', version: 'old', factors: [] };
        await db.kysely.updateTable('person_score').set({ scores: JSON.stringify([...JSON.parse(stored.scores as string), lace]), run_id: 1 })
          .where('person_id', '=', noLace).execute();
        const third = await stratifyPlace(scope, { asOf: AS_OF, batchSize: 64 });
        const after = await scoreRows(db);
        assert.equal(after.find((r) => r.person_id === noLace && r.name === 'lace'), undefined);
        assert.equal(after.length, third.scoreRows);
        assert.ok(after.every((r) => r.run_id === third.runId));
        assert.deepEqual(withoutRun(after), withoutRun(firstScores));
        assert.ok((await segmentRows(db)).every((r) => r.run_id === third.runId));
        const facts = await db.kysely.selectFrom('person_facts').select(['run_id']).execute();
        assert.equal(facts.length, alive.length);
        assert.ok(facts.every((r) => Number(r.run_id) === third.runId));
      });

      await t.test('an incremental run recomputes only the persons given', async () => {
        const before = await scoreRows(db);
        const beforeSegments = await segmentRows(db);
        const [changed, same] = alive.filter((h) => (h.person.dateOfBirth ?? '') < '1950-01-01').map((h) => h.person.id);
        assert.ok(changed !== undefined && same !== undefined);
        // New activity for one of them: two emergency admissions for heart failure last month.
        await withTransaction(db, (tx) => insertActivities(tx, [1, 2].map((n) => ({
          personId: changed, activity: {
            kind: 'apc_spell' as const, recordKey: `NEW-${n}`, admissionDate: `2026-10-0${n * 3}`, dischargeDate: `2026-10-0${n * 3 + 1}`,
            admissionMethod: '21', dischargeDestination: '19', diagnoses: ['I500'], procedures: [],
          },
        }))));
        const incremental = await stratifyPlace(scope, { asOf: AS_OF, personIds: [changed, same, 987_654] });
        assert.equal(incremental.kind, 'stratify_incremental');
        assert.equal(incremental.persons, 2);
        assert.equal(incremental.model?.trained, false);
        assert.equal(incremental.model?.version, first.model?.version);
        const after = await scoreRows(db);
        const touched = new Set(after.filter((r) => r.run_id === incremental.runId).map((r) => r.person_id));
        assert.deepEqual([...touched].sort((a, b) => a - b), [changed, same].sort((a, b) => a - b));
        const untouched = (rows: ScoreRow[]) => rows.filter((r) => r.person_id !== changed && r.person_id !== same);
        assert.deepEqual(untouched(after), untouched(before));
        const risk = (rows: ScoreRow[], id: number) => rows.find((r) => r.person_id === id && r.name === 'emergency_admission_risk')!.value;
        assert.ok(risk(after, changed) > risk(before, changed), 'two new emergency admissions raise the predicted risk');
        assert.equal(risk(after, same), risk(before, same));
        const segmentsAfter = await segmentRows(db);
        assert.deepEqual(segmentsAfter.filter((r) => r.run_id !== incremental.runId), beforeSegments.filter((r) => r.person_id !== changed && r.person_id !== same));
        const run = await db.kysely.selectFrom('analytics_run').select(['kind', 'status']).where('id', '=', incremental.runId).executeTakeFirstOrThrow();
        assert.deepEqual(run, { kind: 'stratify_incremental', status: 'completed' });
      });

      await t.test('a changed run recomputes only the persons with activity written since the last run that reflected all activity', async () => {
        // The run above named its persons, so it reflected only theirs: the new admissions are still pending.
        const pending = await stratifyPlace(scope, { asOf: AS_OF, changed: true });
        assert.equal(pending.kind, 'stratify_incremental');
        assert.deepEqual(pending.changedSince?.persons, 1);
        const other = alive.find((h) => h.person.dateOfBirth !== null && h.person.dateOfBirth < '1960-01-01' && h.spells.length === 0)!.person.id;
        await withTransaction(db, (tx) => insertActivities(tx, [{
          personId: other, activity: { kind: 'gp_event' as const, recordKey: 'NEW-FALL', eventDate: '2026-10-20', code: { system: 'SNOMED CT', code: '161898004' } },
        }]));
        const before = await scoreRows(db);
        const next = await stratifyPlace(scope, { asOf: AS_OF, changed: true });
        assert.deepEqual(next.changedSince, { runId: pending.runId, persons: 1 });
        assert.equal(next.persons, 1);
        const after = await scoreRows(db);
        assert.deepEqual([...new Set(after.filter((r) => r.run_id === next.runId).map((r) => r.person_id))], [other]);
        assert.deepEqual(after.filter((r) => r.person_id !== other), before.filter((r) => r.person_id !== other));
        const none = await stratifyPlace(scope, { asOf: AS_OF, changed: true });
        assert.deepEqual([none.persons, none.changedSince], [0, { runId: next.runId, persons: 0 }]);
        assert.deepEqual(await scoreRows(db), after);
        await assert.rejects(stratifyPlace(scope, { asOf: AS_OF, changed: true, personIds: [other] }),
          (error) => isSeamlessError(error) && error.code === 'SEAMLESS_ERR_ANALYTICS_BAD_OPTIONS');
      });

      await t.test('roles that read no clinical records cannot run it', async () => {
        const igScope = await createScope(db, actor('ig_lead'), recorder());
        await assert.rejects(stratifyPlace(igScope, { asOf: AS_OF }), (error) => isSeamlessError(error) && error.code === 'SEAMLESS_ERR_ANALYTICS_NOT_PERMITTED');
        await assert.rejects(stratifyPlace(scope, { asOf: '2026-02-30' }), (error) => isSeamlessError(error) && error.code === 'SEAMLESS_ERR_ANALYTICS_BAD_DATE');
      });
    });
  });
}
