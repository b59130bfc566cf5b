import type { Activity, GpEvent } from '../domain/activity.ts';
import type { IncomingIdentity } from '../domain/csv-identity.ts';
import type { FhirEncounterLink } from '../domain/fhir-mapping.ts';

/**
 * One record read from a file, on its way into a batch: a person or activity to store, a spell
 * diagnosis or procedure that arrived apart from its spell, a row to quarantine, or a resource
 * Seamless does not use. `line` is the physical line the record starts on (CSV, NDJSON) or the entry
 * number (Bundle JSON); the run's checkpoint is the line of the last record committed. Only records
 * that may still be quarantined carry their raw text: a loaded record's text is not kept in memory.
 */
export type ImportItem =
  | { t: 'record'; line: number; identity: IncomingIdentity; activity: Activity | undefined; encounterRefs?: string[] | undefined }
  | {
    t: 'detail'; line: number; raw: string; identity: IncomingIdentity; link: FhirEncounterLink; resourceType: string;
    diagnosis: string | undefined; procedure: { code: string; date: string | undefined } | undefined; otherwise: GpEvent | undefined;
  }
  | { t: 'quarantine'; line: number; raw: string | undefined; reason: string }
  | { t: 'skip'; line: number; label: string };

/** Where a file source hands its records: items go in order, and the source awaits `drain` after each chunk it reads. */
export interface ItemSink {
  /** Records at or before this line were committed by an earlier, interrupted run of the same file. */
  readonly resumeAfter: number;
  push(item: ImportItem): void;
  /** Called after each chunk of the file; writes full batches before more is read (backpressure). */
  drain(bytesRead: number): Promise<void>;
}
