/** Population health analytics: risk and frailty scores, the predictive model, segmentation, case finding, cohorts, needs and evaluation. */
export type { ScoreName, ScoreFactor, ScoreResult } from './domain/score-result.ts';
export type { PersonFacts, SexCode } from './domain/person-facts.ts';
