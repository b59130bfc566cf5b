/**
 * A small, fast, seedable pseudo-random generator for the synthetic place: never Math.random, so the
 * same seed always gives the same place.
 *
 * The generator is SFC32 (Chris Doty-Humphrey's "small fast chaotic" 32-bit generator, public domain,
 * from the PractRand suite), seeded through the SplitMix32 finaliser so that nearby seeds (1, 2, 3…)
 * and nearby person numbers start from unrelated states. Each person gets a stream of their own,
 * keyed by (place seed, person number), so one person's record never depends on how many numbers the
 * people before them drew: changing how a condition is generated shifts that person, not the place.
 */
export class Random {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed = 0, stream = 0) {
    this.reseed(seed, stream);
  }

  /** Restarts the generator on the stream (seed, stream); reusing one instance keeps the hot loop allocation-free. */
  reseed(seed: number, stream: number): this {
    let s = mixSeed(seed, stream);
    s = (s + 0x9e3779b9) | 0; this.a = splitMix32(s);
    s = (s + 0x9e3779b9) | 0; this.b = splitMix32(s);
    s = (s + 0x9e3779b9) | 0; this.c = splitMix32(s);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
    return this;
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** Index drawn in proportion to cumulative weights (ascending, last = total). */
  pickCumulative(cumulative: readonly number[]): number {
    const target = this.float() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Standard normal (Box–Muller; one value per call keeps the stream simple to reason about). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and spread (sigma of the underlying normal). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson count with mean lambda (Knuth for small means, normal approximation for large ones). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }
}

/** SplitMix32 finaliser: a bijective 32-bit mix (Steele, Lea and Flood 2014; constants from MurmurHash3). */
export function splitMix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Folds a seed (any safe integer) and a stream number into 32 bits. */
export function mixSeed(seed: number, stream: number): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  let h = splitMix32(lo ^ 0x5bd1e995);
  h = splitMix32(h ^ hi);
  h = splitMix32(h ^ (stream >>> 0));
  return splitMix32(h ^ Math.floor(stream / 4294967296));
}
