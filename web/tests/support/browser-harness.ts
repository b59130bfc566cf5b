import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../../src/app.ts';
import type { Database } from '../../../src/kernel/db/database.ts';
import { openStore } from '../../../src/migrations.ts';
import { buildWebApp } from '../../build.ts';

/**
 * What every browser test needs: the web app built into a temporary folder, the real server on an
 * in-memory store the test seeds, and Debian's Chromium with no network beyond 127.0.0.1 (the NHS
 * fonts come from assets.nhs.uk; offline, the system fallback is used). Screenshots go to
 * SEAMLESS_SCREENSHOTS (default /tmp/seamless-screens) for a person to look at.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = process.env.SEAMLESS_SCREENSHOTS ?? '/tmp/seamless-screens';
/** Without Chromium the tests skip on a developer's machine, but fail in CI. */
export const skipWithoutChromium = !fs.existsSync(CHROMIUM) && !process.env.CI ? `Chromium not found at ${CHROMIUM} (apt-get install chromium)` : false;

export interface BrowserHarness<T> {
  db: Database;
  app: FastifyInstance;
  browser: Browser;
  page: Page;
  baseUrl: string;
  seeded: T;
  /** Uncaught errors in the page since the last check. */
  pageErrors: string[];
  shot(name: string): Promise<Buffer>;
  text(testId: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBrowserHarness<T>(seed: (db: Database) => Promise<T>): Promise<BrowserHarness<T>> {
  const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'seamless-web-'));
  await buildWebApp({ quiet: true, outDir: webDist });
  const db = await openStore({ memory: true });
  const seeded = await seed(db);
  const app = await buildApp({ db, webDist });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  assert.ok(address && typeof address === 'object');
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    db, app, browser, page, seeded, pageErrors,
    baseUrl: `http://127.0.0.1:${address.port}`,
    shot: (name) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true }),
    text: async (testId) => (await page.getByTestId(testId).innerText()).replace(/\s+/g, ' '),
    async close() {
      await browser.close();
      await app.close();
      await db.close();
      fs.rmSync(webDist, { recursive: true, force: true });
    },
  };
}
