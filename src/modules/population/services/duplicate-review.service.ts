import type { Scope } from '../../../kernel/access/scope.ts';
import { withTransaction, type Database } from '../../../kernel/db/database.ts';
import { conflict, notFound, SeamlessError } from '../../../kernel/errors.ts';
import { findPersonById } from '../store/person.repository.ts';
import { findDuplicate, listDuplicates, markDuplicateReviewed, mergePersonInto, recordMerge } from '../store/duplicate.repository.ts';
import { summarisePerson, type PersonSummary } from './person-record.service.ts';

export type DuplicateDecision = 'not_duplicate' | 'same_person';

export interface DuplicateForReview {
  id: number; score: number; reasons: string[]; status: string; createdAt: string; reviewedAt: string | null; reviewedBy: string | null;
  person: PersonSummary | null; candidate: PersonSummary | null;
}

const REVIEWER_ROLES = ['administrator', 'ig_lead'];

/** Identity management: only administrators and IG leads review and merge possible duplicates. */
function requireReviewer(scope: Scope): Database {
  if (!REVIEWER_ROLES.includes(scope.actor.role)) {
    throw new SeamlessError('SEAMLESS_ERR_POPULATION_NOT_A_REVIEWER', 403, 'Reviewing possible duplicate persons is for administrators and IG leads.');
  }
  return ('db' in scope.db ? scope.db.db : scope.db);
}

/** Possible duplicates waiting for (or past) review, with both persons side by side; each person shown is audited. */
export async function listDuplicatesForReview(scope: Scope, status: string, limit: number): Promise<{ items: DuplicateForReview[]; total: number }> {
  const db = requireReviewer(scope);
  const page = await listDuplicates(db, status, limit);
  const items = await Promise.all(page.items.map(async (d) => {
    const [person, candidate] = await Promise.all([findPersonById(db, d.personId), findPersonById(db, d.candidatePersonId)]);
    return {
      id: d.id, score: d.score, reasons: d.reasons, status: d.status, createdAt: d.createdAt, reviewedAt: d.reviewedAt, reviewedBy: d.reviewedBy,
      person: person ? summarisePerson(person) : null, candidate: candidate ? summarisePerson(candidate) : null,
    };
  }));
  const shown = [...new Set(items.flatMap((d) => [d.person?.id, d.candidate?.id]).filter((id): id is number => id !== undefined))];
  await scope.audit.record(scope.actor, shown.map((personId) => ({ action: 'read' as const, resource: 'population.duplicate', personId, outcome: 'allowed' as const })));
  return { items, total: page.total };
}

/**
 * A reviewer's decision on a possible duplicate. 'same_person' merges the newer record (person_id)
 * into the earlier one (candidate_person_id) — the only way two persons ever become one.
 */
export async function reviewDuplicate(scope: Scope, id: number, decision: DuplicateDecision, now = new Date()): Promise<{ status: string; movedRecords: number }> {
  const db = requireReviewer(scope);
  const reviewer = scope.actor.id;
  const result = await withTransaction(db, async (tx) => {
    const duplicate = await findDuplicate(tx, id);
    if (!duplicate) throw notFound('SEAMLESS_ERR_POPULATION_DUPLICATE_NOT_FOUND', `There is no possible duplicate with id ${id}.`);
    if (duplicate.status !== 'open') {
      throw conflict('SEAMLESS_ERR_POPULATION_DUPLICATE_ALREADY_REVIEWED', `Possible duplicate ${id} was already reviewed (${duplicate.status}${duplicate.reviewedBy ? ` by ${duplicate.reviewedBy}` : ''}).`);
    }
    const reviewedAt = now.toISOString();
    if (decision === 'not_duplicate') {
      await markDuplicateReviewed(tx, id, 'not_duplicate', reviewer, reviewedAt);
      return { status: 'not_duplicate', movedRecords: 0 } as { status: string; movedRecords: number };
    }
    const moved = await mergePersonInto(tx, duplicate.personId, duplicate.candidatePersonId);
    await recordMerge(tx, duplicate.personId, duplicate.candidatePersonId, id, reviewer, moved);
    await markDuplicateReviewed(tx, id, 'merged', reviewer, reviewedAt);
    return { status: 'merged', movedRecords: moved, persons: [duplicate.personId, duplicate.candidatePersonId] };
  });
  if ('persons' in result) {
    await scope.audit.record(scope.actor, result.persons.map((personId) => ({ action: 'write' as const, resource: 'population.merge', personId, outcome: 'allowed' as const, detail: `possible duplicate ${id} merged` })));
  } else {
    await scope.audit.record(scope.actor, [{ action: 'write', resource: 'population.duplicate', outcome: 'allowed', detail: `possible duplicate ${id}: not the same person` }]);
  }
  return { status: result.status, movedRecords: result.movedRecords };
}
