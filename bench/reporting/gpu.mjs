// The real-GPU section (bench/gpu/run.sh): speed per batch size on WebGPU through Dawn, and whether its results
// agree with the wasm reference run.
import { fmt, int } from './markdown.mjs';
import { latest } from './rows.mjs';

/** The GPU runs' agreement rows: each GPU backend's result against the reference backend's. */
export const gpuAgreementRows = (rows) =>
  latest(
    rows,
    (r) => r.protocol === 'gpu-agreement',
    (r) => `${r.model}/${r.backend}/${r.batch_size}`,
  );

export function writeGpu({ md }, rows) {
  const gpu = latest(
    rows,
    (r) => r.protocol === 'gpu-demo',
    (r) => `${r.model}/${r.backend}/${r.batch_size}`,
  );
  const gpuAgree = gpuAgreementRows(rows);
  md('## Real GPU (Node + WebGPU through Dawn: `bench/gpu/run.sh`)');
  md();
  if (!gpu.length)
    md('No row yet: no GPU machine has been lent to a session so far. The script is ready (bench/gpu/).');
  else {
    md('| model | backend | batch | rows/s | test AUC | host, date |');
    md('|---|---|---|---|---|---|');
    for (const r of gpu)
      md(
        `| ${r.model} | ${r.backend} | ${r.batch_size} | ${int(r.train_rows_per_s)} | ${fmt(r.metrics?.auc)} | ${r.host}, ${r.date} |`,
      );
    md();
    if (gpuAgree.length) {
      md('| model | backend vs reference | batch | AUC difference | agrees | speed-up |');
      md('|---|---|---|---|---|---|');
      for (const r of gpuAgree)
        md(
          `| ${r.model} | ${r.backend} vs ${r.reference} | ${r.batch_size} | ${fmt(r.auc_diff)} | ${r.agree ? '✓' : '✗'} | ${fmt(r.speedup, 2)}× |`,
        );
    }
  }
  md();
}
