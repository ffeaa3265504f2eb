// The headroom section (`npm run bench -- --entry headroom`): the ctr models' validation predictions on the demo
// read against the generator's hidden truth: the ceiling AUC, what each planted term is worth, how much of
// each term every model's logits follow, and AUC by how often the row's item was seen in training.
import { fmt } from './markdown.mjs';
import { latest } from './rows.mjs';
import { mean } from './stats.mjs';

/** The planted terms in likes.ts order, with what each means. */
export const TERMS = [
  ['demographics', 'age × topic and gender × topic (the cross amfr is for)'],
  ['taste', 'each user’s own topic taste (user × topic)'],
  ['bias', 'each user’s like rate'],
  ['style', 'user style × item style, visual topics (the item half is in its visual vector)'],
  ['appeal', 'item appeal, visual topics (in the visual vector)'],
  ['quality', 'item quality (in no feature)'],
  ['popularity', 'item popularity'],
  ['recency', 'recent likes of the same topic (the sequence din is for)'],
  ['duration', 'clip duration'],
];

export function writeHeadroom({ md }, rows) {
  const runs = latest(
    rows,
    (r) => r.protocol === 'headroom',
    (r) => `${r.model}/${JSON.stringify(r.config)}/${r.seed}/${JSON.stringify(r.train)}`,
  );
  if (!runs.length) return;
  const r0 = runs[runs.length - 1];
  md('## What the ctr models learn of the demo’s planted truth (`npm run bench -- --entry headroom`)');
  md();
  md(
    'Each ctr model trained as the page trains it (its quick start, the default demo and split), its ' +
      'validation logits then read against the generator’s hidden truth (`src/data/demo/likes.ts`). The ' +
      `ceiling is the AUC of the true like logit on the same ${r0.auc_by_item_count ? 'validation rows' : 'rows'}: ` +
      `**${fmt(r0.ceiling_auc)}**. “Worth” is how much that ceiling drops without one term. A slope is the ` +
      'joint least-squares slope of the model’s logits on each true term: 1 follows the term as the truth ' +
      'does, 0 ignores it.',
  );
  md();
  // One column per model and config, from its latest training settings (older settings stay in the results).
  const groups = new Map();
  for (const r of runs) {
    const key = `${r.model} ${JSON.stringify(r.config)}`;
    const same = (groups.get(key) ?? []).filter((x) => JSON.stringify(x.train) === JSON.stringify(r.train));
    groups.set(key, [...same.filter((x) => x.seed !== r.seed), r]);
  }
  const labelOf = (g) =>
    `${g[0].model}${Object.keys(g[0].config).length ? ` \`${JSON.stringify(g[0].config)}\`` : ''}`;
  md(`| planted term | worth (AUC) | ${[...groups.values()].map(labelOf).join(' | ')} |`);
  md(`|---|---|${[...groups.values()].map(() => '---').join('|')}|`);
  for (const [term, meaning] of TERMS) {
    const worth = r0.ceiling_auc - r0.ceiling_without[term];
    const slopes = [...groups.values()].map((g) => fmt(mean(g.map((r) => r.term_slopes[term])), 2));
    md(`| ${term}: ${meaning} | ${fmt(worth)} | ${slopes.join(' | ')} |`);
  }
  md(
    `| **validation AUC** (mean of seeds) | ceiling ${fmt(r0.ceiling_auc)} | ` +
      `${[...groups.values()].map((g) => `**${fmt(mean(g.map((r) => r.valid_auc)))}**`).join(' | ')} |`,
  );
  md(
    `| age × category table: slope, r | ${fmt(r0.ceiling_auc - r0.ceiling_without.demographics)} | ` +
      `${[...groups.values()].map((g) => `${fmt(mean(g.map((r) => r.cross_slope)), 2)}, ${fmt(mean(g.map((r) => r.cross_r)), 2)}`).join(' | ')} |`,
  );
  md(`| seeds | | ${[...groups.values()].map((g) => g.map((r) => r.seed).join(', ')).join(' | ')} |`);
  md(
    `| training settings | | ${[...groups.values()].map((g) => `\`${JSON.stringify(g[0].train)}\``).join(' | ')} |`,
  );
  md();
  md(
    'AUC by how often the row’s item was seen in training (mean of seeds; rows per group from the last run):',
  );
  md();
  const buckets = Object.keys(r0.auc_by_item_count);
  md(
    `| model | ${buckets.map((b) => `items seen ${b} (${r0.auc_by_item_count[b].rows} rows)`).join(' | ')} |`,
  );
  md(`|---|${buckets.map(() => '---').join('|')}|`);
  md(`| ceiling | ${buckets.map((b) => fmt(r0.ceiling_by_item_count[b].auc)).join(' | ')} |`);
  for (const g of groups.values()) {
    md(
      `| ${labelOf(g)} | ${buckets.map((b) => fmt(mean(g.map((r) => r.auc_by_item_count[b].auc)))).join(' | ')} |`,
    );
  }
  md();
}
