/**
 * Why a seed model does or does not beat its baseline on the demo (issue 20): each ctr model trained as the
 * page trains it (its quick start, the default demo and split), then its validation predictions read against
 * the generator's hidden truth:
 *
 * - `ceiling`: the AUC of the true like logit on the same rows (no model can pass it);
 * - `cross_slope` / `cross_r`: how much of the true age × category interaction the model's logits carry
 *   (1: all of it, 0: none; `src/engine/metrics/crossEffect.ts`), the cross amfr's attention is meant to find;
 * - `term_slopes`: the joint least-squares slope of the model's logits on each planted term of the true logit
 *   (`src/data/demo/likes.ts`; 1: it follows that term as the truth does, 0: it ignores it), and beside the
 *   ceiling, `ceiling_without`: the AUC of the true logit less one term (what that term is worth);
 * - `auc_by_item_count`: AUC on validation rows grouped by how often the row's item was seen in training,
 *   where modality features (mmdin over din, amfr's modality fields) can help most on rarely seen items.
 *
 * - `planted_pair` / `planted_fields` (attention models): where the planted age × category pair ranks in the
 *   model's pair attention and in its field attention, averaged over the validation rows, and its weight over
 *   uniform (`src/engine/metrics/plantedAttention.ts`); a model that ignores it ranks it about (P + 1)/2;
 * - `planted_recency` (din, mmdin): the AUC of the behaviour weights (mean over heads) for telling the planted
 *   relevant behaviours (liked, of the candidate's topic: what the demo's recency term counts) from the rest,
 *   averaged over validation rows that have both, and the same per head; 0.5 is chance.
 * - `planted_topics`: the neighbourhood purity of the item embedding against the planted topics
 *   (`embeddingPurity` of `src/engine/explain/planted.ts`) and the purity random neighbours would give.
 *
 *   npm run bench -- --entry headroom --models lr,dnn,amfr,din,mmdin --seed 42,7,1 [--train '{"epochs":20}']
 *   [--config '{"amfr":{"useModalities":false}}'] [--control shuffle]
 *
 * `--control shuffle` trains on the training rows' labels shuffled (validation labels kept): every agreement
 * above must fall to chance, the check that it measures learning and not the architecture.
 *
 * One JSON line per run, appended to `bench/results/<date>-<host>-headroom.jsonl` (or `--out`).
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { encodeCtr, type CtrEncoding } from '../src/data/features';
import { demoLikeTerms, generateDemoWithTruth } from '../src/data/demo';
import { makeRng, shuffleInPlace } from '../src/data/random';
import { initBackend } from '../src/engine/backends';
import { DEFAULT_SPLIT_CONFIG } from '../src/engine/importProtocol';
import { splitWithSummary } from '../src/engine/importer';
import { auc } from '../src/engine/metrics/ctr';
import { crossRecovery, interactionTable } from '../src/engine/metrics/crossEffect';
import { termSlopes } from '../src/engine/metrics/termSlopes';
import {
  fieldPairAgreement,
  pairAgreement,
  type PlantedAgreement,
} from '../src/engine/metrics/plantedAttention';
import {
  averagedAttention,
  plantedRelevance,
  probLogit,
  recencyAgreement,
  type Behaviours,
} from '../src/engine/explain/planted';
import { embeddingPurity } from '../src/engine/explain/plantedEmbedding';
import { itemPopularity } from '../src/engine/explain/catalogue';
import { quickTrainDefaults, type TrainConfig } from '../src/engine/train/config';
import { predictCtr, trainCtr } from '../src/engine/train/ctr';
import { resolveConfig } from '../src/models/config';
import { requireModel } from '../src/models/registry';
import { appendResultRow, resultsFile } from './resultsFile';
import { wasmPaths } from './wasmPaths';

const { values: args } = parseArgs({
  options: {
    models: { type: 'string', default: 'lr,dnn,amfr,din,mmdin' },
    seed: { type: 'string', default: '42' },
    train: { type: 'string', default: '{}' },
    config: { type: 'string', default: '{}' },
    out: { type: 'string' },
    control: { type: 'string' },
  },
});

const agreementRow = (a: PlantedAgreement) => ({
  rank: a.rank,
  of: a.of,
  ratio: Number(a.ratio.toFixed(3)),
  top_ratio: Number(a.topRatio.toFixed(3)),
});

/** Upper edges of the item-count groups: items seen 0–4, 5–19, 20–79 and 80+ times in training. */
const ITEM_COUNT_EDGES = [5, 20, 80, Infinity];

async function main() {
  const seeds = args.seed!.split(',').map(Number);
  const models = args.models!.split(',');
  const trainOver = JSON.parse(args.train!) as Record<string, unknown>;
  const configOver = JSON.parse(args.config!) as Record<string, Record<string, unknown>>;
  const out = args.out ?? resultsFile().replace(/\.jsonl$/, '-headroom.jsonl');
  await initBackend('wasm', wasmPaths());

  const { dataset, truth } = generateDemoWithTruth();
  const enc = encodeCtr(dataset);
  const { split } = splitWithSummary(dataset, DEFAULT_SPLIT_CONFIG);
  if (args.control !== undefined && args.control !== 'shuffle') {
    throw new Error(`--control: only 'shuffle' is known, got '${args.control}'`);
  }
  // The control: the training rows' labels permuted (same like rate, no signal left to learn).
  const trainEnc: CtrEncoding =
    args.control === 'shuffle'
      ? (() => {
          const labels = enc.labels.slice();
          const order = shuffleInPlace(Int32Array.from(split.train), makeRng('control/shuffle'));
          split.train.forEach((r, k) => (labels[r] = enc.labels[order[k]]));
          return { ...enc, labels };
        })()
      : enc;
  const valid = split.valid;
  const labels = Float32Array.from(valid, (r) => enc.labels[r]);
  const age = dataset.userFields.find((c) => c.name === 'age')!;
  const category = dataset.itemFields.find((c) => c.name === 'category')!;
  // 0-based tokens of each validation row (token 0 is padding, never used by the demo).
  const ageOf = Int32Array.from(valid, (r) => age.tokens[enc.userIdx[r]] - 1);
  const catOf = Int32Array.from(valid, (r) => category.tokens[enc.itemIdx[r]] - 1);
  const A = age.vocab.length - 1;
  const C = category.vocab.length - 1;
  const trueZ = Float64Array.from(valid, (r) => truth.likeLogit[r]);
  const trueCross = interactionTable(trueZ, ageOf, catOf, A, C);
  const allTerms = demoLikeTerms(undefined, dataset, truth);
  const terms = Object.fromEntries(
    Object.entries(allTerms).map(([k, col]) => [k, Float64Array.from(valid, (r) => col[r])]),
  );
  const ceilingWithout = Object.fromEntries(
    Object.entries(terms).map(([k, col]) => [
      k,
      Number(
        auc(
          trueZ.map((z, i) => z - col[i]),
          labels,
        ).toFixed(4),
      ),
    ]),
  );
  const plantedRecency = (b: Behaviours) => {
    const r = recencyAgreement(b, plantedRelevance(dataset, valid, b));
    return { auc: Number(r.auc.toFixed(4)), heads: r.heads.map((v) => Number(v.toFixed(4))), rows: r.rows };
  };
  const seen = new Int32Array(dataset.numItems);
  for (const r of split.train) seen[enc.itemIdx[r]]++;
  const groupOf = Int32Array.from(valid, (r) => ITEM_COUNT_EDGES.findIndex((e) => seen[enc.itemIdx[r]] < e));
  const groupLabel = (g: number) =>
    `${g === 0 ? 0 : ITEM_COUNT_EDGES[g - 1]}${g === ITEM_COUNT_EDGES.length - 1 ? '+' : `-${ITEM_COUNT_EDGES[g] - 1}`}`;
  const byGroup = (scores: ArrayLike<number>) =>
    Object.fromEntries(
      ITEM_COUNT_EDGES.map((_, g) => {
        const rows = valid.map((_, i) => i).filter((i) => groupOf[i] === g);
        const s = Array.from(rows, (i) => scores[i]);
        const l = Array.from(rows, (i) => labels[i]);
        return [groupLabel(g), { rows: rows.length, auc: Number(auc(s, l).toFixed(4)) }];
      }),
    );
  const ceiling = {
    auc: auc(trueZ, labels),
    by_item_count: byGroup(trueZ),
    cross_spread: crossRecovery(trueCross, trueCross).trueSpread,
  };
  console.log(
    `valid rows ${valid.length}; ceiling AUC ${ceiling.auc.toFixed(4)}; true age×category spread ${ceiling.cross_spread.toFixed(3)} logits`,
  );
  console.log('ceiling by item count', ceiling.by_item_count);
  console.log('ceiling without each term', ceilingWithout);

  const table: Record<string, unknown>[] = [];
  for (const seed of seeds) {
    for (const modelId of models) {
      const spec = requireModel(modelId, 'ctr');
      const { config } = resolveConfig(spec.configSchema, configOver[modelId] ?? {});
      const settings = { ...quickTrainDefaults(spec), ...trainOver, seed } as TrainConfig;
      const before = tf.memory().numTensors;
      const t0 = performance.now();
      const model = await spec.build(config, enc, makeRng(`${seed}/init`));
      const result = await trainCtr(model, trainEnc, split, settings);
      const probs = await predictCtr(model, enc, valid);
      const att = model.explain ? await averagedAttention(model, enc, valid) : null;
      const purity = await embeddingPurity(dataset, model, itemPopularity(dataset, split.train));
      model.dispose();
      const ageField = att?.labels.indexOf('age') ?? -1;
      const catField = att?.labels.indexOf('category') ?? -1;
      const M = att?.labels.length ?? 0;
      const planted =
        att && ageField >= 0 && catField >= 0
          ? {
              ...(att.pair
                ? { planted_pair: agreementRow(pairAgreement(att.pair, M, ageField, catField)) }
                : {}),
              ...(att.field
                ? {
                    planted_fields: agreementRow(
                      fieldPairAgreement(att.field, att.fieldShape, ageField, catField),
                    ),
                  }
                : {}),
            }
          : {};
      const recency = att?.behaviour ? plantedRecency(att.behaviour) : null;
      const z = Float64Array.from(probs, probLogit);
      const cross = crossRecovery(interactionTable(z, ageOf, catOf, A, C), trueCross);
      const row = {
        protocol: 'headroom',
        model: modelId,
        ...(args.control ? { control: args.control } : {}),
        config: configOver[modelId] ?? {},
        seed,
        train: {
          epochs: settings.epochs,
          patience: settings.patience,
          learningRate: settings.learningRate,
          ...trainOver,
        },
        seconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
        best_epoch: result.bestEpoch,
        valid_auc: Number(auc(probs, labels).toFixed(4)),
        ceiling_auc: Number(ceiling.auc.toFixed(4)),
        cross_slope: Number(cross.slope.toFixed(3)),
        cross_r: Number(cross.correlation.toFixed(3)),
        term_slopes: Object.fromEntries(
          Object.entries(termSlopes(terms, z)).map(([k, v]) => [k, Number(v.toFixed(3))]),
        ),
        ceiling_without: ceilingWithout,
        auc_by_item_count: byGroup(z),
        ceiling_by_item_count: ceiling.by_item_count,
        ...planted,
        ...(recency ? { planted_recency: recency } : {}),
        ...(purity
          ? {
              planted_topics: {
                purity: Number(purity.purity.toFixed(4)),
                chance: Number(purity.chance.toFixed(4)),
                items: purity.rows,
              },
            }
          : {}),
        leaked_tensors: tf.memory().numTensors - before,
      };
      appendResultRow(out, row);
      table.push({
        model: modelId,
        seed,
        s: row.seconds,
        best: row.best_epoch,
        valid: row.valid_auc,
        slope: row.cross_slope,
        r: row.cross_r,
        ...(row.planted_pair
          ? { pair: `${row.planted_pair.rank}/${row.planted_pair.of} ${row.planted_pair.ratio}×` }
          : {}),
        ...(row.planted_recency
          ? { recency_auc: `${row.planted_recency.auc} (${row.planted_recency.heads.join(', ')})` }
          : {}),
        ...(row.planted_fields
          ? { fields: `${row.planted_fields.rank}/${row.planted_fields.of} ${row.planted_fields.ratio}×` }
          : {}),
        ...Object.fromEntries(Object.entries(row.term_slopes).map(([k, v]) => [k.slice(0, 5), v])),
        ...Object.fromEntries(Object.entries(row.auc_by_item_count).map(([k, v]) => [`items ${k}`, v.auc])),
      });
      console.table(table.slice(-1));
    }
  }
  console.table(table);
  console.log(`appended to ${out}`);
}

await main();
