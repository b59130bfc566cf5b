import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readConfig } from '../../../kernel/config.ts';

/**
 * Pseudonymised person keys for planning: a keyed hash (HMAC-SHA-256) of the person id, so the same
 * person gets the same key across extracts but the key cannot be reversed or recomputed without the
 * place's secret. The secret comes from configuration and is never stored in the database it protects.
 */
export function pseudonymisePersonId(personId: number, secret: string): string {
  return createHmac('sha256', secret).update(`person:${personId}`).digest('base64url').slice(0, 22);
}

export const PSEUDONYMISATION_KEY_FILE = 'pseudonymisation.key';
const MIN_KEY_LENGTH = 32;
let key: string | undefined;

/**
 * The place's pseudonymisation secret: SEAMLESS_PSEUDONYMISATION_KEY (at least 32 characters; set it
 * in production and keep it apart from the data), else a random key kept in pseudonymisation.key
 * (mode 0600) in the data folder, made on first use, so keys stay stable across restarts of an
 * embedded install. Read once per process.
 */
export function pseudonymisationKey(env: NodeJS.ProcessEnv = process.env): string {
  if (key) return key;
  const configured = env.SEAMLESS_PSEUDONYMISATION_KEY;
  if (configured !== undefined && configured !== '') {
    if (configured.length < MIN_KEY_LENGTH) throw new Error(`SEAMLESS_PSEUDONYMISATION_KEY must be at least ${MIN_KEY_LENGTH} characters.`);
    return (key = configured);
  }
  const file = path.join(readConfig(env).dataDir, PSEUDONYMISATION_KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process made it first
    }
  }
  return (key = fs.readFileSync(file, 'utf8').trim());
}
