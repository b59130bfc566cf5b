import type { Config } from './kernel/config.ts';
import type { Database } from './kernel/db/database.ts';
import { createLogger } from './kernel/log.ts';
import { buildApp, WEB_DIST, type AppOptions } from './app.ts';
import { loadRunProfiles } from './modules/analytics/index.ts';

const PROFILE_REFRESH_MS = 30_000;

/**
 * Listens on the configured port and returns the URL people should open. `benchmark` is for
 * bench/unenforced-server.ts only (the same server with access control taken out, to measure its cost);
 * code has to pass it, nothing else can.
 */
export async function startServer(config: Config, db: Database, benchmark?: Pick<AppOptions, 'scopeForBenchmark'>): Promise<{ url: string; close: () => Promise<void> }> {
  const app = await buildApp({ db, logger: createLogger(config.logLevel), webDist: WEB_DIST, scopeForBenchmark: benchmark?.scopeForBenchmark });
  await app.listen({ port: config.port, host: config.host });
  // The analytics screens work on the latest stratification's profiles, read into memory on first use
  // (about 11 s for a million people): reading them now spares the first analyst that wait, and
  // looking every PROFILE_REFRESH_MS for a newer run (one small query) reads a run made by another
  // process (`seamless stratify`) before an analyst asks for it. Reading yields between pages, so
  // requests are answered meanwhile; a failure leaves it to the next look or the first use.
  const preload = () => loadRunProfiles(db).catch((error: unknown) => app.log.warn({ err: error }, 'analytics profiles not preloaded'));
  void preload();
  const refresh = setInterval(preload, PROFILE_REFRESH_MS);
  refresh.unref();
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return { url: `http://${shown}:${config.port}/`, close: () => { clearInterval(refresh); return app.close(); } };
}
