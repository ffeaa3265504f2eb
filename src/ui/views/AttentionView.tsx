import { useMemo, useState } from 'react';
import type { AttentionExplanation } from '../../engine/protocol';
import {
  diffMatrix,
  headMatrix,
  maxAbs,
  readableField,
  topPairs,
  triangleCells,
  type HeadRef,
  type Matrix,
  type TopPair,
} from '../../viz/attentionData';
import { AttentionGrid } from '../../viz/AttentionGrid';
import { AttentionHeatmap, type ActiveCell } from '../../viz/AttentionHeatmap';
import { AttentionLines } from '../../viz/AttentionLines';
import { ColourLegend } from '../../viz/ColourLegend';
import { divergingScale, headColour, type ColourScale } from '../../viz/colour';
import {
  formatRatioTick,
  headSentence,
  ratioText,
  summarizeHead,
  uniformScale,
  NEAR_UNIFORM,
  type HeadSummary,
} from '../../viz/uniformBaseline';
import type { AttentionMap } from '../../contract/explain';

type Source = 'example' | 'average';

const upper = (i: number, j: number) => i < j;
/** The compare select's value "layer-head" as the flat index `layer·H + head` of a head other than `not`, or -1. */
function parseHead(key: string, L: number, H: number, not: HeadRef): number {
  const [l, h] = key.split('-').map(Number);
  const ok = Number.isInteger(l) && Number.isInteger(h) && l >= 0 && l < L && h >= 0 && h < H;
  return ok && (l !== not.layer || h !== not.head) ? l * H + h : -1;
}
const headName = (h: HeadRef) => `layer ${h.layer + 1} · head ${h.head + 1}`;

/**
 * Field self-attention (amfr, autoint) as BertViz shows a transformer: every layer × head as a thumbnail,
 * the chosen head large with field names on both axes and as a line view, the difference of two heads,
 * and amfr's pair attention as a triangle with its top pairs.
 */
export function AttentionView({ explanation }: { explanation: AttentionExplanation }) {
  const [source, setSource] = useState<Source>('example');
  const [selected, setSelected] = useState<HeadRef>({ layer: 0, head: 0 });
  const [compare, setCompare] = useState<string>('');
  const [active, setActive] = useState<ActiveCell | null>(null);
  const field = explanation.fieldAttention;
  const pair = explanation.pairAttention;
  const map: AttentionMap | undefined = field?.[source];
  const labels = useMemo(() => (map?.labels ?? []).map(readableField), [map]);
  const values = useMemo(() => {
    // Field values of the example row, for tooltips ("age (25-34)"); none for the average.
    const byName = new Map(explanation.example.fields.map((f) => [f.name, f.value]));
    return (map?.labels ?? []).map((n) => (source === 'example' ? (byName.get(n) ?? '') : ''));
  }, [map, explanation.example, source]);
  // Every head against uniform (1/M over the M key fields), one scale for the grid so heads compare.
  const colour = useMemo(() => uniformScale(map?.data ?? [], map?.shape[2] ?? 1), [map]);

  const sourceSelect = (
    <label className="inline-field">
      <span>Attention of</span>
      <select
        value={source}
        data-testid="attention-source"
        onChange={(e) => setSource(e.target.value as Source)}
      >
        <option value="example">this example</option>
        <option value="average">validation average ({explanation.sampleSize} rows)</option>
      </select>
    </label>
  );

  const withValue = (i: number) => (values[i] ? `${labels[i]} (${values[i]})` : labels[i]);
  return (
    <div className="attention-view" data-testid="attention-view">
      <div className="view-controls">{sourceSelect}</div>
      {map ? (
        <HeadsSection
          map={map}
          labels={labels}
          describeField={withValue}
          colour={colour}
          selected={selected}
          onSelect={setSelected}
          compare={compare}
          onCompare={setCompare}
          active={active}
          onActive={setActive}
        />
      ) : (
        <p className="hint">
          This model has no self-attention over fields (its internal branch is off): see the pair attention
          below.
        </p>
      )}
      {pair && <PairSection map={pair[source]} labels={(pair[source].labels ?? []).map(readableField)} />}
    </div>
  );
}

function HeadsSection(props: {
  map: AttentionMap;
  labels: readonly string[];
  describeField: (i: number) => string;
  colour: ColourScale;
  selected: HeadRef;
  onSelect: (h: HeadRef) => void;
  compare: string;
  onCompare: (key: string) => void;
  active: ActiveCell | null;
  onActive: (c: ActiveCell | null) => void;
}) {
  const { map, labels, describeField, colour, onSelect, compare, onCompare, active, onActive } = props;
  const [L, H, M] = map.shape;
  // A head chosen for a larger model may not exist in this one.
  const inRange = props.selected.layer < L && props.selected.head < H;
  const sl = inRange ? props.selected.layer : 0;
  const sh = inRange ? props.selected.head : 0;
  const selected: HeadRef = { layer: sl, head: sh };
  const matrix = useMemo(() => headMatrix(map, sl, sh), [map, sl, sh]);
  const heads: HeadRef[] = Array.from({ length: L * H }, (_, k) => ({
    layer: Math.floor(k / H),
    head: k % H,
  }));
  const otherIndex = parseHead(compare, L, H, selected);
  const other: HeadRef | null =
    otherIndex >= 0 ? { layer: Math.floor(otherIndex / H), head: otherIndex % H } : null;
  const diff = useMemo<Matrix | null>(
    () =>
      otherIndex >= 0
        ? diffMatrix(matrix, headMatrix(map, Math.floor(otherIndex / H), otherIndex % H))
        : null,
    [otherIndex, H, matrix, map],
  );
  const diffColour = useMemo(() => divergingScale(diff ? maxAbs(diff.data) : 1), [diff]);
  // The large heatmap gets its own range (the grid's shared one would flatten a quiet head), still centred on
  // uniform and never narrower than ½×–2×, so a near-uniform head stays pale.
  const headScale = useMemo(() => uniformScale(matrix.data, M), [matrix, M]);
  const summary = useMemo(() => summarizeHead(matrix.data, M, M), [matrix, M]);
  const describe = (r: number, c: number, v: number) =>
    `${describeField(r)} → ${describeField(c)}: ${v.toFixed(3)} (${ratioText(v, M)})`;

  return (
    <>
      <div className="heads-top">
        <div className="heads-left">
          <h3>
            All heads{' '}
            <span className="hint">
              ({L} layers × {H} heads; click one)
            </span>
          </h3>
          <AttentionGrid map={map} colour={colour} selected={selected} onSelect={onSelect} />
          <ColourLegend
            scale={colour}
            label={`weight against uniform, 1/${M} (all heads)`}
            width={200}
            format={formatRatioTick}
          />
          <AttentionLines
            testId="attention-lines"
            matrix={matrix}
            labels={labels}
            color={headColour(selected.head)}
            focusRow={active?.row ?? null}
            width={260}
          />
        </div>
        <div>
          <AttentionHeatmap
            testId="attention-heatmap"
            matrix={matrix}
            rowLabels={labels}
            colLabels={labels}
            colour={headScale}
            caption={`${headName(selected)}: how much each field attends to each other field`}
            rowTitle="query field"
            colTitle="attends to (key field)"
            size={Math.min(360, Math.max(180, M * 30))}
            onActive={onActive}
            describe={describe}
          />
          <ColourLegend
            scale={headScale}
            label={`weight against uniform, 1/${M} (${headName(selected)})`}
            width={220}
            format={formatRatioTick}
          />
          <p className="head-summary narrow" data-testid="head-summary">
            {headSentence(summary, 'field', (r, c) => `${labels[r]} → ${labels[c]}`)}
          </p>
          <p className="hint narrow">
            Each row is one field’s attention over all fields and sums to 1; a colour says how far a weight is
            from uniform (white), above it in orange, below in purple. Hover a cell, or focus the heatmap and
            use the arrow keys, for its value; the line view keeps the row’s lines.
          </p>
        </div>
      </div>
      <div className="diff-section">
        <label className="inline-field">
          <span>Compare {headName(selected)} with</span>
          <select
            value={other ? compare : ''}
            data-testid="diff-head"
            onChange={(e) => onCompare(e.target.value)}
          >
            <option value="">— choose a head —</option>
            {heads
              .filter((h) => h.layer !== selected.layer || h.head !== selected.head)
              .map((h) => (
                <option key={`${h.layer}-${h.head}`} value={`${h.layer}-${h.head}`}>
                  {headName(h)}
                </option>
              ))}
          </select>
        </label>
        {diff && other ? (
          <div className="diff-body">
            <AttentionHeatmap
              testId="diff-heatmap"
              matrix={diff}
              rowLabels={labels}
              colLabels={labels}
              colour={diffColour}
              caption={`${headName(selected)} − ${headName(other)}`}
              rowTitle="query field"
              colTitle="key field"
              size={Math.min(300, Math.max(160, M * 24))}
              format={(v) => (v >= 0 ? '+' : '') + v.toFixed(3)}
            />
            <div>
              <ColourLegend
                scale={diffColour}
                label="difference of weights"
                width={220}
                format={(v) => (v > 0 ? '+' : '') + v.toFixed(2)}
              />
              <ul className="diff-key">
                <li>
                  <span className="swatch" style={{ background: diffColour(diffColour.domain[1]) }} />
                  {headName(selected)} attends more
                </li>
                <li>
                  <span className="swatch" style={{ background: diffColour(diffColour.domain[0]) }} />
                  {headName(other)} attends more
                </li>
              </ul>
            </div>
          </div>
        ) : (
          <p className="hint">Pick a second head to see where the two attend differently.</p>
        )}
      </div>
    </>
  );
}

/** The pair attention against uniform 1/P, in a sentence. */
function pairSentence(s: HeadSummary, top: TopPair | undefined, P: number): string {
  const uniform = `uniform (1/${P} = ${(1 / P).toFixed(4)})`;
  const margin = `${Math.round((NEAR_UNIFORM - 1) * 100)} %`;
  if (s.nearUniform) return `No pair stands out: every pair weight is within ${margin} of ${uniform}.`;
  const name = top ? `${top.a} × ${top.b}` : '';
  const ratio = (top?.weight ?? 0) * P;
  if (s.maxRatio <= NEAR_UNIFORM) {
    return (
      `No pair stands out: the heaviest, ${name}, is only ${ratio.toFixed(2)}× ${uniform}; ` +
      `the attention mostly pushes some pairs below it.`
    );
  }
  return `The heaviest pair, ${name}, is ${ratio.toFixed(1)}× ${uniform}; the pairs spread over about ${s.effective.toFixed(1)} of ${P}.`;
}

function PairSection({ map, labels }: { map: AttentionMap; labels: readonly string[] }) {
  const M = map.shape[0];
  const matrix = useMemo<Matrix>(() => ({ data: map.data, rows: M, cols: M }), [map, M]);
  // Pair weights sum to 1 over the P = M(M−1)/2 pairs: uniform is 1/P, and the colours say how far from it.
  const pairs = useMemo(() => triangleCells(matrix).map((c) => c.value), [matrix]);
  const P = pairs.length;
  const colour = useMemo(() => uniformScale(pairs, P), [pairs, P]);
  const summary = useMemo(() => summarizeHead(pairs, 1, P), [pairs, P]);
  const top = useMemo(() => topPairs(matrix, labels, 10), [matrix, labels]);
  return (
    <div className="pair-section">
      <h3>
        External pair attention{' '}
        <span className="hint">(the weight of each field pair’s product; all {P} pairs sum to 1)</span>
      </h3>
      <p className="head-summary" data-testid="pair-summary">
        {pairSentence(summary, top[0], P)}
      </p>
      <div className="pair-body">
        <div>
          <AttentionHeatmap
            testId="pair-heatmap"
            matrix={matrix}
            rowLabels={labels}
            colLabels={labels}
            colour={colour}
            caption="Pair weights (upper triangle)"
            rowTitle="field i"
            colTitle="field j"
            keep={upper}
            size={Math.min(300, Math.max(160, M * 26))}
            describe={(i, j, v) => `${labels[i]} × ${labels[j]}: ${v.toFixed(4)} (${ratioText(v, P)})`}
            format={(v) => v.toFixed(4)}
          />
          <ColourLegend
            scale={colour}
            label={`pair weight against uniform, 1/${P}`}
            width={200}
            format={formatRatioTick}
          />
        </div>
        <div>
          <h4>Top {top.length} pairs</h4>
          <ol className="top-pairs" data-testid="top-pairs">
            {top.map((p) => (
              <li key={`${p.i}-${p.j}`}>
                <span className="pair-name">
                  {p.a} × {p.b}
                </span>
                <span
                  className="pair-bar"
                  style={{ width: `${(p.weight / (top[0]?.weight || 1)) * 100}px` }}
                />
                <span className="pair-value">
                  {p.weight.toFixed(4)} · {ratioText(p.weight, P)}
                </span>
              </li>
            ))}
          </ol>
        </div>
      </div>
    </div>
  );
}
