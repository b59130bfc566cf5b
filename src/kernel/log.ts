import { pino, type Logger } from 'pino';

/**
 * The one logger. Request logs carry method, route and status only: query strings, bodies and
 * headers can hold NHS numbers and names, so they are never logged.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.nhsNumber', '*.nhs_number', '*.name'], remove: true },
  });
}

export type { Logger };
