/**
 * What every risk or frailty score produces, so a clinician can see *why* a person is flagged: the
 * value, its band, the definition version it was computed with, and the factors that contributed.
 * Pure data: the same shape is stored per person, served by the API and shown by the web app.
 */
export type ScoreName = 'hfrs' | 'efi' | 'charlson' | 'charlson_quan' | 'lace' | 'emergency_admission_risk';

export interface ScoreFactor {
  /** Plain-language name of the factor, e.g. 'Dementia in Alzheimer disease (F00)' or 'Emergency admissions in the last year'. */
  label: string;
  /** The code that contributed, with its system, when the factor is a code. */
  code?: string | undefined;
  codeSystem?: 'ICD-10' | 'SNOMED CT' | 'dm+d' | undefined;
  /** When the contributing record happened (ISO date), when there is one. */
  date?: string | undefined;
  /** What the factor added to the score (points, deficits, or log-odds for the predictive model). */
  contribution: number;
}

export interface ScoreResult {
  name: ScoreName;
  value: number;
  /** The published band for the value (e.g. 'high'), or null for scores without bands. */
  band: string | null;
  /** Definition or model version, e.g. 'hfrs-gilbert-2018' or a model's content hash. */
  version: string;
  factors: ScoreFactor[];
}
