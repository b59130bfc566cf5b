import type { PersonFacts } from './person-facts.ts';
import type { ScoreName } from './score-result.ts';

/** A score as the rules read it: its value and published band (null for scores without bands). */
export interface ProfileScore {
  value: number;
  band: string | null;
}

/**
 * What segmentation, trigger rules and cohorts read about one person: the facts as of a date, the
 * scores computed from them, and where the person's predicted risk sits in the place. Plain data, so
 * the same criteria run in the stratification engine, the API and the browser.
 */
export interface PersonProfile {
  facts: PersonFacts;
  /** Scores computed for this person; a score that could not be computed is absent. */
  scores: Partial<Record<ScoreName, ProfileScore>>;
  /**
   * Percentile (0–100) of the person's predicted emergency admission risk within the place: 90 or
   * more is the top 10%. Absent when the person has not been scored.
   */
  riskPercentile?: number | undefined;
  /** Predicted emergency admission risk at the previous stratification, for "rising risk". */
  previousRiskValue?: number | undefined;
  /** Risk percentile at the previous stratification, for "rising risk". */
  previousRiskPercentile?: number | undefined;
  /**
   * The segment the person was assigned by the segmentation in force (e.g. 'frail'). Cohorts and
   * trigger rules read it as the field `segment`; inside a segmentation rule set `segment` means
   * "meets that segment's criteria" instead (see segmentation/segment-rules.ts).
   */
  segment?: string | undefined;
}
