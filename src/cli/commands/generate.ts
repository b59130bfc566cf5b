import type { Command } from 'commander';

// Being written: see the population generate work.
export function registerGenerateCommand(program: Command): void {
  void program;
}
