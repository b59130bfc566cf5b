import { Command } from 'commander';
import { VERSION } from '../app.ts';
import { reportCliError } from './context.ts';
import { registerServeCommands } from './commands/serve.ts';
import { registerGenerateCommand } from './commands/generate.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerPopulationCommands } from './commands/population.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerStatsCommands } from './commands/stats.ts';
import { registerAnalyticsCommands } from './commands/analytics.ts';

const program = new Command();
program
  .name('seamless')
  .description('Seamless: integrated health and social care for a place.\nSEAMLESS_DATA_DIR chooses the embedded store; SEAMLESS_DATABASE_URL switches to PostgreSQL.')
  .version(VERSION);

registerServeCommands(program);
registerGenerateCommand(program);
registerImportCommand(program);
registerPopulationCommands(program);
registerAuditCommands(program);
registerStatsCommands(program);
registerAnalyticsCommands(program);

program.parseAsync(process.argv).catch(reportCliError);
