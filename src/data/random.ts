import alea from 'seedrandom/lib/alea';

/**
 * A seeded random source. Everything random in the app (demo data, splits, negative sampling, shuffling,
 * weight initialisation) draws from one of these, so a seed reproduces an experiment bit for bit.
 * Alea is the generator tfjs itself uses; it is fast and its output is identical in every JS engine.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer uniform in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller, one value per call; the pair's second half is cached). */
  normal(): number;
}

export function makeRng(seed: number | string): Rng {
  const prng = alea(String(seed));
  let spare: number | null = null;
  return {
    next: () => prng(),
    int: (n) => Math.floor(prng() * n),
    normal() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = prng();
      const v = prng();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(arr: T, rng: Rng): T {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = arr[i];
    arr[i] = arr[j];
    arr[j] = t;
  }
  return arr;
}
