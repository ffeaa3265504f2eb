// The scale section (`npm run bench -- --entry scale`): ctr training as the demo data grow, and the kNN item
// graph's build time, each a table and a chart.
import { lineChart } from './charts.mjs';
import { fmt, int } from './markdown.mjs';
import { latest } from './rows.mjs';

/** A width row’s run: its `run` id, or for rows written before runs had one, its file and date. */
const runOf = (r) => r.run ?? `${r.file}/${r.date}`;

/**
 * The scale-width rows to show: per model, backend and item count, every width of the latest run (so that a
 * width is only ever compared with the other widths measured beside it).
 */
export function widthRows(rows) {
  const all = rows.filter((r) => r.protocol === 'scale-width');
  const group = (r) => `${r.model}/${r.backend}/${r.items}`;
  const lastRun = new Map(all.map((r) => [group(r), runOf(r)]));
  return latest(
    all.filter((r) => runOf(r) === lastRun.get(group(r))),
    () => true,
    (r) => `${group(r)}/${r.list_width}`,
  );
}

/** `r`'s rows/s relative to width `base` of its run (−0.2: 20 % slower), or null without that width. */
export function widthDrop(shown, r, base) {
  const b = shown.find(
    (x) =>
      x.model === r.model &&
      x.backend === r.backend &&
      x.items === r.items &&
      runOf(x) === runOf(r) &&
      x.list_width === base,
  );
  return b ? r.train_rows_per_s / b.train_rows_per_s - 1 : null;
}

/**
 * Issue 21's list-width target at 10,000 items (the largest catalogue measured, at least 9,000 items): each ctr
 * model's rows/s with genres and 40-wide tags against genres alone, the comparison (ml-100k's items →
 * MovieLens "latest"'s). The table beside it also reads against no list fields and against one-tag lists.
 */
export function widthTarget(rows) {
  const shown = widthRows(rows);
  const drops = shown
    .filter((r) => r.items >= 9000 && r.list_width === 40)
    .map((r) => ({ model: r.model, drop: widthDrop(shown, r, 'genres') }))
    .filter((d) => d.drop !== null);
  return {
    target:
      'ctr rows/s falls ≤ 20 % from items with a genre list (as ml-100k’s) to genres and 40-wide tags (10,000 items)',
    measured: drops.length ? drops.map((d) => `${d.model} ${signedPercent(d.drop)}`).join(', ') : null,
    met: drops.length ? drops.every((d) => d.drop >= -0.2) : null,
  };
}

/** −0.17 → "−17 %", 0.25 → "+25 %". */
const signedPercent = (x) => {
  const p = Math.round(100 * x);
  return `${p > 0 ? '+' : p < 0 ? '−' : ''}${Math.abs(p)} %`;
};

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
  const scaleWidth = widthRows(rows);
  md('## Scale (`npm run bench -- --entry scale`)');
  md();
  if (scaleWidth.length) {
    md(
      'ctr speed as items carry list fields (`--widths`): 1–3 genres of 18 and a tag list of ⌈w/2⌉–w of 500 tags ' +
        '(w = 0: no list fields; genres: the genres alone, as ml-100k’s items; w = 1: both fields, one tag ' +
        'each), 1 epoch of a demo of the given size (`--width-size` interactions), the widths of one run ' +
        'taking turns (`--repeat`: medians). Against w = 1 the drop is the cost of the lists’ width alone; ' +
        'against genres, also the tag field (ml-100k → MovieLens “latest”); against w = 0, both fields (a ' +
        'wider item vector for DIN’s attention, more field pairs for AutoInt’s).',
    );
    md();
    md('| model | backend | items | train rows | list width w | rows/s | vs w = 0 | vs genres | vs w = 1 |');
    md('|---|---|---|---|---|---|---|---|---|');
    for (const r of scaleWidth) {
      const vs = (w) => {
        const d = widthDrop(scaleWidth, r, w);
        return d === null ? '—' : signedPercent(d);
      };
      md(
        `| ${r.model} | ${r.backend} | ${int(r.items)} | ${int(r.train_rows)} | ${r.list_width} | ` +
          `${int(r.train_rows_per_s)} | ${vs(0)} | ${vs('genres')} | ${vs(1)} |`,
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
