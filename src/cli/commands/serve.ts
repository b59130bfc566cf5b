import type { Command } from 'commander';
import { startServer } from '../../server.ts';
import { withCliStore } from '../context.ts';

export function registerServeCommands(program: Command): void {
  program.command('serve').description('Start the HTTP server on the existing store').action(async () => {
    await withCliStore(async (db, config) => {
      const server = await startServer(config, db);
      console.log(`Seamless is running at ${server.url}`);
      await new Promise(() => {});
    });
  });
}
