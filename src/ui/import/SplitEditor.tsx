import type { SplitConfig } from '../../data/split';
import { parseSplitRatios } from './importChecks';

/** How the rows split into train, valid and test, and what happens to users with few of them. */
export function SplitEditor(props: {
  split: SplitConfig;
  onChange: (s: SplitConfig) => void;
  disabled: boolean;
}) {
  const { split, onChange, disabled } = props;
  const ratios = split.ratios ?? [8, 1, 1];
  return (
    <fieldset className="inline-form" disabled={disabled}>
      <legend>Split</legend>
      <select
        aria-label="Split method"
        value={split.method}
        onChange={(e) => onChange({ ...split, method: e.target.value as SplitConfig['method'] })}
      >
        <option value="chronological">per user, by time</option>
        <option value="leaveLastOut">per user, leave last out</option>
        <option value="random">per user, random (seeded)</option>
      </select>
      {split.method !== 'leaveLastOut' && (
        <label>
          ratio{' '}
          <input
            type="text"
            aria-label="Split ratio train:valid:test"
            defaultValue={ratios.join(':')}
            onBlur={(e) => {
              const parsed = parseSplitRatios(e.target.value);
              if (parsed) onChange({ ...split, ratios: parsed });
            }}
          />
        </label>
      )}
      <label>
        users with fewer than{' '}
        <input
          type="number"
          min={0}
          max={1000}
          value={split.minInteractions ?? 0}
          onChange={(e) =>
            Number.isInteger(e.target.valueAsNumber) &&
            onChange({ ...split, minInteractions: e.target.valueAsNumber })
          }
        />{' '}
        rows:
      </label>
      <select
        aria-label="Users with too few interactions"
        value={split.fewInteractions ?? 'trainOnly'}
        onChange={(e) => onChange({ ...split, fewInteractions: e.target.value as 'drop' | 'trainOnly' })}
      >
        <option value="trainOnly">keep in train only</option>
        <option value="drop">drop</option>
      </select>
    </fieldset>
  );
}
