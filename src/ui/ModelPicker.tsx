import { MODEL_GROUPS } from './modelList';

/** The model select: both families, each in its own group. */
export function ModelPicker(props: {
  readonly value: string;
  readonly disabled?: boolean;
  readonly onChange: (id: string) => void;
}) {
  return (
    <label className="field">
      <span>Model</span>
      <select
        value={props.value}
        disabled={props.disabled}
        data-testid="model-picker"
        onChange={(e) => props.onChange(e.target.value)}
      >
        {MODEL_GROUPS.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id} — {m.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
