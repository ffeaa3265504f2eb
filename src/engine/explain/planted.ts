/**
 * Planted vs learned (issue 22): a ctr model trained on data from the demo generator, read against what the
 * generator planted. Each agreement has a chance level, the value a model trained on shuffled labels gets
 * (`npm run bench -- --entry headroom --control shuffle`), and the verdict says "learned" only clearly past it:
 *
 * - the age × category cross: the slope of the model's validation logits on the true interaction table
 *   (`metrics/crossEffect.ts`; 1 follows it in full, 0 ignores it);
 * - amfr's pair attention and the interacting layers' field attention on that pair: its rank and its weight
 *   over uniform (`metrics/plantedAttention.ts`);
 * - din / mmdin's behaviour attention against the planted recency signal (recent likes of the candidate's
 *   topic): the AUC of the weights for those behaviours, per head and for the heads' mean.
 *
 * Each signal's measure, verdict rule and sentence sit together: tmfun's modality attention in
 * `plantedModality.ts`, the embedding's topic purity in `plantedEmbedding.ts`, popularity in
 * `plantedPopularity.ts`; the verdict rules they share (`aucVerdict`, `atStrength`) are here.
 */
import type { CtrEncoding } from '../../data/features';
import { chronologicalOrder } from '../../data/split';
import type { Dataset } from '../../data/types';
import { REASON_MARGIN, type PlantedSignal } from '../../contract/explain';
import type { CtrExplanation, CtrModel } from '../../models/contract';
import { crossRecovery, interactionTable } from '../metrics/crossEffect';
import {
  fieldPairAgreement,
  pairAgreement,
  relevanceAuc,
  type PlantedAgreement,
} from '../metrics/plantedAttention';
import { disposeBatch, makeBatch } from '../train/batches';
import { embeddingPurity, embeddingSignal } from './plantedEmbedding';
import { predictCtr } from '../train/ctr';

/** Behaviour weights `[rows, T, H]` and the item at each position (-1: padding). */
export interface Behaviours {
  readonly weights: Float32Array;
  readonly items: Int32Array;
  readonly T: number;
  readonly H: number;
}

export interface AveragedAttention {
  /** `[M, M]` pair attention (upper triangle), averaged over the rows. */
  readonly pair: Float64Array | null;
  /** `[L, H, M, M]` field attention, averaged over the rows. */
  readonly field: Float64Array | null;
  readonly fieldShape: readonly number[];
  readonly labels: readonly string[];
  readonly behaviour: Behaviours | null;
}

/** A model's attention over `rows`: field and pair maps averaged (chunks weighted by size), behaviours kept. */
export async function averagedAttention(
  model: CtrModel,
  enc: CtrEncoding,
  rows: Int32Array,
  chunk = 1024,
): Promise<AveragedAttention> {
  let pair: Float64Array | null = null;
  let field: Float64Array | null = null;
  let fieldShape: readonly number[] = [];
  let labels: readonly string[] = [];
  let behaviour: { weights: Float32Array; items: Int32Array; T: number; H: number } | null = null;
  if (!model.explain) return { pair, field, fieldShape, labels, behaviour };
  for (let k = 0; k < rows.length; k += chunk) {
    const part = rows.subarray(k, k + chunk);
    const batch = makeBatch(enc, part);
    let ex: CtrExplanation;
    try {
      ex = await model.explain(batch);
    } finally {
      disposeBatch(batch);
    }
    const w = part.length / rows.length;
    if (ex.behaviourAttention) {
      const [B, T, H] = ex.behaviourAttention.shape;
      behaviour ??= {
        weights: new Float32Array(rows.length * T * H),
        items: new Int32Array(rows.length * T),
        T,
        H,
      };
      behaviour.weights.set(ex.behaviourAttention.data.subarray(0, B * T * H), k * T * H);
      behaviour.items.set(ex.behaviourAttention.items.subarray(0, B * T), k * T);
    }
    if (ex.pairAttention) {
      const acc = (pair ??= new Float64Array(ex.pairAttention.data.length));
      ex.pairAttention.data.forEach((v, i) => (acc[i] += w * v));
      labels = ex.pairAttention.labels ?? labels;
    }
    if (ex.fieldAttention) {
      const acc = (field ??= new Float64Array(ex.fieldAttention.data.length));
      ex.fieldAttention.data.forEach((v, i) => (acc[i] += w * v));
      fieldShape = ex.fieldAttention.shape;
      labels = ex.fieldAttention.labels ?? labels;
    }
  }
  return { pair, field, fieldShape, labels, behaviour };
}

/**
 * Per row of `rows` and behaviour position, 1 where the behaviour is one the demo's recency term counts: a
 * like of the candidate's topic (category) earlier than the row. Checks that the histories are the user's
 * earlier rows in chronological order (every earlier row: the encoding's `positiveOnly: false`).
 */
export function plantedRelevance(ds: Dataset, rows: Int32Array, b: Behaviours): Uint8Array {
  const { T } = b;
  const category = ds.itemFields.find((c) => c.name === 'category');
  if (!category) throw new Error('the data have no category field');
  const inter = ds.interactions;
  const chrono = chronologicalOrder(inter);
  const rank = new Int32Array(chrono.length);
  chrono.forEach((r, k) => (rank[r] = k));
  const relevant = new Uint8Array(rows.length * T);
  rows.forEach((r, i) => {
    const cand = category.tokens[inter.item[r]];
    let k = rank[r] - 1;
    for (let t = T - 1; t >= 0 && b.items[i * T + t] >= 0; t--, k--) {
      const prev = chrono[k];
      if (k < 0 || inter.user[prev] !== inter.user[r] || inter.item[prev] !== b.items[i * T + t]) {
        throw new Error(`the history of row ${r} is not the user's earlier rows (position ${t})`);
      }
      relevant[i * T + t] = inter.label[prev] > 0 && category.tokens[inter.item[prev]] === cand ? 1 : 0;
    }
  });
  return relevant;
}

/** The AUC of the heads' mean weight and of each head's for the relevant behaviours (0.5: chance). */
export function recencyAgreement(
  b: Behaviours,
  relevant: Uint8Array,
): { auc: number; heads: number[]; rows: number } {
  const { T, H } = b;
  const rows = b.items.length / T;
  const real = (i: number, t: number) => b.items[i * T + t] >= 0;
  const head = (h: number | 'mean') =>
    Float32Array.from({ length: rows * T }, (_, i) => {
      if (h !== 'mean') return b.weights[i * H + h];
      let m = 0;
      for (let g = 0; g < H; g++) m += b.weights[i * H + g];
      return m / H;
    });
  const mean = relevanceAuc(head('mean'), relevant, rows, T, real);
  const heads = Array.from({ length: H }, (_, h) => relevanceAuc(head(h), relevant, rows, T, real).auc);
  return { auc: mean.auc, heads, rows: mean.rows };
}

/**
 * How far from chance an AUC must be to count: the shuffled-label control of `--entry headroom` spread
 * 0.486–0.544 over din's and mmdin's heads (seed 42, 5,402 rows).
 */
export const AUC_MARGIN = 0.08;
/** The cross slope (and correlation) that counts as followed; the control's slope is about 0 (−0.004). */
export const CROSS_FOLLOWED = 0.5;
/** A slope from here to {@link CROSS_FOLLOWED}, with the correlation, is the cross's shape at a fraction of its size. */
export const CROSS_PARTLY = 0.15;

/** The cross's verdict from the model's slope and correlation on the true interaction table. */
export function crossVerdict(slope: number, r: number): PlantedSignal['verdict'] {
  const shaped = r >= CROSS_FOLLOWED;
  if (shaped && slope >= CROSS_FOLLOWED) return 'learned';
  if (shaped && slope >= CROSS_PARTLY) return 'partly';
  return slope <= -CROSS_FOLLOWED ? 'against' : 'chance';
}

/** A predicted probability back to its logit, clamped so that 0 and 1 stay finite. */
export const probLogit = (p: number) => Math.log(Math.max(1e-7, p) / Math.max(1e-7, 1 - p));

/** The planted cross, in words (the cross row and both attention rows are about it). */
const PLANTED_CROSS = 'age × category: each age group’s own taste for each topic';

/** An AUC's verdict against its chance level: past it by {@link AUC_MARGIN} either way, or at chance. */
export function aucVerdict(auc: number, chance = 0.5): PlantedSignal['verdict'] {
  if (auc >= chance + AUC_MARGIN) return 'learned';
  return auc <= chance - AUC_MARGIN ? 'against' : 'chance';
}

const ordinal = (n: number) =>
  `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

function attentionSignal(
  id: 'pairAttention' | 'fieldAttention',
  a: PlantedAgreement,
  learned: string,
): PlantedSignal {
  const singled = a.rank <= 3 && a.ratio >= REASON_MARGIN;
  const what = id === 'pairAttention' ? 'pairs' : 'field pairs';
  return {
    id,
    planted: PLANTED_CROSS,
    learned,
    value: a.ratio,
    chance: 1,
    best: a.topRatio,
    shown: `${ordinal(a.rank)} of ${a.of}, ${a.ratio.toFixed(2)}× uniform`,
    verdict: singled ? 'learned' : 'chance',
    sentence: singled
      ? `The attention singles the planted pair out: ${ordinal(a.rank)} of ${a.of} ${what} at ` +
        `${a.ratio.toFixed(2)}× uniform.`
      : `The attention does not single the planted pair out: ${ordinal(a.rank)} of ${a.of} ${what} at ` +
        `${a.ratio.toFixed(2)}× uniform (the heaviest is ${a.topRatio.toFixed(2)}×), what a model trained on ` +
        `shuffled labels gives too. The model may still use the cross elsewhere (see the first row).`,
  };
}

/** The planted signals a trained ctr model is read against, on data `truthLogit` labelled (per row). */
export async function plantedSignals(
  ds: Dataset,
  enc: CtrEncoding,
  valid: Int32Array,
  model: CtrModel,
  truthLogit: ArrayLike<number>,
  strengths: PlantedStrengths = {},
  itemCounts?: Int32Array,
): Promise<{ rows: number; signals: PlantedSignal[]; logits: Float64Array }> {
  const signals: PlantedSignal[] = [];
  const age = ds.userFields.find((c) => c.name === 'age');
  const category = ds.itemFields.find((c) => c.name === 'category');
  if (!age || !category) throw new Error('the data have no age or no category field');
  const ageOf = Int32Array.from(valid, (r) => age.tokens[enc.userIdx[r]] - 1);
  const catOf = Int32Array.from(valid, (r) => category.tokens[enc.itemIdx[r]] - 1);
  const A = age.vocab.length - 1;
  const C = category.vocab.length - 1;
  const probs = await predictCtr(model, enc, valid);
  const z = Float64Array.from(probs, probLogit);
  const trueZ = Float64Array.from(valid, (r) => truthLogit[r]);
  const cross = crossRecovery(
    interactionTable(z, ageOf, catOf, A, C),
    interactionTable(trueZ, ageOf, catOf, A, C),
  );
  const verdict = crossVerdict(cross.slope, cross.correlation);
  const pctOf = `${Math.round(cross.slope * 100)} %`;
  signals.push({
    id: 'cross',
    planted: PLANTED_CROSS,
    learned: 'the predicted like, over age × category, main effects removed',
    value: cross.slope,
    chance: 0,
    best: 1,
    shown: `slope ${cross.slope.toFixed(2)} (r ${cross.correlation.toFixed(2)})`,
    verdict,
    sentence:
      verdict === 'learned'
        ? `The predictions follow the planted cross: ${pctOf} of its size, correlation ` +
          `${cross.correlation.toFixed(2)} over the ${A} × ${C} cells.`
        : verdict === 'partly'
          ? `The predictions have the planted cross's shape (correlation ${cross.correlation.toFixed(2)}) at ` +
            `only ${pctOf} of its size: partly learned, as early in training.`
          : `The predictions do not follow the planted cross (slope ${cross.slope.toFixed(2)}; 1 would be ` +
            `all of it, 0 none).`,
  });

  const att = await averagedAttention(model, enc, valid);
  const a = att.labels.indexOf('age');
  const c = att.labels.indexOf('category');
  if (att.pair && a >= 0 && c >= 0) {
    signals.push(
      attentionSignal(
        'pairAttention',
        pairAgreement(att.pair, att.labels.length, a, c),
        'pair attention on age × category',
      ),
    );
  }
  if (att.field && a >= 0 && c >= 0) {
    signals.push(
      attentionSignal(
        'fieldAttention',
        fieldPairAgreement(att.field, att.fieldShape, a, c),
        'field attention between age and category (both ways, all layers and heads)',
      ),
    );
  }
  if (att.behaviour) {
    const r = recencyAgreement(att.behaviour, plantedRelevance(ds, valid, att.behaviour));
    const best = r.heads.reduce((m, v) => (Math.abs(v - 0.5) > Math.abs(m - 0.5) ? v : m), r.auc);
    const heads = r.heads.map((v, h) => `head ${h + 1} ${v.toFixed(2)}`).join(', ');
    const several = r.heads.length > 1;
    signals.push({
      id: 'recency',
      planted: 'recency: each recent like of the candidate’s topic raises the like',
      learned: several ? 'behaviour attention, the heads’ mean' : 'behaviour attention',
      value: r.auc,
      chance: 0.5,
      best: 1,
      shown: `AUC ${r.auc.toFixed(2)}${several ? ` (${heads})` : ''}`,
      verdict: aucVerdict(r.auc),
      heads: r.heads,
      sentence:
        (aucVerdict(r.auc) === 'learned'
          ? `The attention weighs the past likes of the candidate’s topic above the other past items ` +
            `(AUC ${r.auc.toFixed(2)}; 0.5 is chance).`
          : `The ${several ? 'heads’ mean ' : ''}weight does not tell the past likes of the candidate’s ` +
            `topic from the rest (AUC ${r.auc.toFixed(2)}; 0.5 is chance).`) +
        (several && aucVerdict(r.auc) === 'chance' && aucVerdict(best) !== 'chance'
          ? ` Head by head it does (${heads}): a head below 0.5 weighs them down, and the heads cancel ` +
            `out in the mean.`
          : ''),
    });
  }
  const purity = itemCounts ? await embeddingPurity(ds, model, itemCounts) : null;
  if (purity) signals.push(embeddingSignal(purity));
  // The topics are planted whatever the knobs (the users' own tastes pick what they are shown).
  const strengthOf = (id: PlantedSignal['id']) =>
    id === 'recency' ? strengths.recency : id === 'embedding' ? undefined : strengths.cross;
  return {
    rows: valid.length,
    signals: signals.map((x) => atStrength(x, strengthOf(x.id))),
    // The model's validation logits, for the rows read beside these (the popularity row).
    logits: z,
  };
}

/**
 * How strongly the data wizard planted each signal (`plantedStrengths` of data/demo): 1 or absent the
 * demo's own, 0 nothing.
 */
export interface PlantedStrengths {
  readonly cross?: number;
  readonly recency?: number;
  readonly visual?: number;
}

const MEASURED: Record<PlantedSignal['verdict'], string> = {
  learned: 'learned',
  partly: 'partly learned',
  chance: 'at chance',
  against: 'against the truth',
  unplanted: 'nothing planted',
};

/**
 * A signal as the data wizard planted it: its strength named when it is not the demo's own, and when it is
 * 0 the verdict 'unplanted', the sentence saying what the measure read all the same.
 */
export function atStrength(s: PlantedSignal, strength: number | undefined): PlantedSignal {
  if (strength === undefined || strength === 1) return s;
  const times = `${Number(strength.toFixed(2))}×`;
  if (strength > 0) return { ...s, planted: `${s.planted} (at ${times} the demo’s strength, data wizard)` };
  return {
    ...s,
    planted: `nothing: switched off in the data wizard (${s.planted})`,
    verdict: 'unplanted',
    sentence:
      `Nothing of this is planted in these data (the data wizard switched it off), so there is nothing to ` +
      `learn; the measure reads ${s.shown}, “${MEASURED[s.verdict]}”` +
      (s.verdict === 'chance' ? ', as it should.' : ': what chance alone gave here, not a signal.'),
  };
}
