import cliProgress from 'cli-progress';

/** Progress of long work: a bar on a terminal, plain lines every few seconds otherwise, nothing when silent. */
export interface Progress {
  increment(by?: number): void;
  setTotal(total: number): void;
  stop(): void;
}

export type ProgressMode = 'auto' | 'bar' | 'lines' | 'silent';

export function createProgress(label: string, total: number, unit: string, mode: ProgressMode = 'auto'): Progress {
  const resolved = mode === 'auto' ? (process.stderr.isTTY ? 'bar' : 'lines') : mode;
  if (resolved === 'silent') return { increment() {}, setTotal() {}, stop() {} };
  if (resolved === 'bar') {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {eta_formatted} left`, stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { increment: (by = 1) => bar.increment(by), setTotal: (t) => bar.setTotal(t), stop: () => bar.stop() };
  }
  let done = 0;
  let lastPrint = 0;
  let printedAt = -1;
  let currentTotal = total;
  const started = Date.now();
  const print = () => {
    if (printedAt === done) return;
    printedAt = done;
    const pct = currentTotal > 0 ? Math.floor((done / currentTotal) * 100) : 100;
    process.stderr.write(`${label}: ${done}/${currentTotal} ${unit} (${pct}%) after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  };
  return {
    increment(by = 1) {
      done += by;
      const now = Date.now();
      if (now - lastPrint >= 2000) { lastPrint = now; print(); }
    },
    setTotal(t) { currentTotal = t; },
    stop() { print(); },
  };
}
