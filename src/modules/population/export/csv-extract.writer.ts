import { SeamlessError } from '../../../kernel/errors.ts';
import type { ExtractWriter } from './extract-writer.ts';

/** One CSV file per layout (persons.csv, gp_events.csv, ...) in dir, with the documented headers. Being written. */
export async function createCsvExtractWriter(dir: string): Promise<ExtractWriter> {
  throw new SeamlessError('SEAMLESS_ERR_POPULATION_NOT_READY', 501, `CSV extract writer is not ready yet (${dir})`);
}
