// The targets section: each target met or not, from the rows the sections above report.
import { appRows, chromiumRows, threadsOf } from './chromium.mjs';
import { gpuAgreementRows } from './gpu.mjs';
import { int } from './markdown.mjs';
import { probeTarget } from './probe.mjs';
import { widthTarget } from './scale.mjs';
import { versusTargets } from './versus.mjs';

export function writeTargets({ md }, rows) {
  const app = appRows(rows);
  const gpuAgree = gpuAgreementRows(rows);
  const longest = app.find((r) => r.backend === 'wasm') ?? app[0];
  // Chromium against Node, side by side (bench/browser.mjs --node): each seed model within 15 %.
  // One thread in the page against Node's one: the default on this machine kind (src/engine/worker.ts).
  const beside = chromiumRows(rows).filter((r) => r.chromium_over_node && threadsOf(r) === 1);
  const targets = [
    // Speed only as a ratio measured side by side with the reference (never a figure from another day).
    ...versusTargets(rows),
    {
      target: 'in Chromium, each ctr seed model on wasm within 15 % of its Node speed (side by side)',
      measured: beside.length
        ? beside.map((r) => `${r.model} ${r.chromium_over_node.toFixed(2)} ×`).join(', ')
        : null,
      met: beside.length ? beside.every((r) => r.chromium_over_node >= 0.85) : null,
    },
    widthTarget(rows),
    probeTarget(rows),
    {
      target: 'longest main-thread task while training ≤ 50 ms',
      measured: longest ? `${longest.longest_task_while_training_ms} ms` : null,
      met: longest ? longest.longest_task_while_training_ms <= 50 : null,
    },
    {
      target: 'tfjs loads lazily in the worker (none before the page is interactive)',
      measured: longest
        ? `${int(longest.js_bytes_before_interactive / 1024)} KB JS before interactive, ${typeof longest.tfjs_before_interactive === 'boolean' ? `tfjs ${longest.tfjs_before_interactive ? 'in it' : 'not in it'}` : 'tfjs not checked'}`
        : null,
      met: typeof longest?.tfjs_before_interactive === 'boolean' ? !longest.tfjs_before_interactive : null,
    },
    {
      target: 'real GPU: WebGPU through Dawn, results as wasm within tolerance',
      measured: gpuAgree.length ? `${gpuAgree.filter((r) => r.agree).length}/${gpuAgree.length} agree` : null,
      met: gpuAgree.length ? gpuAgree.every((r) => r.agree) : null,
    },
  ];
  md('## Targets');
  md();
  md('| target | measured | met |');
  md('|---|---|---|');
  for (const t of targets)
    md(`| ${t.target} | ${t.measured ?? 'not measured'} | ${t.met === null ? '—' : t.met ? '✓' : '✗'} |`);
  md();
}
