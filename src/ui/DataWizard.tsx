import { useState } from 'react';
import { DEMO_DEFAULTS, DEMO_TOPICS, canonicalTopics, type DemoOptions } from '../data/demo';
import { DEMO_PRESETS, matchingPreset, presetOptions, type DemoPreset } from '../data/demo/presets';
import './dataWizard.css';

type Strength =
  'ageTopic' | 'visual' | 'text' | 'acoustic' | 'recency' | 'popularity' | 'labelNoise' | 'coldItems';

/** The signal knobs, as the wizard shows them (ranges: the share link's, src/state/experiment.ts). */
const KNOBS: readonly { key: Strength; label: string; help: string; max: number; step: number }[] = [
  {
    key: 'ageTopic',
    label: 'Age × topic',
    help: 'How strongly each age group likes (and is shown) its own topics.',
    max: 3,
    step: 0.1,
  },
  {
    key: 'visual',
    label: 'Visual informativeness',
    help: 'How much a clip’s look moves the like and shows in its visual vector, on the topics ticked below.',
    max: 3,
    step: 0.1,
  },
  {
    key: 'text',
    label: 'Text signal',
    help: 'How clearly the caption vectors tell topic and author.',
    max: 3,
    step: 0.1,
  },
  {
    key: 'acoustic',
    label: 'Acoustic signal',
    help: 'How clearly the sound vectors tell the topic.',
    max: 3,
    step: 0.1,
  },
  {
    key: 'recency',
    label: 'Sequence effect',
    help: 'How much a recent like of a topic raises the next like of it, and its share of the feed.',
    max: 3,
    step: 0.1,
  },
  {
    key: 'popularity',
    label: 'Popularity bias',
    help: 'How heavily the feed favours popular clips (which are also liked a little more).',
    max: 2,
    step: 0.1,
  },
  {
    key: 'labelNoise',
    label: 'Label noise',
    help: 'Share of labels flipped at random; at 0.5 the labels are coin flips.',
    max: 0.5,
    step: 0.05,
  },
  {
    key: 'coldItems',
    label: 'Cold items',
    help: 'Share of clips uploaded in the last days, most of them with no training interaction.',
    max: 0.5,
    step: 0.05,
  },
];

const SIZES: readonly {
  key: 'users' | 'items' | 'interactionsPerUser' | 'seed';
  label: string;
  min: number;
  max: number;
}[] = [
  { key: 'users', label: 'Users', min: 50, max: 20000 },
  { key: 'items', label: 'Items', min: 50, max: 50000 },
  { key: 'interactionsPerUser', label: 'Interactions per user', min: 5, max: 200 },
  { key: 'seed', label: 'Data seed', min: 0, max: 2 ** 31 - 1 },
];

/** The bars a thumbnail draws: each signal's strength over its range (the last, noise, in grey). */
const BARS: readonly { key: Strength; max: number; short: string }[] = [
  { key: 'ageTopic', max: 3, short: 'age' },
  { key: 'visual', max: 3, short: 'vis' },
  { key: 'text', max: 3, short: 'txt' },
  { key: 'acoustic', max: 3, short: 'snd' },
  { key: 'recency', max: 3, short: 'seq' },
  { key: 'popularity', max: 2, short: 'pop' },
  { key: 'labelNoise', max: 0.5, short: 'nse' },
];

/** A small bar chart of what a setting plants, the demo's own strength dashed (decoration: the card names it). */
export function PlantedThumb({ options }: { options: DemoOptions }) {
  const w = 12;
  const h = 30;
  return (
    <svg
      className="wizard-thumb"
      preserveAspectRatio="xMinYMid meet"
      viewBox={`0 0 ${BARS.length * w} ${h + 9}`}
      aria-hidden="true"
      focusable="false"
    >
      {BARS.map((b, i) => {
        const v = Math.min(1, options[b.key] / b.max);
        const base = h - (h * DEMO_DEFAULTS[b.key]) / b.max;
        return (
          <g key={b.key}>
            <rect
              x={i * w + 2}
              y={h - v * h}
              width={w - 4}
              height={Math.max(0.5, v * h)}
              className={`bar ${b.key}`}
            />
            {b.key !== 'labelNoise' && (
              <line x1={i * w + 1} x2={i * w + w - 1} y1={base} y2={base} className="baseline" />
            )}
            <text x={i * w + w / 2} y={h + 8} textAnchor="middle">
              {b.short}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface DataWizardProps {
  /** The element id (the toggle's aria-controls) and whether it shows. */
  readonly id: string;
  readonly open: boolean;
  /** The generator's options of the loaded demo (null: the data are not the demo's). */
  readonly current: Partial<DemoOptions> | null;
  /** How long the loaded data took to build, in seconds. */
  readonly seconds: number | null;
  readonly disabled: boolean;
  /** Generate these data; with the preset picked, when one was. */
  readonly onGenerate: (options: DemoOptions, preset?: DemoPreset) => void;
}

/**
 * The data wizard (issue 23): the demo generator's knobs, presets that each plant one thing clearly (and pick
 * the model that shows it), and Generate. The data are made in the worker; the settings go into the link.
 */
export function DataWizard({ id, open, current, seconds, disabled, onGenerate }: DataWizardProps) {
  const [loaded, setLoaded] = useState(current);
  const [opts, setOpts] = useState<DemoOptions>({ ...DEMO_DEFAULTS, ...current });
  // Other data loaded (a link, a preset, Generate): the knobs show them. React's adjust-while-rendering pattern.
  if (JSON.stringify(loaded) !== JSON.stringify(current)) {
    setLoaded(current);
    if (current) setOpts({ ...DEMO_DEFAULTS, ...current });
  }
  const set = <K extends keyof DemoOptions>(k: K, v: DemoOptions[K]) => setOpts((o) => ({ ...o, [k]: v }));
  const preset = matchingPreset(opts);
  const same = current !== null && JSON.stringify({ ...DEMO_DEFAULTS, ...current }) === JSON.stringify(opts);
  const toggleTopic = (t: string, on: boolean) =>
    set(
      'visualTopics',
      canonicalTopics(on ? [...opts.visualTopics, t] : opts.visualTopics.filter((x) => x !== t)),
    );

  return (
    <div
      id={id}
      className="data-wizard"
      data-testid="data-wizard"
      hidden={!open}
      role="region"
      aria-label="Data wizard"
    >
      <h3>Data wizard: what the demo plants</h3>
      <p className="hint">
        Pick what the generator plants in the likes, generate, train, and read the model against the truth in
        the Planted vs learned tab. A preset also picks the model that shows its signal.
      </p>
      <div className="wizard-presets" role="group" aria-label="Data presets">
        {DEMO_PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            className="wizard-preset"
            aria-pressed={preset?.id === p.id}
            disabled={disabled}
            data-testid={`wizard-preset-${p.id}`}
            onClick={() => {
              const o = presetOptions(p, opts);
              setOpts(o);
              onGenerate(o, p);
            }}
          >
            <PlantedThumb options={presetOptions(p)} />
            <span className="wizard-preset-name">{p.name}</span>
            <span className="wizard-preset-blurb">
              {p.blurb} Model: {p.model}.
            </span>
          </button>
        ))}
      </div>
      <div className="wizard-sizes">
        {SIZES.map((s) => (
          <label key={s.key} className="field">
            <span>{s.label}</span>
            <input
              type="number"
              min={s.min}
              max={s.max}
              step={1}
              value={opts[s.key]}
              disabled={disabled}
              data-testid={`wizard-${s.key}`}
              onChange={(e) => {
                const v = Math.round(Number(e.target.value));
                if (Number.isFinite(v)) set(s.key, Math.min(s.max, Math.max(s.min, v)));
              }}
            />
          </label>
        ))}
      </div>
      {KNOBS.map((k) => {
        const input = `${id}-${k.key}`;
        return (
          <div key={k.key} className="knob">
            <label htmlFor={input}>{k.label}</label>
            <output htmlFor={input} className="num">
              {k.key === 'labelNoise' || k.key === 'coldItems'
                ? opts[k.key].toFixed(2)
                : `${opts[k.key].toFixed(1)}×`}
            </output>
            <input
              id={input}
              type="range"
              min={0}
              max={k.max}
              step={k.step}
              value={opts[k.key]}
              disabled={disabled}
              aria-describedby={`${input}-help`}
              data-testid={`wizard-${k.key}`}
              onChange={(e) => set(k.key, Number(e.target.value))}
            />
            <p id={`${input}-help`} className="hint">
              {k.help}
            </p>
          </div>
        );
      })}
      <fieldset className="wizard-topics" disabled={disabled}>
        <legend>Visually informative topics</legend>
        {DEMO_TOPICS.map((t) => (
          <label key={t}>
            <input
              type="checkbox"
              checked={opts.visualTopics.includes(t)}
              onChange={(e) => toggleTopic(t, e.target.checked)}
            />{' '}
            {t}
          </label>
        ))}
      </fieldset>
      <div className="wizard-actions">
        <button
          type="button"
          disabled={disabled}
          data-testid="wizard-generate"
          onClick={() => onGenerate(opts)}
        >
          Generate
        </button>
        <button type="button" disabled={disabled} onClick={() => setOpts({ ...DEMO_DEFAULTS })}>
          Reset knobs
        </button>
        <span className="hint" data-testid="demo-seconds">
          {same
            ? `These are the loaded data${seconds === null ? '' : `, generated in ${seconds.toFixed(2)} s in the worker`}.`
            : 'Not generated yet.'}
        </span>
      </div>
    </div>
  );
}
