import type { Activity } from '../domain/activity.ts';
import type { Person } from '../domain/person.ts';

/**
 * A writer of extracts of the linked population, in exactly the layouts the importers read, so that a
 * generated place round-trips through `seamless import`. Writers stream with backpressure: `write`
 * resolves once the data is accepted by the file streams, so memory stays flat however many persons.
 */
export interface ExtractWriter {
  /** Writes one person and all of their activity. */
  write(person: Person, activities: readonly Activity[]): Promise<void>;
  /** Flushes and closes every file; returns the files written and the number of records (persons + activities). */
  close(): Promise<{ files: string[]; records: number }>;
}
