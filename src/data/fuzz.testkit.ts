/**
 * fast-check settings shared by the property tests of the parsers and the link decoder (test-only module).
 * The unit suite runs 10,000 cases per property with a fixed seed, so a failure reproduces; `npm run fuzz`
 * sets FUZZ_RUNS (and FUZZ_SEED, else a fresh seed that it prints) for longer nightly-style runs.
 */
export const UNIT_RUNS = 10_000;

export function fuzzParams(seed: number, runs: number = UNIT_RUNS): { seed: number; numRuns: number } {
  const env = typeof process === 'undefined' ? {} : process.env;
  const extra = Number(env.FUZZ_RUNS);
  if (!Number.isInteger(extra) || extra <= 0) return { seed, numRuns: runs };
  const fresh = Number(env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  return { seed: fresh, numRuns: extra };
}
