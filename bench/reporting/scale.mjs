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
  const scaleWidth = latest(
    rows,
    (r) => r.protocol === 'scale-width',
    (r) => `${r.model}/${r.backend}/${r.items}/${r.list_width}`,
  );
  md('## Scale (`npm run bench -- --entry scale`)');
  md();
  if (scaleWidth.length) {
    md(
      'ctr speed as items carry list fields (`--widths`): 1–3 genres of 18 and a tag list of ⌈w/2⌉–w of 500 tags ' +
        '(w = 0: no list fields), 1 epoch of a demo of the given size (`--width-size` interactions); the drop ' +
        'from w = 0 on the same data is the cost of the lists.',
    );
    md();
    md('| model | backend | items | train rows | list width w | rows/s | vs w = 0 |');
    md('|---|---|---|---|---|---|---|');
    for (const r of scaleWidth) {
      const base = scaleWidth.find(
        (x) => x.model === r.model && x.backend === r.backend && x.items === r.items && x.list_width === 0,
      );
      const change = base ? `${(100 * (r.train_rows_per_s / base.train_rows_per_s - 1)).toFixed(0)} %` : '—';
      md(
        `| ${r.model} | ${r.backend} | ${int(r.items)} | ${int(r.train_rows)} | ${r.list_width} | ` +
          `${int(r.train_rows_per_s)} | ${change} |`,
      );
    }
    md();
  }
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
