// The side-by-side section (`npm run bench -- --entry versus`): our speed and the reference's, measured back to
// back in one run, and their ratio; the speed targets read these ratios only (issue 21).
import { int } from './markdown.mjs';

/** Ratio targets (our speed ÷ the reference's, > 1 = faster) per pair id. */
export const VERSUS_TARGETS = [
  { pair: 'autoint-ref', min: 1.0, label: 'autoint in the reference’s shape ≥ 1.0 × AutoInt+DNN' },
  { pair: 'din-ref', min: 1.0, label: 'din in the reference’s shape ≥ 1.0 × DIN' },
  { pair: 'amfr', min: 1.0, label: 'amfr ≥ 1.0 × AutoInt+DNN' },
  { pair: 'mmdin', min: 0.8, label: 'mmdin ≥ 0.8 × DIN' },
  { pair: 'lightgcn', min: 1.0, label: 'lightgcn ms/epoch ≤ 1.0 × PyTorch LightGCN' },
  { pair: 'tmfun', min: 1 / 1.5, label: 'tmfun ms/epoch ≤ 1.5 × FREEDOM' },
];

/** How many threads the reference ran with; rows from before `--ref-threads` ran it with one. */
export const refThreadsOf = (r) => r.ref_threads ?? 1;

/**
 * Per pair, in the order pairs first appear: its latest row with a measured ratio, else its latest row; only
 * rows whose reference ran on `refThreads` threads and ours on `threads` (`RECPLAY_WASM_THREADS`).
 */
export function versusRows(rows, refThreads = 1, threads = 1) {
  const all = rows.filter(
    (r) => r.protocol === 'versus' && refThreadsOf(r) === refThreads && (r.threads ?? 1) === threads,
  );
  return [...new Set(all.map((r) => r.pair))].map(
    (pair) =>
      all.findLast((r) => r.pair === pair && r.ratio !== null) ?? all.findLast((r) => r.pair === pair),
  );
}

/** The targets table's lines for the ratio targets. */
export function versusTargets(rows) {
  const byPair = new Map(versusRows(rows).map((r) => [r.pair, r]));
  return VERSUS_TARGETS.map((t) => {
    const r = byPair.get(t.pair);
    const ratio = r?.ratio ?? null;
    return {
      target: `${t.label} (side by side, one thread each)`,
      measured:
        ratio === null
          ? null
          : `${ratio.toFixed(2)} × (${int(r.ours)} vs ${int(r.theirs)} ${r.unit}, ${r.date})`,
      met: ratio === null ? null : ratio >= t.min,
    };
  });
}

function versusTable(md, runs) {
  md('| pair | our shape | ours | reference | theirs | ratio | runs each (median) | measured |');
  md('|---|---|---|---|---|---|---|---|');
  for (const r of runs) {
    const shape = r.shape === 'reference' ? `reference’s \`${JSON.stringify(r.config)}\`` : 'our defaults';
    md(
      `| ${r.model} | ${shape} | ${int(r.ours)} ${r.unit} | ${r.reference} | ` +
        `${r.theirs === null ? `not run: ${r.references_missing}` : `${int(r.theirs)} ${r.unit}`} | ` +
        `${r.ratio === null ? '—' : `${r.ratio.toFixed(2)} ×`} | ${r.ours_runs?.length ?? 1} | ` +
        `${r.date ?? ''} ${r.host ?? ''} |`,
    );
  }
  md();
}

/** The tables beside the one-thread targets: other thread counts, ours (`RECPLAY_WASM_THREADS`) and theirs. */
const MORE_THREADS = [
  {
    refThreads: 2,
    threads: 1,
    text:
      'Ours on one thread against the references on two (`--ref-threads 2`): what a user with two cores gets ' +
      'by default, torch using both while ours keeps to one (engine/worker.ts starts tfjs-wasm’s threads ' +
      'only from four logical cores).',
  },
  {
    refThreads: 2,
    threads: 2,
    text:
      'Two threads each (`RECPLAY_WASM_THREADS=2 npm run bench -- --entry versus --ref-threads 2`: tfjs-wasm’s ' +
      'threaded module with a pool of two, engine/wasmThreads.ts).',
  },
];

export function writeVersus({ md }, rows) {
  const runs = versusRows(rows);
  if (!runs.length) return;
  md('## Side by side with the references (`npm run bench -- --entry versus`)');
  md();
  md(
    'Each of our models for one epoch of P1 (or a few of P2) on wasm, then the reference right after it in ' +
      'the same run, one thread each (`../shared/peers/`), alternating when repeated. Ratio: our speed over ' +
      'theirs, medians when repeated (> 1: we are faster). ' +
      'Only ratios measured this way are compared; a row without a reference says why.',
  );
  md();
  versusTable(md, runs);
  for (const { refThreads, threads, text } of MORE_THREADS) {
    const more = versusRows(rows, refThreads, threads);
    if (!more.length) continue;
    md(text);
    md();
    versusTable(md, more);
  }
}
