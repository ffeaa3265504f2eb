// The scale section (`npm run bench -- --entry scale`): ctr training as the demo data grow, and the kNN item
// graph's build time, each a table and a chart.
import { lineChart } from './charts.mjs';
import { fmt, int } from './markdown.mjs';
import { latest } from './rows.mjs';

export function writeScale({ md, chart }, rows) {
  const scaleCtr = latest(
    rows,
    (r) => r.protocol === 'scale-ctr',
    (r) => `${r.model}/${r.backend}/${r.interactions}`,
  );
  const scaleKnn = latest(
    rows,
    (r) => r.protocol === 'scale-knn',
    (r) => `${r.backend}/${r.items}/${r.dim}`,
  );
  md('## Scale (`npm run bench -- --entry scale`)');
  md();
  if (scaleCtr.length) {
    md(
      '| model | backend | interactions | train rows | rows/s | peak RSS (MB) | peak tensor MB | valid AUC (1 epoch) |',
    );
    md('|---|---|---|---|---|---|---|---|');
    for (const r of scaleCtr)
      md(
        `| ${r.model} | ${r.backend} | ${int(r.interactions)} | ${int(r.train_rows)} | ${int(r.train_rows_per_s)} | ${r.peak_rss_mb} | ${r.peak_tensor_mb} | ${fmt(r.valid_auc)} |`,
      );
    md();
    chart(
      'scale',
      lineChart({
        title: 'ctr training speed as the demo data grow (1 epoch)',
        series: [...new Set(scaleCtr.map((r) => `${r.model} ${r.backend}`))].map((name) => ({
          name,
          points: scaleCtr
            .filter((r) => `${r.model} ${r.backend}` === name)
            .map((r) => [r.interactions, r.train_rows_per_s]),
        })),
        xLabel: 'interactions (log scale)',
        yLabel: 'training rows/s',
        yFormat: (t) => Math.round(t).toLocaleString('en-US'),
      }),
    );
    md('![ctr scale](report/scale.svg)');
    md();
  }
  if (scaleKnn.length) {
    md('| kNN graph | backend | items × dim | k | seconds | peak RSS (MB) | leaked tensors |');
    md('|---|---|---|---|---|---|---|');
    for (const r of scaleKnn)
      md(
        `| cosine kNN | ${r.backend} | ${int(r.items)} × ${r.dim} | ${r.k} | ${fmt(r.seconds, 2)} | ${r.peak_rss_mb} | ${r.leaked_tensors} |`,
      );
    md();
    chart(
      'knn',
      lineChart({
        title: 'kNN item graph build time',
        series: [
          {
            name: `k=10, ${scaleKnn[0].dim}-d, ${scaleKnn[0].backend}`,
            points: scaleKnn.map((r) => [r.items, r.seconds]),
          },
        ],
        xLabel: 'items (log scale)',
        yLabel: 'seconds',
        yFormat: (t) => t.toFixed(1),
      }),
    );
    md('![kNN scale](report/knn.svg)');
    md();
  }
}
