import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { todayIso } from '../../kernel/dates.ts';
import type { Config } from '../../kernel/config.ts';
import type { Database } from '../../kernel/db/database.ts';
import { countPersons, generateSyntheticPlace } from '../../modules/population/index.ts';
import { createDemoUsers, formatDemoUsers } from '../../modules/governance/index.ts';
import { startServer } from '../../server.ts';
import { buildWebApp } from '../../../web/build.ts';
import { withCliStore } from '../context.ts';

const WEB_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../web');

/** Newest modification time under a folder (sources of the web app). */
function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(target).map((name) => newestMtime(path.join(target, name))));
}

function webAppNeedsBuild(): boolean {
  const built = fs.statSync(path.join(WEB_ROOT, 'dist', 'index.html'), { throwIfNoEntry: false });
  if (!built) return true;
  const sources = Math.max(newestMtime(path.join(WEB_ROOT, 'src')), newestMtime(path.join(WEB_ROOT, 'index.html')));
  return sources > built.mtimeMs;
}

/** Serves until SIGINT/SIGTERM, then closes the server before the store. */
async function serveUntilStopped(config: Config, db: Database): Promise<void> {
  const server = await startServer(config, db);
  console.log(`Seamless is running at ${server.url}  (API docs: ${server.url}api/docs; store: ${db.description})`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log('Stopping…');
  await server.close();
}

export function registerServeCommands(program: Command): void {
  program.command('start')
    .description('First run: create the store, generate a synthetic place and build the web app; then serve')
    .action(async () => {
      await withCliStore(async (db, config) => {
        const people = await countPersons(db);
        if (people === 0) {
          console.log(`First run: generating a synthetic place of ${config.startPeople.toLocaleString('en-GB')} people (seed ${config.startSeed}) into ${db.description}`);
          const summary = await generateSyntheticPlace(db, { people: config.startPeople, seed: config.startSeed, today: todayIso() });
          console.log(`Generated ${summary.people.toLocaleString('en-GB')} people and ${summary.events.toLocaleString('en-GB')} events in ${summary.seconds.toFixed(1)} s`);
        } else {
          console.log(`Using the existing store (${db.description}): ${people.toLocaleString('en-GB')} people`);
        }
        // One account per role on the synthetic place's staff, so every screen can be tried.
        console.log(formatDemoUsers(await createDemoUsers(db)));
        if (webAppNeedsBuild()) {
          console.log('Building the web app…');
          await buildWebApp({ quiet: true });
        }
        await serveUntilStopped(config, db);
      });
    });

  program.command('serve').description('Start the HTTP server on the existing store').action(async () => {
    await withCliStore((db, config) => serveUntilStopped(config, db));
  });
}
