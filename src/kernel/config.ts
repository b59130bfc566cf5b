import path from 'node:path';

/** Everything Seamless reads from the environment, in one place (documented in the README). */
export interface Config {
  dataDir: string;
  databaseUrl: string | undefined;
  port: number;
  host: string;
  logLevel: string;
  startPeople: number;
  startSeed: number;
}

function intFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got '${raw}'`);
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    dataDir: path.resolve(env.SEAMLESS_DATA_DIR || './data'),
    databaseUrl: env.SEAMLESS_DATABASE_URL || undefined,
    port: intFromEnv('SEAMLESS_PORT', intFromEnv('PORT', 3000, env), env),
    host: env.SEAMLESS_HOST || '127.0.0.1',
    logLevel: env.SEAMLESS_LOG_LEVEL || 'info',
    startPeople: intFromEnv('SEAMLESS_START_PEOPLE', 20_000, env),
    startSeed: intFromEnv('SEAMLESS_START_SEED', 1, env),
  };
}
