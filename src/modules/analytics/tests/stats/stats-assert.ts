import assert from 'node:assert/strict';

/** |actual − expected| ≤ tolerance (a missing value never is), with a message that shows both. */
export function near(actual: number | null | undefined, expected: number, tolerance: number, what = ''): void {
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance, `${what} expected ${expected} ± ${tolerance}, got ${actual}`);
}

/** The error code fn throws, 'no code' for an error without one, or 'no error'. */
export function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code ?? 'no code';
  }
  return 'no error';
}
