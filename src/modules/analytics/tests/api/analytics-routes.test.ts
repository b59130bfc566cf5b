import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import type { Actor, Purpose } from '../../../../kernel/access/actor.ts';
import type { AuditEntry, AuditSink } from '../../../../kernel/access/scope.ts';
import { buildApp } from '../../../../app.ts';
import { storeNames, withStore } from '../../../../testing/stores.ts';
import { createScope, verifyAuditChain } from '../../../governance/index.ts';
import { generateSyntheticPlace } from '../../../population/index.ts';
import type { CaseFindingView, CohortComparisonView, CohortView, DashboardView, EvaluationView, PersonRef, RunView } from '../../domain/views.ts';
import { stratifyPlace } from '../../services/stratify.service.ts';

/**
 * The /api/analytics routes over a small generated place stratified once, on every engine: each
 * route's happy path, and what each role sees (planning: keys, '<8', no opted-out person; direct
 * care: identities of the people they have a relationship with, and no one else).
 */
process.env.SEAMLESS_PSEUDONYMISATION_KEY ??= 'analytics-api-tests-pseudonymisation-key-0123456789';

const PEOPLE = 800;
const SEED = 5;
const AS_OF = '2026-11-01';
const TEAM = 'T-INT-DCLS';
const PRACTICE = 'A83001'; // the DCLS locality's practice in this generated place

function actor(role: string, orgCode: string, teamCodes: string[] = []): Actor {
  const purpose: Purpose = role === 'analyst' || role === 'commissioner' ? 'planning' : role === 'ig_lead' ? 'administration' : 'direct_care';
  return { id: `${role}@${orgCode}`, displayName: role, orgCode, role, teamCodes, purpose, channel: 'session' };
}

const ACTORS: Record<string, Actor> = {
  analyst: actor('analyst', 'Q99'),
  gp: actor('gp', PRACTICE, [TEAM]),                        // registered practice of DCLS patients, and in the team
  nurse: actor('community_nurse', 'R9B', [TEAM]),          // in the team: sees its caseload only
  otherGp: actor('gp', 'A83002'),                          // no team
  igLead: actor('ig_lead', 'Q99'),
};

const silentAudit = (): AuditSink & { entries: AuditEntry[] } => {
  const entries: AuditEntry[] = [];
  return { entries, async record(_actor, more) { entries.push(...more); } };
};

/** Every count in a view: none may be 1–7 for planning users. */
function smallCounts(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => smallCounts(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) =>
      (['count', 'population', 'events', 'size', 'onlyA', 'onlyB', 'both', 'screened'].includes(key) && typeof v === 'number' && v > 0 && v < 8 && !(key === 'population' && path.includes('rates'))
        ? [`${path}.${key} = ${v}`] : smallCounts(v, `${path}.${key}`)));
  }
  return [];
}

for (const store of storeNames()) {
  test(`/api/analytics on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      await generateSyntheticPlace(db, { people: PEOPLE, seed: SEED, today: AS_OF, progress: 'silent' });
      const app = await buildApp({ db, actorFor: (request: FastifyRequest) => ACTORS[String(request.headers['x-test-actor'])] });
      t.after(() => app.close());
      const get = (who: string, url: string) => app.inject({ url: `/api/analytics${url}`, headers: { 'x-test-actor': who } });
      const post = (who: string, url: string, payload: object) => app.inject({ method: 'POST', url: `/api/analytics${url}`, payload, headers: { 'x-test-actor': who } });

      await t.test('before any stratification: no run, an empty dashboard', async () => {
        const run = await get('analyst', '/runs/latest');
        assert.equal(run.statusCode, 200);
        assert.equal(run.body, 'null');
        const dashboard = (await get('analyst', '/dashboard')).json() as DashboardView;
        assert.equal(dashboard.run, null);
        assert.equal(dashboard.population, 0);
      });

      const summary = await stratifyPlace(await createScope(db, { ...actor('care_coordinator', 'LOCAL'), channel: 'system' }, silentAudit()), { asOf: AS_OF });
      const caseload = new Set((await db.kysely.selectFrom('care_relationship').select('person_id').where('team_code', '=', TEAM).where('closed_on', 'is', null).execute())
        .map((r) => Number(r.person_id)));
      const practiceOf = new Map((await db.kysely.selectFrom('person').select(['id', 'gp_practice_code']).execute()).map((r) => [Number(r.id), r.gp_practice_code as string | null]));
      // Someone on the place's case-finding list opts out of planning uses.
      const optedOut = Number((await db.kysely.selectFrom('case_finding_entry').select('person_id').orderBy('person_id').limit(1).executeTakeFirstOrThrow()).person_id);
      await db.kysely.insertInto('person_consent').values({ person_id: optedOut, kind: 'national_data_opt_out', recorded_at: '2026-10-01T00:00:00.000Z', recorded_by: 'test' }).execute();
      const audited = async (who: string, resource: string) => (await db.kysely.selectFrom('audit_log').select(['person_id', 'action', 'outcome'])
        .where('actor_id', '=', ACTORS[who]!.id).where('resource', '=', resource).execute()).map((r) => ({ ...r, person_id: r.person_id === null ? null : Number(r.person_id) }));

      await t.test('GET /runs/latest: the run with its versions', async () => {
        const run = (await get('gp', '/runs/latest')).json() as RunView;
        assert.equal(run.id, summary.runId);
        assert.equal(run.asOf, AS_OF);
        assert.equal(run.status, 'completed');
        assert.equal(run.versions.model, summary.model!.version);
        assert.equal(run.versions.segmentation, summary.versions.segmentation);
      });

      await t.test('GET /dashboard for direct care: the whole place, unsuppressed, with rates, CIs and a projection', async () => {
        const res = await get('gp', '/dashboard');
        assert.equal(res.statusCode, 200, res.body);
        const view = res.json() as DashboardView;
        assert.equal(view.suppressed, false);
        assert.equal(view.run!.id, summary.runId);
        assert.deepEqual(view.area, { type: 'place', code: null, name: 'The whole place' });
        assert.equal(view.population, summary.scored);
        assert.equal(view.segments.reduce((n, s) => n + (s.count as number), 0), summary.scored);
        assert.deepEqual(view.segments.map((s) => [s.key, s.count]), summary.segments.map((s) => [s.key, s.count]));
        const efi = view.scoreDistributions.find((d) => d.name === 'efi')!;
        assert.deepEqual(efi.bands.map((b) => b.band), ['fit', 'mild', 'moderate', 'severe']);
        assert.equal(view.rates.length, 5);
        const emergency = view.rates.find((r) => r.key === 'emergency_admissions')!;
        assert.ok(typeof emergency.events === 'number' && emergency.events > 10, `${emergency.events} emergency admissions`);
        assert.ok(emergency.crude && emergency.crude.lower < emergency.crude.rate && emergency.crude.rate < emergency.crude.upper!);
        assert.ok(emergency.dsr && emergency.dsr.lower < emergency.dsr.rate && emergency.dsr.rate < emergency.dsr.upper!);
        assert.equal(Math.round(emergency.crude.rate), Math.round((emergency.events as number) / emergency.population * 100_000));
        assert.deepEqual(view.projection.map((p) => p.yearsAhead), [0, 5, 10]);
        assert.equal(view.projection[0]!.byBand.length, 19);
        assert.equal(view.projection[0]!.byBand.reduce((n, b) => n + (b.population as number), 0), emergency.population);
        assert.equal(view.projection[0]!.total, emergency.population);
      });

      await t.test('GET /dashboard for planning: opted-out people left out, small counts as <8, withheld rates', async () => {
        const view = (await get('analyst', '/dashboard')).json() as DashboardView;
        assert.equal(view.suppressed, true);
        assert.equal(view.population, summary.scored - 1);
        assert.deepEqual(smallCounts(view), []);
        const practice = (await get('analyst', `/dashboard?area=practice:${PRACTICE}`)).json() as DashboardView;
        assert.equal(practice.area.name.length > 0, true);
        assert.deepEqual(smallCounts(practice), []);
        for (const r of [...view.rates, ...practice.rates]) if (typeof r.events === 'string') assert.ok(r.crude === null && r.dsr === null, `${r.key}: no rate beside '<8'`);
        assert.ok(JSON.stringify(practice).includes('"<8"'), 'a practice of a small place has small counts to suppress');
        const locality = await get('analyst', '/dashboard?area=locality:DCLS');
        assert.equal(locality.statusCode, 200);
        assert.equal((locality.json() as DashboardView).area.name, 'Durham and Chester-le-Street');
        const unknown = await get('analyst', '/dashboard?area=locality:NOPE');
        assert.equal(unknown.statusCode, 404);
        assert.equal(unknown.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.equal((await get('analyst', '/dashboard?area=county:X')).statusCode, 400);
      });

      let gpEntries: CaseFindingView['entries'] = [];
      await t.test('GET /case-finding for a GP in the team: identities of the team\'s people they may see', async () => {
        const res = await get('gp', `/case-finding?team=${TEAM}`);
        assert.equal(res.statusCode, 200, res.body);
        const view = res.json() as CaseFindingView;
        assert.deepEqual(view.team, { code: TEAM, name: 'Durham and Chester-le-Street Integrated Neighbourhood Team' });
        assert.equal(view.ruleSet.version, summary.versions.triggers);
        assert.ok(view.entries.length > 0, 'the practice has people to find');
        gpEntries = view.entries;
        for (const entry of view.entries) {
          const id = entry.person.personId!;
          assert.ok(practiceOf.get(id) === PRACTICE || caseload.has(id), `person ${id} is the team's and the GP's`);
          assert.equal(entry.person.personKey, undefined);
          assert.match(entry.person.nhsNumber ?? '', /^\d{10}$/);
          assert.ok(entry.person.name);
          assert.ok(entry.rulesMet.length > 0 && entry.rulesMet.every((r) => r.explanation.length > 0));
          assert.ok(entry.riskPercentile === null || entry.riskPercentile >= 0);
          assert.ok(entry.riskFactors.length <= 5);
        }
        assert.ok(view.entries.some((e) => e.riskFactors.length > 0), 'risk factors explain the predicted risk');
        const log = await audited('gp', 'analytics.case_finding');
        assert.deepEqual(log.map((r) => r.person_id).sort(), view.entries.map((e) => e.person.personId).sort(), 'one audit entry per person listed');
      });

      await t.test('a team member without a relationship sees only the entries of people they may see (the caseload)', async () => {
        const view = (await get('nurse', `/case-finding?team=${TEAM}`)).json() as CaseFindingView;
        for (const entry of view.entries) assert.ok(caseload.has(entry.person.personId!), `person ${entry.person.personId} is on the caseload`);
        const hidden = gpEntries.filter((e) => !caseload.has(e.person.personId!));
        assert.ok(hidden.length > 0, 'the GP sees people the nurse may not');
        const seen = new Set(view.entries.map((e) => e.person.personId));
        for (const e of hidden) assert.ok(!seen.has(e.person.personId), `person ${e.person.personId} is not shown to the nurse`);
        assert.equal((await get('nurse', `/persons/${hidden[0]!.person.personId}/scores`)).statusCode, 404, 'not findable: answered as if absent');
        const other = await get('gp', '/case-finding?team=T-INT-DERW');
        assert.equal(other.statusCode, 403, 'only your own teams');
        assert.equal((await get('otherGp', '/case-finding')).statusCode, 403, 'direct care without a team has no list');
      });

      await t.test('GET /case-finding for planning: keys, no identities, no opted-out person, suppressed screened count', async () => {
        const res = await get('analyst', '/case-finding?limit=1000');
        assert.equal(res.statusCode, 200);
        const view = res.json() as CaseFindingView;
        assert.equal(view.team, null);
        assert.ok(view.entries.length > 0);
        for (const entry of view.entries) {
          assert.deepEqual(Object.keys(entry.person).sort(), ['age', 'ageBand', 'gpPracticeCode', 'localityCode', 'personKey', 'sex']);
          assert.match(entry.person.personKey!, /^[A-Za-z0-9_-]{22}$/);
          assert.equal(entry.person.age, null, 'no exact age for planning');
          assert.match(entry.person.ageBand!, /^(\d+-\d+|90\+)$/);
        }
        assert.equal(view.entries.length, summary.caseFindingEntries - 1, 'everyone on the list but the opted-out person');
        assert.ok(!res.body.includes('"personId"') && !res.body.includes('"nhsNumber"'));
        const log = await audited('analyst', 'analytics.case_finding');
        assert.equal(log.length, view.entries.length);
        assert.ok(log.every((r) => r.person_id !== null && r.person_id !== optedOut));
        const team = (await get('analyst', `/case-finding?team=${TEAM}`)).json() as CaseFindingView;
        // The team's population is its practice's list and its caseload: for the GP, every one of them is visible.
        assert.equal(team.entries.length, gpEntries.filter((e) => e.person.personId !== optedOut).length);
        assert.equal((await get('analyst', '/case-finding?team=T-NONE')).statusCode, 404);
      });

      await t.test('GET /persons/:id/scores: direct care with a relationship; planning refused', async () => {
        const id = gpEntries[0]!.person.personId!;
        const res = await get('gp', `/persons/${id}/scores`);
        assert.equal(res.statusCode, 200, res.body);
        const view = res.json();
        assert.equal(view.personId, id);
        assert.equal(view.asOf, AS_OF);
        assert.ok(view.segment && typeof view.segment.label === 'string');
        assert.ok(view.scores.some((s: { name: string }) => s.name === 'emergency_admission_risk'));
        assert.equal((await get('analyst', `/persons/${id}/scores`)).statusCode, 403);
        assert.equal((await get('otherGp', `/persons/${id}/scores`)).statusCode, 403);
        assert.equal((await get('igLead', '/dashboard')).statusCode, 403);
      });

      await t.test('GET /criteria-fields: the registry with the place\'s segments and conditions', async () => {
        const { items } = (await get('analyst', '/criteria-fields')).json() as { items: Array<{ field: string; type: string; operators: string[]; values?: string[] }> };
        assert.deepEqual(items.find((f) => f.field === 'age'), { field: 'age', label: 'age', type: 'number', operators: ['=', '!=', '<', '<=', '>', '>=', 'isKnown', 'isUnknown'] });
        assert.deepEqual(items.find((f) => f.field === 'segment')!.values, summary.segments.map((s) => s.key));
        assert.equal(items.find((f) => f.field === 'longTermConditions')!.type, 'list');
        assert.equal(items.find((f) => f.field === 'scores.efi.band')!.type, 'string');
      });

      let saved: CohortView | undefined;
      await t.test('POST /cohorts: invalid criteria are refused with every problem; an empty cohort says so', async () => {
        const bad = await post('analyst', '/cohorts', { name: 'Bad', criteria: { all: [{ field: 'shoeSize', op: '>', value: 9 }, { field: 'age', op: 'contains', value: 'x' }] } });
        assert.equal(bad.statusCode, 400);
        const problem = bad.json();
        assert.equal(problem.code, 'SEAMLESS_ERR_ANALYTICS_INVALID_COHORT');
        assert.deepEqual(problem.details.problems.map((p: { code: string }) => p.code), ['unknown_field', 'operator_not_allowed']);
        assert.equal(problem.details.problems[0].path, 'criteria.all[0].field');
        const empty = await post('analyst', '/cohorts', { name: 'Everyone?', criteria: {} });
        assert.equal(empty.statusCode, 400);
        assert.equal(empty.json().code, 'SEAMLESS_ERR_ANALYTICS_EMPTY_COHORT');
        assert.match(empty.json().detail, /has no criteria/);
        assert.equal(empty.json().details.problems[0].code, 'empty_cohort');
        assert.equal((await post('analyst', '/cohorts', { name: 'x' })).statusCode, 400, 'criteria are required');
      });

      await t.test('POST and GET /cohorts: saved with its version, sized per reader', async () => {
        const res = await post('analyst', '/cohorts', {
          name: 'Two or more long-term conditions', description: 'Evaluation cohort', criteria: { field: 'longTermConditions.count', op: '>=', value: 2 },
        });
        assert.equal(res.statusCode, 201, res.body);
        saved = res.json() as CohortView;
        assert.match(saved.versionId, /^coh-/);
        assert.equal(saved.createdBy, ACTORS.analyst!.id);
        assert.ok(typeof saved.size === 'number' && saved.size >= 8);
        const list = (await get('gp', '/cohorts')).json() as { items: CohortView[] };
        assert.equal(list.items[0]!.id, saved.id);
        assert.deepEqual(list.items[0]!.criteria, { field: 'longTermConditions.count', op: '>=', value: 2 });
        assert.ok((list.items[0]!.size as number) >= (saved.size as number), 'direct care counts opted-out people too');
        const version = await db.kysely.selectFrom('rule_set').select('kind').where('version', '=', saved.versionId).execute();
        assert.deepEqual(version.map((v) => v.kind), ['cohort']);
      });

      await t.test('comparisons: presets, saved and inline cohorts, empty cohorts explained', async () => {
        const presets = (await get('analyst', '/cohort-comparisons/presets')).json() as { items: Array<{ key: string; show: string; a: { criteria: unknown } }> };
        assert.deepEqual(presets.items.map((p) => [p.key, p.show]), [['high_risk_not_known_to_social_care', 'onlyA'], ['social_care_rising_risk', 'both']]);
        const res = await post('analyst', '/cohorts/compare', { preset: 'high_risk_not_known_to_social_care', limit: 1000 });
        assert.equal(res.statusCode, 200, res.body);
        const view = res.json() as CohortComparisonView;
        assert.deepEqual(smallCounts(view), []);
        for (const person of view.people) assert.ok(person.personKey && person.personId === undefined && person.name === undefined);
        if (typeof view.counts.onlyA === 'number') assert.equal(view.people.length, view.counts.onlyA);
        const direct = (await post('gp', '/cohorts/compare', { a: { cohortId: saved!.id }, b: { name: 'Known to social care', criteria: { field: 'knownToSocialCare', op: '=', value: true } }, show: 'both' })).json() as CohortComparisonView;
        assert.ok(direct.people.length > 0);
        for (const person of direct.people as PersonRef[]) {
          const id = person.personId!;
          assert.ok(practiceOf.get(id) === PRACTICE || caseload.has(id), `person ${id}: the GP may see them`);
        }
        assert.ok(typeof direct.counts.both === 'number' && direct.counts.both >= direct.people.length);
        const nobody = (await post('analyst', '/cohorts/compare', { a: { name: 'Over 140', criteria: { field: 'age', op: '>', value: 140 } }, b: { cohortId: saved!.id } })).json() as CohortComparisonView;
        assert.equal(nobody.a.size, 0);
        assert.match(nobody.messages.join(' '), /Cohort 'Over 140' matches nobody/);
        const invalid = await post('analyst', '/cohorts/compare', { a: { name: 'x', criteria: { field: 'nope', op: '=', value: 1 } }, b: { cohortId: saved!.id } });
        assert.equal(invalid.statusCode, 400);
        assert.equal(invalid.json().details.problems[0].path, 'a.criteria.field');
        assert.equal((await post('analyst', '/cohorts/compare', { a: { cohortId: 999_999 }, b: { cohortId: saved!.id } })).statusCode, 404);
      });

      await t.test('POST /evaluations: outcomes with confidence intervals against a matched comparison (planning only)', async () => {
        const res = await post('analyst', '/evaluations', { cohortId: saved!.id, interventionDate: '2026-03-01', beforeMonths: 6, afterMonths: 6 });
        assert.equal(res.statusCode, 200, res.body);
        const view = res.json() as EvaluationView;
        assert.deepEqual(view.cohort, { id: saved!.id, name: 'Two or more long-term conditions' });
        assert.deepEqual(view.windows, { beforeMonths: 6, afterMonths: 6 });
        assert.ok(view.matchedPairs >= 2, `${view.matchedPairs} matched pairs`);
        assert.deepEqual(view.outcomes.map((o) => o.outcome), ['aeAttendances', 'emergencyAdmissions', 'bedDays', 'socialCareCostPence']);
        for (const outcome of view.outcomes) {
          assert.ok(outcome.confidenceInterval && outcome.confidenceInterval.lower <= outcome.difference && outcome.difference <= outcome.confidenceInterval.upper);
          assert.ok(outcome.bootstrapInterval);
        }
        assert.ok(view.outcomes.some((o) => o.intervention.totalBefore > 0), 'activity was counted in the before window');
        assert.ok(view.balance.length > 0 && view.notes.length >= 2);
        assert.ok(!('matches' in view));
        const late = await post('analyst', '/evaluations', { cohortId: saved!.id, interventionDate: '2026-09-01' });
        assert.equal(late.statusCode, 400);
        assert.match(late.json().detail, /complete to 2026-11-01/);
        assert.equal((await post('gp', '/evaluations', { cohortId: saved!.id, interventionDate: '2026-03-01' })).statusCode, 403);
        assert.equal((await post('analyst', '/evaluations', { cohortId: 999_999, interventionDate: '2026-03-01' })).statusCode, 404);
        assert.equal((await post('analyst', '/evaluations', { cohortId: saved!.id, interventionDate: '2026-02-30' })).statusCode, 400);
      });

      await t.test('every read above is in the hash-chained audit log', async () => {
        assert.ok((await audited('analyst', 'analytics.dashboard')).length >= 3);
        assert.ok((await audited('analyst', 'analytics.evaluation')).length >= 1);
        assert.ok((await audited('gp', 'analytics.person_score')).some((r) => r.outcome === 'allowed'));
        assert.ok((await audited('nurse', 'analytics.person_score')).some((r) => r.outcome === 'denied'));
        const report = await verifyAuditChain(db);
        assert.equal(report.ok, true);
      });
    });
  });
}
