import { withTransaction, type Database } from '../../../kernel/db/database.ts';
import { conflict, notFound } from '../../../kernel/errors.ts';
import { findPersonById } from '../store/person.repository.ts';
import { findDuplicate, listDuplicates, markDuplicateReviewed, mergePersonInto, recordMerge } from '../store/duplicate.repository.ts';
import { summarisePerson, type PersonSummary } from './person-record.service.ts';

export type DuplicateDecision = 'not_duplicate' | 'same_person';

export interface DuplicateForReview {
  id: number; score: number; reasons: string[]; status: string; createdAt: string; reviewedAt: string | null; reviewedBy: string | null;
  person: PersonSummary | null; candidate: PersonSummary | null;
}

/** Possible duplicates waiting for (or past) review, with both persons side by side. */
export async function listDuplicatesForReview(db: Database, status: string, limit: number): Promise<{ items: DuplicateForReview[]; total: number }> {
  const page = await listDuplicates(db, status, limit);
  const items = await Promise.all(page.items.map(async (d) => {
    const [person, candidate] = await Promise.all([findPersonById(db, d.personId), findPersonById(db, d.candidatePersonId)]);
    return {
      id: d.id, score: d.score, reasons: d.reasons, status: d.status, createdAt: d.createdAt, reviewedAt: d.reviewedAt, reviewedBy: d.reviewedBy,
      person: person ? summarisePerson(person) : null, candidate: candidate ? summarisePerson(candidate) : null,
    };
  }));
  return { items, total: page.total };
}

/**
 * A reviewer's decision on a possible duplicate. 'same_person' merges the newer record (person_id)
 * into the earlier one (candidate_person_id) — the only way two persons ever become one.
 */
export async function reviewDuplicate(db: Database, id: number, decision: DuplicateDecision, reviewer: string, now = new Date()): Promise<{ status: string; movedRecords: number }> {
  return withTransaction(db, async (tx) => {
    const duplicate = await findDuplicate(tx, id);
    if (!duplicate) throw notFound('SEAMLESS_ERR_POPULATION_DUPLICATE_NOT_FOUND', `There is no possible duplicate with id ${id}.`);
    if (duplicate.status !== 'open') {
      throw conflict('SEAMLESS_ERR_POPULATION_DUPLICATE_ALREADY_REVIEWED', `Possible duplicate ${id} was already reviewed (${duplicate.status}${duplicate.reviewedBy ? ` by ${duplicate.reviewedBy}` : ''}).`);
    }
    const reviewedAt = now.toISOString();
    if (decision === 'not_duplicate') {
      await markDuplicateReviewed(tx, id, 'not_duplicate', reviewer, reviewedAt);
      return { status: 'not_duplicate', movedRecords: 0 };
    }
    const moved = await mergePersonInto(tx, duplicate.personId, duplicate.candidatePersonId);
    await recordMerge(tx, duplicate.personId, duplicate.candidatePersonId, id, reviewer, moved);
    await markDuplicateReviewed(tx, id, 'merged', reviewer, reviewedAt);
    return { status: 'merged', movedRecords: moved };
  });
}
