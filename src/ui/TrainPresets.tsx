import { protocolTrainDefaults, quickTrainDefaults, type QuickStartOf } from '../engine/train/config';
import { holdsSettings } from './experimentLink';
import { trainPresetValues, type TrainPreset } from './useExperiment';

/** "up to 30 epochs, stopping after 5 without a better validation score" */
function describe(settings: Readonly<Record<string, unknown>>): string {
  const { epochs, patience } = settings;
  return (
    `up to ${String(epochs)} epochs, ` +
    (patience ? `stopping after ${String(patience)} without a better validation score` : 'no early stop')
  );
}

const PRESETS: readonly { id: TrainPreset; label: string; title: (model: QuickStartOf) => string }[] = [
  {
    id: 'quick',
    label: 'Quick start',
    title: (m) => `A result in about two minutes on the demo data: ${describe(quickTrainDefaults(m))}`,
  },
  {
    id: 'protocol',
    label: 'Paper protocol',
    title: (m) =>
      `The benchmark’s settings (PROTOCOLS.md ${m.family === 'topk' ? 'P2' : 'P1'}): ` +
      describe(protocolTrainDefaults(m.family, m)),
  },
];

/**
 * Two one-click presets for the training settings, the one in use pressed: the page's quick start (a result
 * in a minute or two) and the paper protocol (the bench's settings, to reproduce the reported figures).
 */
export function TrainPresets(props: {
  readonly model: QuickStartOf;
  readonly values: Readonly<Record<string, unknown>>;
  readonly disabled: boolean;
  readonly onPick: (preset: TrainPreset) => void;
}) {
  const { model, values, disabled, onPick } = props;
  return (
    <div className="presets" role="group" aria-label="Training presets" data-testid="train-presets">
      {PRESETS.map((p) => (
        <button
          key={p.id}
          type="button"
          className="preset"
          aria-pressed={holdsSettings(values, trainPresetValues(p.id, model))}
          title={p.title(model)}
          disabled={disabled}
          onClick={() => onPick(p.id)}
        >
          {p.label}
        </button>
      ))}
    </div>
  );
}
