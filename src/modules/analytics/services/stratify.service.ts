import type { Scope } from '../../../kernel/access/scope.ts';
import { isIsoDate, todayIso } from '../../../kernel/dates.ts';
import type { Cell } from '../../../kernel/db/bulk.ts';
import { withTransaction, type Database, type Tx } from '../../../kernel/db/database.ts';
import { badRequest, isSeamlessError, SeamlessError } from '../../../kernel/errors.ts';
import {
  countHistoryRecords, countPersons, latestActivityChange, listPersonIds, listPersonsChangedBetween, streamPersonHistories, type PersonHistory,
  type PersonHistoryDemographics,
} from '../../population/index.ts';
import { loadScoreDefinitions, type ScoreDefinitions } from '../definitions/score-definitions.loader.ts';
import { END_OF_LIFE_VERSION } from '../definitions/end-of-life.ts';
import { FALLS_VERSION } from '../definitions/falls.ts';
import { LONG_TERM_CONDITION_KEYS, LONG_TERM_CONDITIONS_VERSION } from '../definitions/long-term-conditions.ts';
import { buildScoreInputs, defaultFactDefinitions, deriveFacts, deriveFactsWithMasks, hasEmergencyAdmission, type FactDefinitions } from '../domain/derive-facts.ts';
import { FactsColumns } from '../domain/facts-columns.ts';
import { bandForProbability, explainEmergencyAdmissionRisk } from '../domain/model/explain.ts';
import { EMERGENCY_ADMISSION_FEATURES, resolveModelFeatures, writeFeatureRow, type ModelScoreInputs } from '../domain/model/features.ts';
import {
  parseEmergencyAdmissionModel, planModelWindows, trainEmergencyAdmissionModel, type EmergencyAdmissionModel, type ModelDataSet,
} from '../domain/model/model-version.ts';
import type { PersonFacts } from '../domain/person-facts.ts';
import type { PersonProfile, ProfileScore } from '../domain/person-profile.ts';
import type { ScoreName, ScoreResult } from '../domain/score-result.ts';
import { bandCharlson, CHARLSON_QUAN_VERSION, CHARLSON_VERSION, scoreCharlson } from '../domain/scores/charlson.ts';
import { EFI_DEFICIT_COUNT, EFI_VERSION, scoreEfi } from '../domain/scores/efi.ts';
import { bandHfrs, HFRS_VERSION, scoreHfrs } from '../domain/scores/hfrs.ts';
import { bandLace, LACE_VERSION, scoreLace } from '../domain/scores/lace.ts';
import { compileSegmentation, type CompiledSegmentation } from '../domain/segmentation/compile-segmentation.ts';
import { DEFAULT_SEGMENTATION, type SegmentationRuleSet } from '../domain/segmentation/segment-rules.ts';
import { compileTriggerRules, type CompiledTriggerRules } from '../domain/triggers/find-cases.ts';
import { DEFAULT_TRIGGER_RULES, type TriggerRuleSet } from '../domain/triggers/trigger-rules.ts';
import {
  deletePersonRows, findLatestChangeThrough, finishRun, insertCaseFindingEntries, insertRun, replacePersonScores, type PersonRows,
} from '../store/stratification.repository.ts';
import { findLatestModelVersion, findLatestRuleSet, saveModelVersion, saveRuleSet, type RuleSetKind } from '../store/versions.repository.ts';
import { listStoredRiskValuesExcept, listStoredRows, personFactsRow, previousRiskOf, writePersonFacts } from '../store/person-facts.repository.ts';

/**
 * Stratification: every person's facts, published scores, predicted risk of an emergency admission,
 * segment and case-finding triggers as of one date, stored with the versions that produced them.
 *
 * A full run (no personIds):
 * 1. Model: the emergency admission model is trained on the place's own data with the temporal split
 *    of model-version.ts (features as of T − 730 days with outcomes to T − 365, validated on features as
 *    of T − 365 with outcomes to T), on a deterministic sample of people (every person's id hashed; the
 *    lowest hashes, at most trainingSampleSize of them), so the same place always trains the same model
 *    and a re-run stores the same model version. People in a set are those alive and born on its
 *    features date with a registered practice. The model (with its report) is saved in model_version.
 * 2. Scores: one pass over every person's history in batches: facts, HFRS, eFI, Charlson (both
 *    weightings), LACE of the latest discharge and the predicted risk with its explanation, stored as
 *    one person_score row per person. Each batch's rows are written in one transaction that overwrites
 *    the persons' rows and deletes what an earlier run left in the batch's id range, so a person's
 *    latest scores are replaced all at once, and people who died or left the index lose theirs.
 *    People dead on the date, or born after it, are not scored.
 * 3. Segments and case finding: once everyone's risk is known, each person's risk percentile is their
 *    rank in the place (100 × the share of scored people with a lower predicted risk: 90 or more is the
 *    top 10%), then the segmentation and the trigger rules run over each person's profile, and the
 *    case-finding entries and profiles (person_facts: facts, scores, segment, percentile, and the risk
 *    the person had at the previous, earlier-dated stratification) are written the same way, batch by
 *    batch.
 *
 * An incremental run (personIds: say, the people with new activity) recomputes only those people,
 * with the latest saved model (not retrained: a model describes the place, not one day's changes),
 * and replaces only their rows. Their risk percentile is their rank against the stored risk values
 * of everyone else (person_facts, as last computed) plus the recomputed people's new values; nobody else's stored
 * rows move. Stored values may be from an earlier date or model version than the recomputed ones, so
 * percentiles drift until the next full run, which ranks everyone afresh; the segmentation and trigger
 * rules do not read the stored percentiles of others, so no one else's segment or case finding changes.
 *
 * Which persons have changed: population's change log records the persons of every write to a
 * person's record (activity, new persons, filled-in demographics such as a date of death, merges).
 * Every run stores the log's latest entry as it started, except a run over persons the caller named
 * (it reflects only theirs); a `changed` run recomputes the persons in the entries after the latest
 * run that stored one, so after importing one day of activity only that day's persons are read and
 * rewritten.
 *
 * Access: the run reads every person's record for direct care case finding, so the actor must be able
 * to read primary care and hospital records; it discloses nothing (its summary is counts), and reading
 * a person's results is access-checked separately. The run is audited as one entry with counts only.
 */
export const STRATIFY_RESOURCE = 'analytics.stratify';
export const DEFAULT_TRAINING_SAMPLE_SIZE = 30_000;
const RISK: ScoreName = 'emergency_admission_risk';

export interface StratifyProgress {
  phase: 'model' | 'scores' | 'segments';
  done: number;
  total: number;
}

export interface StratifyOptions {
  /** The date everything is computed as of (ISO); today when not given. */
  asOf?: string | undefined;
  /** Recompute only these persons (an incremental run). */
  personIds?: readonly number[] | undefined;
  /**
   * Recompute only the persons whose records changed since the latest run that reflects all changes
   * (a full run, or an earlier `changed` run), from population's activity change log; a full run when
   * there is no such run. Not with personIds.
   */
  changed?: boolean | undefined;
  onProgress?: ((progress: StratifyProgress) => void) | undefined;
  /** Persons per batch (default 5,000). */
  batchSize?: number | undefined;
  /** The segmentation to apply; default the latest saved one, else the Seamless default pyramid. */
  segmentation?: SegmentationRuleSet | undefined;
  /** The trigger rules to apply; default the latest saved ones, else the Seamless defaults. */
  triggerRules?: TriggerRuleSet | undefined;
  /** Most people in the model's training sample (default 30,000). */
  trainingSampleSize?: number | undefined;
  /** The clock (tests). */
  now?: (() => Date) | undefined;
}

export interface StratifySummary {
  runId: number;
  kind: 'stratify' | 'stratify_incremental';
  asOf: string;
  /** Persons read. */
  persons: number;
  /** Persons scored (alive and born on asOf). */
  scored: number;
  /** Activity records read for them. */
  events: number;
  /** Scores stored (every score of every scored person; one person_score row holds a person's). */
  scoreRows: number;
  segments: Array<{ key: string; label: string; count: number }>;
  caseFindingEntries: number;
  model: {
    version: string;
    trained: boolean;
    trainingRows?: number | undefined;
    validationRows?: number | undefined;
    validationAuc?: number | undefined;
  } | null;
  versions: RunVersions;
  warnings: string[];
  seconds: number;
  /** Seconds spent training the model, scoring everyone, and on segments and case finding. */
  phases: { model: number; scores: number; segments: number };
  /** A `changed` run: the run whose changes it started from, and how many persons' records changed since. */
  changedSince?: { runId: number; persons: number } | undefined;
}

export interface RunVersions {
  hfrs: string;
  efi: string;
  charlson: string;
  charlsonQuan: string;
  lace: string;
  longTermConditions: string;
  falls: string;
  endOfLife: string;
  model: string | null;
  segmentation: string;
  triggers: string;
}

function isDatabase(db: Database | Tx): db is Database {
  return 'dialect' in db;
}

/** Runs fn in a transaction of its own, or in the caller's when the scope already holds one. */
function inTransaction<T>(db: Database | Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return isDatabase(db) ? withTransaction(db, fn) : fn(db);
}

function requireStratifyAccess(scope: Scope): void {
  if (!scope.access.canRead('primary_care') || !scope.access.canRead('acute')) {
    throw new SeamlessError('SEAMLESS_ERR_ANALYTICS_NOT_PERMITTED', 403,
      'Stratification reads everyone\'s GP and hospital records; your role does not read them.');
  }
}

/** Computes and stores scores, segments and case finding for the place (or the persons given); see the module comment. */
export async function stratifyPlace(scope: Scope, options: StratifyOptions = {}): Promise<StratifySummary> {
  requireStratifyAccess(scope);
  const now = options.now ?? (() => new Date());
  const asOf = options.asOf ?? todayIso(now());
  if (!isIsoDate(asOf)) throw badRequest('SEAMLESS_ERR_ANALYTICS_BAD_DATE', `'${asOf}' is not a date (YYYY-MM-DD).`);
  if (options.changed && options.personIds !== undefined) {
    throw badRequest('SEAMLESS_ERR_ANALYTICS_BAD_OPTIONS', 'Recompute either the persons given or the persons whose records changed, not both.');
  }
  const db = scope.db;
  const warnings: string[] = [];
  // Read before any history: a change written while the run reads is picked up again by the next --changed run.
  const changeThrough = await latestActivityChange(db);
  let personIds = options.personIds;
  let changedSince: StratifySummary['changedSince'];
  if (options.changed) {
    const previous = await findLatestChangeThrough(db);
    if (previous) {
      personIds = await listPersonsChangedBetween(db, previous.through, changeThrough);
      changedSince = { runId: previous.runId, persons: personIds.length };
    } else {
      warnings.push('No earlier stratification recorded which changes it reflected, so everyone was recomputed (a full run).');
    }
  }
  const incremental = personIds !== undefined;
  const kind = incremental ? 'stratify_incremental' : 'stratify';
  const started = performance.now();
  const startedAt = now().toISOString();
  const definitions = loadScoreDefinitions();
  const facts = defaultFactDefinitions();
  const gpEventCodes = [...new Set([...facts.gpEventCodes, ...definitions.efi.byCode.keys()])];
  const createdBy = scope.actor.id;

  const segmentationRules = options.segmentation ?? (await savedRuleSet<SegmentationRuleSet>(db, 'segmentation')) ?? DEFAULT_SEGMENTATION;
  const triggerRuleSet = options.triggerRules ?? (await savedRuleSet<TriggerRuleSet>(db, 'triggers')) ?? DEFAULT_TRIGGER_RULES;
  const segmentation = compileSegmentation(segmentationRules, { conditionKeys: LONG_TERM_CONDITION_KEYS });
  const triggers = compileTriggerRules(triggerRuleSet, { conditionKeys: LONG_TERM_CONDITION_KEYS, segmentKeys: segmentation.segments.map((s) => s.key) });
  await saveRuleSet(db, {
    kind: 'segmentation', version: segmentation.versionId, label: segmentationRules.label, effectiveFrom: segmentationRules.effectiveFrom,
    rules: JSON.stringify(segmentationRules), createdAt: startedAt, createdBy,
  });
  await saveRuleSet(db, {
    kind: 'triggers', version: triggers.versionId, label: triggerRuleSet.label, effectiveFrom: triggerRuleSet.effectiveFrom,
    rules: JSON.stringify(triggerRuleSet), createdAt: startedAt, createdBy,
  });

  const versions: RunVersions = {
    hfrs: HFRS_VERSION, efi: EFI_VERSION, charlson: CHARLSON_VERSION, charlsonQuan: CHARLSON_QUAN_VERSION, lace: LACE_VERSION,
    longTermConditions: LONG_TERM_CONDITIONS_VERSION, falls: FALLS_VERSION, endOfLife: END_OF_LIFE_VERSION, model: null,
    segmentation: segmentation.versionId, triggers: triggers.versionId,
  };
  const runId = await insertRun(db, {
    kind, asOf, startedAt, startedBy: createdBy, versions: JSON.stringify({ versions }),
    // A run over persons the caller named reflects only their changes.
    activityChangeThrough: options.personIds === undefined ? changeThrough : null,
  });
  const progress = options.onProgress;
  const batchSize = options.batchSize;

  try {
    // 1. The model.
    const phaseStart = performance.now();
    let model: EmergencyAdmissionModel | undefined;
    let modelSummary: StratifySummary['model'] = null;
    if (!incremental) {
      const trained = await trainModel(db, asOf, definitions, facts, gpEventCodes, options.trainingSampleSize ?? DEFAULT_TRAINING_SAMPLE_SIZE, startedAt, progress);
      if (trained.model) {
        model = trained.model;
        await saveModelVersion(db, {
          version: model.version, name: model.name, scoringAsOf: model.windows.scoringAsOf, createdAt: model.createdAt,
          report: JSON.stringify(model.report), model: JSON.stringify(model),
        });
        modelSummary = {
          version: model.version, trained: true, trainingRows: model.report.training.n, validationRows: model.report.validation.n,
          validationAuc: model.report.validation.auc.auc,
        };
      } else {
        warnings.push(trained.warning!);
      }
    } else {
      const saved = await findLatestModelVersion(db, RISK);
      if (saved) {
        model = parseEmergencyAdmissionModel(saved.model);
        modelSummary = { version: model.version, trained: false };
      } else {
        warnings.push('No emergency admission model has been trained yet: run a full stratification first. Predicted risk was not computed.');
      }
    }
    versions.model = model?.version ?? null;

    const modelSeconds = (performance.now() - phaseStart) / 1000;

    // 2. Scores, batch by batch.
    const scoresStart = performance.now();
    const requested = personIds === undefined ? undefined : [...new Set(personIds)].filter(Number.isSafeInteger).sort((a, b) => a - b);
    const total = requested?.length ?? (await countPersons(db));
    const columns = new FactsColumns(asOf, facts, Math.min(Math.max(total, 16), 1 << 22));
    let persons = 0, events = 0, scoreRows = 0;
    let previousLast = 0;
    const seen = new Set<number>();
    let pendingWrite: Promise<void> | undefined;
    for await (const batch of streamPersonHistories(db, { personIds: requested, batchSize, gpEventCodes })) {
      const rows: Cell[][] = [];
      for (const history of batch) {
        persons++;
        events += countHistoryRecords(history);
        if (requested) seen.add(history.person.id);
        scoreRows += scorePerson(history, asOf, definitions, facts, model, columns, rows, runId);
      }
      const last = batch[batch.length - 1]!.person.id;
      const range: PersonRows = requested ? { kind: 'ids', ids: batch.map((h) => h.person.id) } : { kind: 'range', after: previousLast, upTo: last };
      // One batch's write runs while the next batch is scored (on PostgreSQL, on another connection);
      // writes stay in order, and an error surfaces at the next batch.
      await pendingWrite;
      pendingWrite = inTransaction(db, async (tx) => {
        // Overwritten in place, then whatever an earlier run left that this one did not write.
        await replacePersonScores(tx, rows);
        await deletePersonRows(tx, 'person_score', range, runId);
      });
      pendingWrite.catch(() => undefined);
      previousLast = last;
      progress?.({ phase: 'scores', done: persons, total });
    }
    await pendingWrite;
    // Rows of persons no longer in the index (merged, removed), or not scored (died, not yet born), or
    // in a full run beyond the last person. (Scored persons' profiles are replaced in step 3.)
    const scoredIds = new Set(columns.personIds.subarray(0, columns.length));
    const gone: PersonRows = requested
      ? { kind: 'ids', ids: requested.filter((id) => !seen.has(id) || !scoredIds.has(id)) }
      : { kind: 'range', after: previousLast };
    await inTransaction(db, async (tx) => {
      for (const table of ['person_score', 'case_finding_entry', 'person_facts'] as const) await deletePersonRows(tx, table, gone);
    });

    const scoresSeconds = (performance.now() - scoresStart) / 1000;

    // 3. Percentiles, segments and case finding.
    const segmentsStart = performance.now();
    const percentile = await percentiles(db, columns, requested);
    const { segmentCounts, caseFindingEntries } = await writeSegmentsAndCases(
      db, columns, percentile, model, segmentation, triggers, definitions, { asOf, computedAt: startedAt, runId, batchSize: batchSize ?? 5_000, incremental },
      progress,
    );

    const seconds = (performance.now() - started) / 1000;
    const phases = { model: modelSeconds, scores: scoresSeconds, segments: (performance.now() - segmentsStart) / 1000 };
    const summary: StratifySummary = {
      runId, kind, asOf, persons, scored: columns.length, events, scoreRows,
      segments: segmentation.segments.map((s, i) => ({ key: s.key, label: s.label, count: segmentCounts[i]! })),
      caseFindingEntries, model: modelSummary, versions, warnings, seconds, phases, changedSince,
    };
    await finishRun(db, runId, {
      status: 'completed', finishedAt: now().toISOString(), persons, events,
      versions: JSON.stringify({ versions, scored: columns.length, scoreRows, segments: summary.segments, caseFindingEntries, model: modelSummary, warnings, phases }),
    });
    await scope.audit.record(scope.actor, [{
      action: 'write', resource: STRATIFY_RESOURCE, outcome: 'allowed',
      detail: `run ${runId} (${kind}) as of ${asOf}: ${persons} persons, ${events} events, ${scoreRows} scores, ${caseFindingEntries} case-finding entries`,
    }]);
    return summary;
  } catch (error) {
    await finishRun(db, runId, {
      status: 'failed', finishedAt: now().toISOString(), persons: 0, events: 0,
      versions: JSON.stringify({ versions, error: isSeamlessError(error) ? error.code : 'internal' }),
    }).catch(() => undefined);
    await scope.audit.record(scope.actor, [{
      action: 'write', resource: STRATIFY_RESOURCE, outcome: 'allowed', detail: `run ${runId} (${kind}) as of ${asOf} failed`,
    }]).catch(() => undefined);
    throw error;
  }
}

async function savedRuleSet<T>(db: Database | Tx, kind: RuleSetKind): Promise<T | undefined> {
  const saved = await findLatestRuleSet(db, kind);
  return saved ? (JSON.parse(saved.rules) as T) : undefined;
}

/** Alive and born on the date. */
function inPopulation(person: PersonHistoryDemographics, date: string): boolean {
  return (person.dateOfDeath === null || person.dateOfDeath > date) && (person.dateOfBirth === null || person.dateOfBirth <= date);
}

/** The published scores a person has on the facts' date. */
interface PublishedScores {
  hfrs: ScoreResult | null;
  efi: ScoreResult | null;
  charlson: ScoreResult;
  charlsonQuan: ScoreResult;
  lace: ScoreResult | null;
}

/** The published scores on the facts' date; LACE only when asked for (the model does not read it). */
function publishedScores(history: PersonHistory, facts: PersonFacts, definitions: ScoreDefinitions, withLace = true): PublishedScores {
  const inputs = buildScoreInputs(history, facts);
  const charlson = scoreCharlson(definitions.charlson, inputs.charlson);
  return {
    hfrs: scoreHfrs(definitions.hfrs, inputs.hfrs),
    efi: scoreEfi(definitions.efi, inputs.efi),
    charlson: charlson.charlson,
    charlsonQuan: charlson.charlsonQuan,
    lace: !withLace || inputs.lace === undefined ? null : scoreLace(definitions.lace, definitions.charlson, inputs.lace),
  };
}

/** The other scores as the model reads them (Charlson with the Quan 2011 weights). */
function modelInputs(scores: PublishedScores): ModelScoreInputs {
  return {
    hfrs: scores.hfrs?.value,
    efiDeficits: scores.efi === null ? undefined : Math.round(scores.efi.value * EFI_DEFICIT_COUNT),
    charlson: scores.charlsonQuan.value,
  };
}

/** Facts and every score for one person; appends their person_score row and their column row (when scored). Returns the scores stored. */
function scorePerson(
  history: PersonHistory, asOf: string, definitions: ScoreDefinitions, factDefinitions: FactDefinitions, model: EmergencyAdmissionModel | undefined,
  columns: FactsColumns, rows: Cell[][], runId: number,
): number {
  if (!inPopulation(history.person, asOf)) return 0;
  const derived = deriveFactsWithMasks(history, asOf, factDefinitions);
  const scores = publishedScores(history, derived.facts, definitions);
  const row = columns.push(derived.facts, derived.conditionMask, derived.unstableMask);
  const values = columns.scores;
  const results: ScoreResult[] = [];
  if (scores.hfrs) { values.hfrs[row] = scores.hfrs.value; results.push(scores.hfrs); }
  if (scores.efi) { values.efiDeficits[row] = Math.round(scores.efi.value * EFI_DEFICIT_COUNT); results.push(scores.efi); }
  values.charlson[row] = scores.charlson.value;
  values.charlsonQuan[row] = scores.charlsonQuan.value;
  results.push(scores.charlson, scores.charlsonQuan);
  if (scores.lace) { values.lace[row] = scores.lace.value; results.push(scores.lace); }
  if (model) {
    const risk = explainEmergencyAdmissionRisk(model, derived.facts, modelInputs(scores));
    values.risk[row] = risk.value;
    results.push(risk);
  }
  rows.push([history.person.id, runId, JSON.stringify(results)]);
  return results.length;
}

// The model ------------------------------------------------------------------------------------------

/** A deterministic sample: the ids with the lowest hash (a fixed 32-bit mix of the id), at most `size`, ascending. */
export function sampleIds(ids: readonly number[], size: number): number[] {
  if (ids.length <= size) return [...ids];
  const hash = (id: number): number => {
    let h = Math.imul(id ^ 0x5bd1e995, 0x9e3779b1);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    return h >>> 0;
  };
  return ids.map((id) => [hash(id), id] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).slice(0, size).map(([, id]) => id).sort((a, b) => a - b);
}

interface TrainingOutcome {
  model?: EmergencyAdmissionModel | undefined;
  warning?: string | undefined;
}

/** Trains the emergency admission model for scoring as of asOf on a sample of the place (see the module comment). */
async function trainModel(
  db: Database | Tx, asOf: string, definitions: ScoreDefinitions, factDefinitions: FactDefinitions, gpEventCodes: readonly string[], sampleSize: number,
  createdAt: string, progress: StratifyOptions['onProgress'],
): Promise<TrainingOutcome> {
  const windows = planModelWindows(asOf);
  const features = resolveModelFeatures(EMERGENCY_ADMISSION_FEATURES.map((f) => f.key));
  const width = features.length;
  const sample = sampleIds(await listPersonIds(db), Math.max(1, sampleSize));
  const scratch = new Float64Array(width);
  const sets = [
    { featuresAsOf: windows.trainingFeaturesAsOf, outcomeTo: windows.trainingOutcomeTo, rows: [] as number[], outcomes: [] as number[] },
    { featuresAsOf: windows.validationFeaturesAsOf, outcomeTo: windows.validationOutcomeTo, rows: [] as number[], outcomes: [] as number[] },
  ];
  let done = 0;
  for await (const batch of streamPersonHistories(db, { personIds: sample, gpEventCodes })) {
    for (const history of batch) {
      const person = history.person;
      if (person.gpPracticeCode === null) continue;
      for (const set of sets) {
        if (!inPopulation(person, set.featuresAsOf)) continue;
        const facts = deriveFacts(history, set.featuresAsOf, factDefinitions);
        writeFeatureRow(features, facts, modelInputs(publishedScores(history, facts, definitions, false)), scratch, 0);
        for (let j = 0; j < width; j++) set.rows.push(scratch[j]!);
        set.outcomes.push(hasEmergencyAdmission(history, set.featuresAsOf, set.outcomeTo) ? 1 : 0);
      }
    }
    done += batch.length;
    progress?.({ phase: 'model', done, total: sample.length });
  }
  const [training, validation] = sets.map((s): ModelDataSet => ({
    featuresAsOf: s.featuresAsOf, outcomeTo: s.outcomeTo, rows: Float64Array.from(s.rows), outcomes: Uint8Array.from(s.outcomes),
  })) as [ModelDataSet, ModelDataSet];
  try {
    return { model: trainEmergencyAdmissionModel(training, validation, { createdAt, featureKeys: features.map((f) => f.key), scoringAsOf: asOf }) };
  } catch (error) {
    if (isSeamlessError(error) && error.code.startsWith('SEAMLESS_ERR_ANALYTICS_MODEL')) {
      return { warning: `The emergency admission model could not be trained, so predicted risk was not computed: ${error.message}` };
    }
    throw error;
  }
}

// Percentiles, segments and case finding ---------------------------------------------------------------

/** The number of values in an ascending array below v. */
function countBelow(sorted: Float64Array, v: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Each scored person's risk percentile (NaN when not scored): 100 × the share of the distribution
 * below their risk. The distribution is this run's risks for a full run, and for an incremental run
 * everyone else's stored risks (person_facts, which step 3 has not yet rewritten) plus the recomputed
 * people's new ones (see the module comment).
 */
async function percentiles(db: Database | Tx, columns: FactsColumns, requested: readonly number[] | undefined): Promise<Float64Array> {
  const n = columns.length;
  const risk = columns.scores.risk.subarray(0, n);
  const computed = risk.filter((v) => !Number.isNaN(v));
  const others = requested && computed.length > 0 ? await listStoredRiskValuesExcept(db, new Set(requested)) : [];
  const distribution = new Float64Array(others.length + computed.length);
  distribution.set(others);
  distribution.set(computed, others.length);
  distribution.sort();
  const out = new Float64Array(n).fill(Number.NaN);
  const size = distribution.length;
  for (let i = 0; i < n; i++) {
    const v = risk[i]!;
    if (!Number.isNaN(v) && size > 0) out[i] = (100 * countBelow(distribution, v)) / size;
  }
  return out;
}

interface WriteContext {
  asOf: string;
  computedAt: string;
  runId: number;
  batchSize: number;
  incremental: boolean;
}

function profileScores(columns: FactsColumns, i: number, definitions: ScoreDefinitions, model: EmergencyAdmissionModel | undefined): PersonProfile['scores'] {
  const s = columns.scores;
  const scores: Partial<Record<ScoreName, ProfileScore>> = {};
  const hfrs = s.hfrs[i]!;
  if (!Number.isNaN(hfrs)) scores.hfrs = { value: hfrs, band: bandHfrs(hfrs) };
  const deficits = s.efiDeficits[i]!;
  if (deficits >= 0) scores.efi = { value: deficits / EFI_DEFICIT_COUNT, band: definitions.efi.bandByDeficitCount[deficits]! };
  const charlson = s.charlson[i]!, quan = s.charlsonQuan[i]!;
  if (charlson >= 0) scores.charlson = { value: charlson, band: bandCharlson(charlson) };
  if (quan >= 0) scores.charlson_quan = { value: quan, band: bandCharlson(quan) };
  const lace = s.lace[i]!;
  if (lace >= 0) scores.lace = { value: lace, band: bandLace(lace) };
  const risk = s.risk[i]!;
  if (model && !Number.isNaN(risk)) scores.emergency_admission_risk = { value: risk, band: bandForProbability(model.bands, risk) };
  return scores;
}

async function writeSegmentsAndCases(
  db: Database | Tx, columns: FactsColumns, percentile: Float64Array, model: EmergencyAdmissionModel | undefined,
  segmentation: CompiledSegmentation, triggers: CompiledTriggerRules, definitions: ScoreDefinitions, context: WriteContext,
  progress: StratifyOptions['onProgress'],
): Promise<{ segmentCounts: number[]; caseFindingEntries: number }> {
  const segmentCounts = new Array<number>(segmentation.segments.length).fill(0);
  const keys = segmentation.segments.map((s) => s.key);
  let caseFindingEntries = 0;
  let previousLast = 0;
  let pendingWrite: Promise<void> | undefined;
  const n = columns.length;
  for (let start = 0; start < n; start += context.batchSize) {
    const end = Math.min(n, start + context.batchSize);
    const caseRows: Cell[][] = [], factRows: Cell[][] = [];
    const ids = Array.from(columns.personIds.subarray(start, end));
    const last = ids[ids.length - 1]!;
    const range: PersonRows = context.incremental ? { kind: 'ids', ids } : { kind: 'range', after: previousLast, upTo: last };
    // Each person's stored risk becomes their previous risk (person_facts, for "rising risk").
    const stored = await listStoredRows(db, range);
    for (let i = start; i < end; i++) {
      const personId = columns.personIds[i]!;
      const p = percentile[i]!;
      const previous = previousRiskOf(stored.get(personId), context.asOf);
      const profile: PersonProfile = {
        facts: columns.facts(i), scores: profileScores(columns, i, definitions, model), riskPercentile: Number.isNaN(p) ? undefined : p,
        previousRiskValue: previous.value ?? undefined, previousRiskPercentile: previous.percentile ?? undefined,
      };
      const index = segmentation.assignIndex(profile);
      segmentCounts[index]! += 1;
      profile.segment = keys[index]!;
      const entry = triggers.evaluate(profile);
      if (entry) {
        caseRows.push([personId, context.runId, triggers.versionId, JSON.stringify(entry.rulesMet), entry.rulesMet.length, entry.riskValue,
          entry.riskPercentile, entry.segment, context.computedAt]);
      }
      factRows.push(personFactsRow(profile, context.runId, previous));
    }
    await pendingWrite;
    pendingWrite = inTransaction(db, async (tx) => {
      await deletePersonRows(tx, 'case_finding_entry', range);
      caseFindingEntries += await insertCaseFindingEntries(tx, caseRows);
      await writePersonFacts(tx, factRows, stored);
      await deletePersonRows(tx, 'person_facts', range, context.runId);
    });
    pendingWrite.catch(() => undefined);
    previousLast = last;
    progress?.({ phase: 'segments', done: end, total: n });
  }
  await pendingWrite;
  if (!context.incremental) {
    // Everyone after the last scored person (dead, or not yet born on the date) has no segment or case-finding entry.
    await inTransaction(db, async (tx) => {
      await deletePersonRows(tx, 'case_finding_entry', { kind: 'range', after: previousLast });
      await deletePersonRows(tx, 'person_facts', { kind: 'range', after: previousLast });
    });
  }
  return { segmentCounts, caseFindingEntries };
}
