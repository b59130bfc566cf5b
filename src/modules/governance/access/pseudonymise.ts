import { createHmac } from 'node:crypto';

/**
 * Pseudonymised person keys for planning: a keyed hash (HMAC-SHA-256) of the person id, so the same
 * person gets the same key across extracts but the key cannot be reversed or recomputed without the
 * place's secret. The secret comes from configuration and is never stored with the data it protects.
 */
export function pseudonymisePersonId(personId: number, secret: string): string {
  return createHmac('sha256', secret).update(`person:${personId}`).digest('base64url').slice(0, 22);
}
