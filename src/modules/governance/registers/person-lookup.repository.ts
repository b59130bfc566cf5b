import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { RegisterTables } from './registers.tables.ts';

/**
 * Whether a person id is in the person index. Reads the population module's person table by id only
 * (as the access filter does): importing the population module here would make the two modules
 * import each other.
 */
export async function personExists(db: Database | Tx, personId: number): Promise<boolean> {
  const row = await tables<RegisterTables>(db).selectFrom('person').select('id').where('id', '=', personId).executeTakeFirst();
  return row !== undefined;
}
