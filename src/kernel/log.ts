import { pino, type Logger } from 'pino';
import { LOG_REDACT_PATHS } from './http/hardening.ts';

/**
 * The one logger. Request logs carry method, route and status only: query strings, bodies and
 * headers can hold NHS numbers and names, so they are never logged.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: [...LOG_REDACT_PATHS, '*.nhsNumber', '*.nhs_number', '*.name'], censor: '[redacted]' },
  });
}

export type { Logger };
