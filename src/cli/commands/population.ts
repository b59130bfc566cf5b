import type { Command } from 'commander';

export function registerPopulationCommands(program: Command): void {
  void program;
}
