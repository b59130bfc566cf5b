import { build } from 'vite';
import { WEB_DIST, webConfig } from './vite.config.ts';

export interface BuildWebAppOptions {
  /** Print only errors (tests, `npm start` after the first run). */
  quiet?: boolean;
}

/** Builds the web app with Vite into web/dist and returns that folder. */
export async function buildWebApp(options: BuildWebAppOptions = {}): Promise<string> {
  await build({ ...webConfig, configFile: false, logLevel: options.quiet ? 'error' : 'info' });
  return WEB_DIST;
}
