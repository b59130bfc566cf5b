import type { FileImportSummary, ImportSummary } from './import-runner.ts';

const n = (value: number) => value.toLocaleString('en-GB');

function where(file: FileImportSummary, line: number): string {
  return file.format === 'fhir-bundle' ? `entry ${line}` : `line ${line}`;
}

/** The import summary as the CLI prints it: one line per file, totals and rate, then what needs attention. */
export function formatImportSummary(summary: ImportSummary): string {
  const lines: string[] = [];
  const width = Math.min(60, Math.max(4, ...summary.files.map((f) => f.file.length)));
  const pad = (s: string, w: number) => (s.length > w ? `…${s.slice(s.length - w + 1)}` : s.padEnd(w));
  const num = (v: number) => n(v).padStart(11);
  lines.push(`${pad('file', width)}  ${'format'.padEnd(26)}${'loaded'.padStart(11)}${'duplicates'.padStart(11)}${'quarantined'.padStart(12)}${'skipped'.padStart(11)}  status`);
  for (const f of summary.files) {
    lines.push(`${pad(f.file, width)}  ${f.format.padEnd(26)}${num(f.loaded)}${num(f.duplicates)}${n(f.quarantined).padStart(12)}${num(f.skipped)}  ${f.status.replace('_', ' ')}`);
  }
  lines.push('');
  lines.push(`total: ${n(summary.loaded)} loaded, ${n(summary.duplicates)} duplicates, ${n(summary.quarantined)} quarantined, ${n(summary.skipped)} skipped; `
    + `${n(summary.personsCreated)} new persons; ${n(summary.records)} records read in ${summary.seconds.toFixed(1)} s (${n(Math.round(summary.eventsPerSecond))} events/s)`);
  for (const f of summary.files) {
    if (f.status === 'already_imported') {
      lines.push(`${f.file}: already imported (run ${f.runId}); nothing changed`);
      continue;
    }
    if (f.ignoredColumns.length > 0) lines.push(`${f.file}: ignored columns ${f.ignoredColumns.join(', ')}`);
    const skipped = Object.entries(f.skippedByType).sort((a, b) => b[1] - a[1]);
    if (skipped.length > 0) lines.push(`${f.file}: skipped (not used by Seamless) ${skipped.map(([type, count]) => `${type} ${n(count)}`).join(', ')}`);
    if (f.quarantined > 0) {
      lines.push(`${f.file}: ${n(f.quarantined)} quarantined (kept in import_quarantine, run ${f.runId})${f.quarantined > f.quarantineSample.length ? `; first ${f.quarantineSample.length}` : ''}:`);
      for (const q of f.quarantineSample) lines.push(`  ${where(f, q.line)}: ${q.reason}`);
    }
  }
  return lines.join('\n');
}
