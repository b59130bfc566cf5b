import { build } from 'vite';
import { WEB_DIST, webConfig } from './vite.config.ts';

export interface BuildWebAppOptions {
  /** Print only errors (tests, `npm start` after the first run). */
  quiet?: boolean;
  /** Where to put the build; web/dist by default. Tests build elsewhere so a running server's files are left alone. */
  outDir?: string;
}

/** Builds the web app with Vite (web/ as root) and returns the folder holding index.html and assets/. */
export async function buildWebApp(options: BuildWebAppOptions = {}): Promise<string> {
  const outDir = options.outDir ?? WEB_DIST;
  await build({
    ...webConfig,
    configFile: false,
    logLevel: options.quiet ? 'error' : 'info',
    build: { ...webConfig.build, outDir, emptyOutDir: true },
  });
  return outDir;
}
