/** Population health analytics: risk and frailty scores, the predictive model, segmentation, case finding, cohorts, needs and evaluation. */
export type { ScoreName, ScoreFactor, ScoreResult } from './domain/score-result.ts';
export type { PersonFacts, SexCode } from './domain/person-facts.ts';
// Public-health statistics: crude rates, proportions, DSRs with confidence limits, projections, needs profile.
export {
  Z_95, Z_99_8, EXACT_POISSON_BELOW, checkConfidence, zForConfidence, byarLimits, exactPoissonLimits, poissonLimits, wilsonLimits,
  type ConfidenceLevel, type PoissonCiMethod, type Limits, type CountLimits,
} from './domain/stats/confidence-intervals.ts';
export { PER_100_000, calculateCrudeRate, calculateProportion, type RateOptions, type RateResult, type ProportionResult } from './domain/stats/crude-rate.ts';
export {
  ESP2013_BANDS, ESP2013_POPULATION, DSR_MIN_EVENTS, isEsp2013Band, esp2013BandForAge, checkEsp2013Bands, calculateDsr,
  type Esp2013Band, type AgeBandCount, type DsrResult,
} from './domain/stats/directly-standardised-rate.ts';
export { projectPopulation, SINGLE_YEAR_AGES, MAX_PROJECTION_YEARS, type ProjectionBaseRow, type ProjectedYear, type PopulationProjection, type ProjectionLayout } from './domain/stats/population-projection.ts';
export { deriveNeedsProfileRows, type NeedsAreaCounts, type NeedsProfileRow, type NeedsProfileOptions, type NeedsSuppression } from './domain/stats/needs-profile.ts';
export { buildNeedsProfile, buildNeedsWorkbook, writeNeedsWorkbook, DEFINITIONS_SHEET, type NeedsWorkbookOptions } from './report/needs-workbook.ts';
// Segmentation, trigger rules for case finding and cohorts: one criteria language over PersonProfile (pure, isomorphic).
export type { PersonProfile, ProfileScore } from './domain/person-profile.ts';
export {
  CRITERIA_OPERATORS,
  type Criteria, type AllCriteria, type AnyCriteria, type NotCriteria, type FieldCriterion, type CodeCriterion, type CriteriaOperator,
  type CriterionValue, type CriteriaOptions, type ProfilePredicate, type SegmentMeaning,
} from './domain/criteria/criteria.types.ts';
export { CRITERIA_FIELDS, DEFAULT_SCORE_BANDS, buildCriteriaFields, criteriaFieldRegistry, type CriteriaField, type CriteriaFieldType } from './domain/criteria/criteria-fields.ts';
export { validateCriteria, CRITERIA_CODE_SYSTEMS, MAX_CRITERIA_DEPTH, type ValidateCriteriaOptions } from './domain/criteria/validate-criteria.ts';
export { isNeverTrue, isAlwaysTrue } from './domain/criteria/criteria-contradictions.ts';
export { compileCriteria, type CompileCriteriaOptions } from './domain/criteria/compile-criteria.ts';
export {
  explainCriteria, compileExplainer, compileReasons, describeCriteria, describeCriterion, type CriteriaExplanation, type CriterionOutcome,
} from './domain/criteria/explain-criteria.ts';
export { canonicalJson, fnv1a64, ruleVersionId } from './domain/criteria/rule-version.ts';
export {
  formatProblems, INVALID_CRITERIA, INVALID_SEGMENTATION, INVALID_TRIGGER_RULES, INVALID_COHORT, EMPTY_COHORT, type RuleProblem, type RuleProblemCode,
} from './domain/criteria/rule-problems.ts';
export { DEFAULT_SEGMENTATION, CATCH_ALL, segmentationVersionId, type SegmentRule, type SegmentationRuleSet } from './domain/segmentation/segment-rules.ts';
export { validateSegmentation, type SegmentationOptions } from './domain/segmentation/validate-segmentation.ts';
export { compileSegmentation, countSegments, type CompiledSegmentation, type SegmentExplanation } from './domain/segmentation/compile-segmentation.ts';
export {
  DEFAULT_TRIGGER_RULES, DEFAULT_TRIGGER_THRESHOLDS, buildTriggerRuleSet, triggerRulesVersionId,
  type TriggerRule, type TriggerRuleSet, type TriggerThresholds, type TriggerRuleSetHeader,
} from './domain/triggers/trigger-rules.ts';
export { validateTriggerRules, type TriggerRuleOptions } from './domain/triggers/validate-trigger-rules.ts';
export {
  compileTriggerRules, buildCaseFindingList,
  type CompiledTriggerRules, type CaseFindingList, type CaseFindingEntry, type CaseFindingOptions, type TriggerHit,
} from './domain/triggers/find-cases.ts';
export {
  validateCohortDefinition, compileCohort, cohortVersionId, highRiskCohort, knownToSocialCareCohort, receivingSocialCareCohort, risingRiskCohort,
  type CohortDefinition, type CohortOptions, type CompiledCohort, type RisingRiskOptions,
} from './domain/cohorts/cohort-definition.ts';
export { evaluateCohort, compareCohorts, summariseCohorts, type CohortMembership, type CohortComparison, type CohortSummary } from './domain/cohorts/compare-cohorts.ts';
// Predictive model of an emergency admission in the next 12 months (pure, isomorphic): features from PersonFacts, ridge logistic
// regression by IRLS, AUC with DeLong CI, calibration by decile, per-person explanations and bands, content-versioned models.
export {
  EMERGENCY_ADMISSION_FEATURE_SET, EMERGENCY_ADMISSION_FEATURES, resolveModelFeatures, writeFeatureRow, buildFeatureMatrix,
  type ModelFeature, type ModelScoreInputs, type ModelExample,
} from './domain/model/features.ts';
export { fitLogisticRegression, type LogisticRegressionOptions, type LogisticRegressionFit } from './domain/model/logistic-regression.ts';
export { computeAuc, type AucResult } from './domain/model/discrimination.ts';
export { computeCalibration, type CalibrationGroup, type CalibrationResult } from './domain/model/calibration.ts';
export {
  DEFAULT_RISK_BANDS, LOWEST_RISK_BAND, computeRiskBandThresholds, bandForProbability, explainEmergencyAdmissionRisk, explainFeatureRow,
  type RiskBandDefinition, type ExplainOptions, type RowExplanation, type FactorContribution,
} from './domain/model/explain.ts';
export {
  EMERGENCY_ADMISSION_MODEL_KIND, planModelWindows, trainEmergencyAdmissionModel, scoreWithModel, scoreFeatureMatrix, computeModelVersion,
  parseEmergencyAdmissionModel,
  type EmergencyAdmissionModel, type ModelFeatureTerm, type RiskBand, type ModelWindows, type ModelTrainingReport, type ModelDataSet, type TrainModelOptions,
} from './domain/model/model-version.ts';
// Before/after evaluation of an intervention against a matched comparison group (pure, isomorphic): exact strata plus nearest
// neighbour on a standardised distance within a risk caliper, balance by SMD, difference-in-differences with paired t and bootstrap CIs.
export {
  EVALUATION_OUTCOMES, EVALUATION_OUTCOME_LABELS, EVALUATION_ERRORS, validateEvaluationInput,
  type EvaluationOutcome, type OutcomeMeasures, type EvaluationPerson, type EvaluationInput,
} from './domain/evaluation/evaluation-input.ts';
export {
  MATCHING_COVARIATES, BALANCE_COVARIATE_LABELS, BALANCE_THRESHOLD, DEFAULT_MATCHING_OPTIONS, matchComparisonGroup, assessBalance,
  type MatchingCovariate, type BalanceCovariate, type MatchingOptions, type MatchedSet, type UnmatchedReason, type UnmatchedCase,
  type BalanceSide, type BalanceRow, type MatchingResult,
} from './domain/evaluation/matching.ts';
export {
  DEFAULT_DIFFERENCE_IN_DIFFERENCES_OPTIONS, estimateDifferenceInDifferences,
  type GroupSummary, type Interval, type OutcomeEffect, type DifferenceInDifferencesOptions, type DifferenceInDifferencesResult,
} from './domain/evaluation/difference-in-differences.ts';
export {
  MINIMUM_MATCHED_SETS, evaluateIntervention,
  type EvaluationOptions, type EvaluationWarningCode, type EvaluationWarning, type MatchSummary, type EvaluationResult,
} from './domain/evaluation/evaluate-intervention.ts';
// Published risk and frailty scores (pure, isomorphic): HFRS (Gilbert 2018), eFI (Clegg 2016), Charlson with Quan 2005 ICD-10
// coding (Charlson 1987 and Quan 2011 weights), LACE (van Walraven 2010); each takes its compiled table, built once from reference/.
export {
  HFRS_VERSION, HFRS_MIN_AGE, HFRS_LOOKBACK_YEARS, compileHfrsTable, scoreHfrs, scoreHfrsForSpell, bandHfrs,
  type HfrsTable, type HfrsTableRow, type HfrsCategory, type HfrsBand, type HfrsInput, type HfrsSpellInput,
} from './domain/scores/hfrs.ts';
export {
  EFI_VERSION, EFI_MIN_AGE, EFI_DEFICIT_COUNT, EFI_POLYPHARMACY_MIN_MEDICATIONS, EFI_POLYPHARMACY_WINDOW_DAYS, compileEfiTable, scoreEfi,
  countDistinctMedications, bandEfi,
  type EfiTable, type EfiDeficit, type EfiDefinitionRows, type EfiDeficitRow, type EfiCodeRow, type EfiBandRow, type EfiInput, type CodedEvent,
  type MedicationRecord,
} from './domain/scores/efi.ts';
export {
  CHARLSON_VERSION, CHARLSON_QUAN_VERSION, CHARLSON_DEFAULT_LOOKBACK_YEARS, CHARLSON_CATEGORIES, compileCharlsonTable, scoreCharlson,
  charlsonCategoryOf, bandCharlson,
  type CharlsonTable, type CharlsonTableRow, type CharlsonCategory, type CharlsonCategoryKey, type CharlsonInput, type CharlsonScores,
} from './domain/scores/charlson.ts';
export {
  LACE_VERSION, LACE_HIGH_RISK_FROM, compileLaceTable, scoreLace, bandLace,
  type LaceTable, type LacePointsRow, type LacePointBand, type LaceBand, type LaceIndexSpell, type LaceInput,
} from './domain/scores/lace.ts';
export { SCORE_DEFINITION_ERROR, type DiagnosedSpell } from './domain/scores/score-common.util.ts';
export { loadScoreDefinitions, buildScoreDefinitions, type ScoreDefinitions } from './definitions/score-definitions.loader.ts';
// The stratification engine: facts derived from each person's linked record, every score, segmentation and case finding,
// stored per person with the versions that produced them (analytics_run, person_score, person_facts, case_finding_entry,
// model_version, rule_set).
export { analyticsMigrations } from './store/migrations/index.ts';
export type { AnalyticsTables } from './store/analytics.tables.ts';
export {
  LONG_TERM_CONDITIONS, LONG_TERM_CONDITION_KEYS, LONG_TERM_CONDITIONS_VERSION, type LongTermConditionDefinition,
} from './definitions/long-term-conditions.ts';
export { FALLS_SNOMED, FALLS_VERSION, SAME_FALL_WITHIN_DAYS, isFallIcd10 } from './definitions/falls.ts';
export { END_OF_LIFE_SNOMED, END_OF_LIFE_VERSION } from './definitions/end-of-life.ts';
export {
  FACTS_WINDOW_DAYS, MAX_CONDITIONS, compileFactDefinitions, defaultFactDefinitions, deriveFacts, deriveFactsWithMasks, buildScoreInputs,
  latestDischarge, hasEmergencyAdmission, isEmergencyAdmissionMethod, isElectiveAdmissionMethod, conditionsOfIcd10,
  type FactDefinitions, type FactCodeLists, type DerivedFacts, type ScoreInputs,
} from './domain/derive-facts.ts';
export {
  stratifyPlace, sampleIds, STRATIFY_RESOURCE, DEFAULT_TRAINING_SAMPLE_SIZE,
  type StratifyOptions, type StratifySummary, type StratifyProgress, type RunVersions,
} from './services/stratify.service.ts';
export { getPersonScores, PERSON_SCORES_RESOURCE, type PersonScores, type PersonScore } from './services/person-scores.service.ts';
// The API over the stored results: profiles cached per run, the dashboard, case finding, cohorts, evaluations and the needs workbook.
export { analyticsRoutes } from './routes/index.ts';
export type { DashboardView, CaseFindingView, PersonScoresView, CriteriaFieldView, CohortView, CohortComparisonView, EvaluationView, RunView, PersonRef } from './domain/views.ts';
export { loadRunProfiles, forgetRunProfiles, type RunProfiles } from './services/profile-cache.service.ts';
export { ProfileColumns } from './domain/profile-columns.ts';
export { NEEDS_INDICATORS, NeedsTally, needsRows, type NeedsIndicator } from './domain/needs-indicators.ts';
export { getDashboard } from './services/dashboard.service.ts';
export { getCaseFinding, type CaseFindingQuery } from './services/case-finding.service.ts';
export { getPersonScoresView } from './services/person-scores.service.ts';
export { listCriteriaFields } from './services/criteria-fields.service.ts';
export {
  saveCohort, listCohorts, compareCohortsFor, comparisonPresets, type CohortInput, type ComparisonRequest, type ComparisonPreset, type CohortSide,
} from './services/cohort.service.ts';
export { evaluateCohortIntervention, type EvaluationRequest } from './services/evaluation.service.ts';
export { getLatestRun } from './services/runs.service.ts';
export { writeNeedsReport, type NeedsReportSummary } from './services/needs-report.service.ts';
