import { protocolTrainDefaults, QUICK_TRAIN } from '../engine/train/config';
import { trainPresetValues, type TrainPreset } from './useExperiment';

const PRESETS: readonly { id: TrainPreset; label: string; title: (family: 'ctr' | 'topk') => string }[] = [
  {
    id: 'quick',
    label: 'Quick start',
    title: (f) =>
      `A result in about two minutes on the demo data: at most ${QUICK_TRAIN[f].epochs} epochs, ` +
      `stopping after ${QUICK_TRAIN[f].patience} without a better validation score`,
  },
  {
    id: 'protocol',
    label: 'Paper protocol',
    title: (f) => {
      const { epochs, patience } = protocolTrainDefaults(f);
      return (
        `The benchmark’s settings (PROTOCOLS.md ${f === 'topk' ? 'P2' : 'P1'}): up to ${String(epochs)} epochs, ` +
        (patience ? `stopping after ${String(patience)} without a better validation score` : 'no early stop')
      );
    },
  },
];

/** True when every setting of the preset has its value in `values`. */
function matches(preset: TrainPreset, family: 'ctr' | 'topk', values: Readonly<Record<string, unknown>>) {
  const target = trainPresetValues(preset, family);
  return Object.entries(target).every(([k, v]) => JSON.stringify(values[k] ?? v) === JSON.stringify(v));
}

/**
 * Two one-click presets for the training settings, the one in use pressed: the page's quick start (a result
 * in a minute or two) and the paper protocol (the bench's settings, to reproduce the reported figures).
 */
export function TrainPresets(props: {
  readonly family: 'ctr' | 'topk';
  readonly values: Readonly<Record<string, unknown>>;
  readonly disabled: boolean;
  readonly onPick: (preset: TrainPreset) => void;
}) {
  const { family, values, disabled, onPick } = props;
  return (
    <div className="presets" role="group" aria-label="Training presets" data-testid="train-presets">
      {PRESETS.map((p) => (
        <button
          key={p.id}
          type="button"
          className="preset"
          aria-pressed={matches(p.id, family, values)}
          title={p.title(family)}
          disabled={disabled}
          onClick={() => onPick(p.id)}
        >
          {p.label}
        </button>
      ))}
    </div>
  );
}
