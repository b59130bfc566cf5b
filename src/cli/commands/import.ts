import type { Command } from 'commander';

// Being written: see the population import work.
export function registerImportCommand(program: Command): void {
  void program;
}
