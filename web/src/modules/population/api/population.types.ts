import type { ActivityKind } from '../../../../../src/modules/population/domain/activity.ts';
import type { SexCode } from '../../../../../src/modules/population/domain/demographics.ts';
import type { PlaceSummary as PlaceFigures } from '../../../../../src/modules/population/domain/place-counts.ts';

/** The shapes GET /api/population/... answers with (see src/modules/population/routes/population.schemas.ts). */
export interface PlaceSummary extends PlaceFigures {
  partners: { organisations: number; teams: number; staff: number; openCareRelationships: number };
}

export interface PersonSummary {
  id: number;
  nhsNumber: string | null;
  localId: string | null;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  age: number | null;
  sex: SexCode;
  sexLabel: string;
  postcode: string | null;
  gpPracticeCode: string | null;
  dateOfDeath: string | null;
}

export interface PersonSearchResult {
  items: PersonSummary[];
  total: number;
}

export interface PersonDetail extends PersonSummary {
  lsoaCode: string | null;
  localityCode: string | null;
  localityName: string | null;
}

export interface PersonIdentifierView {
  system: string;
  value: string;
  matchMethod: string;
  matchScore: number | null;
}

export interface PersonRecord {
  person: PersonDetail;
  identifiers: PersonIdentifierView[];
  counts: Record<ActivityKind, number>;
}

export interface TimelineItem {
  kind: string;
  kindLabel: string;
  setting: string;
  date: string;
  recordKey: string;
  sourceOrg: string | null;
  title: string;
  details: string[];
  codes: { system: string; code: string }[];
  costPence: number | null;
}

export interface TimelinePage {
  items: TimelineItem[];
  hasMore: boolean;
  /** Why records may be missing: no care relationship (break-glass is the way in), or a role that reads none. */
  accessNote: string | null;
}
