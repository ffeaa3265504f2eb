import { useId, useState } from 'react';
import type { Param, ParamSchema } from '../models/config';

interface Props {
  readonly schema: ParamSchema;
  readonly values: Readonly<Record<string, unknown>>;
  readonly onChange: (key: string, value: unknown) => void;
  readonly disabled?: boolean;
}

/** A form built from a model's (or the trainer's) parameter schema: one labelled control per setting. */
export function ConfigForm({ schema, values, onChange, disabled }: Props) {
  return (
    <div className="config-form">
      {Object.entries(schema).map(([key, param]) => (
        <ParamField
          key={key}
          name={key}
          param={param}
          value={values[key] ?? param.default}
          onChange={(v) => onChange(key, v)}
          disabled={disabled}
        />
      ))}
    </div>
  );
}

function ParamField(props: {
  name: string;
  param: Param;
  value: unknown;
  onChange: (v: unknown) => void;
  disabled?: boolean;
}) {
  const { name, param, value, onChange, disabled } = props;
  const id = useId();
  const control = (() => {
    switch (param.kind) {
      case 'boolean':
        return (
          <input
            id={id}
            name={name}
            type="checkbox"
            checked={Boolean(value)}
            disabled={disabled}
            onChange={(e) => onChange(e.target.checked)}
          />
        );
      case 'choice':
        return (
          <select
            id={id}
            name={name}
            value={String(value)}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value)}
          >
            {param.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        );
      case 'number':
        return (
          <NumberInput
            id={id}
            name={name}
            value={Number(value)}
            min={param.min}
            max={param.max}
            integer={param.integer ?? false}
            disabled={disabled}
            onChange={onChange}
          />
        );
      case 'layers':
        return (
          <input
            id={id}
            name={name}
            type="text"
            inputMode="numeric"
            defaultValue={Array.isArray(value) ? value.join(', ') : String(value)}
            disabled={disabled}
            onBlur={(e) => onChange(e.target.value)}
            title={`Comma-separated widths, each ${param.min}–${param.max}, at most ${param.maxLength}`}
          />
        );
    }
  })();
  return (
    <div className={`param param-${param.kind}`}>
      <label htmlFor={id} title={param.doc}>
        {param.label}
      </label>
      {control}
    </div>
  );
}

/** Keeps the text the user is typing; commits a number only when it is valid and in range. */
function NumberInput(props: {
  id: string;
  name: string;
  value: number;
  min: number;
  max: number;
  integer: boolean;
  disabled?: boolean;
  onChange: (v: number) => void;
}) {
  const { value, min, max, integer, onChange } = props;
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  // Says what happened to a value typed out of range (clamped) or unreadable (kept the last one).
  const [note, setNote] = useState<string | null>(null);
  if (shown !== value) {
    setShown(value);
    setText(String(value));
  }
  const parsed = Number(text);
  const valid =
    text.trim() !== '' &&
    Number.isFinite(parsed) &&
    parsed >= min &&
    parsed <= max &&
    (!integer || Number.isInteger(parsed));
  const commitOnBlur = () => {
    if (valid) return;
    const typed = text.trim();
    if (typed === '' || !Number.isFinite(parsed)) {
      setNote(`"${typed.slice(0, 20)}" is not a number; kept ${value}.`);
      setText(String(value));
      return;
    }
    const v = Math.min(max, Math.max(min, integer ? Math.round(parsed) : parsed));
    setNote(
      parsed > max
        ? `${typed} is above the maximum ${max}; set to ${v}.`
        : parsed < min
          ? `${typed} is below the minimum ${min}; set to ${v}.`
          : `${typed} is not a whole number; set to ${v}.`,
    );
    setText(String(v));
    setShown(v);
    onChange(v);
  };
  const input = (
    <input
      id={props.id}
      name={props.name}
      type="text"
      inputMode="decimal"
      value={text}
      disabled={props.disabled}
      aria-invalid={!valid}
      aria-describedby={note ? `${props.id}-note` : undefined}
      title={`${min} – ${max}${integer ? ', whole number' : ''}`}
      onBlur={commitOnBlur}
      onChange={(e) => {
        setNote(null);
        setText(e.target.value);
        const v = Number(e.target.value);
        if (
          e.target.value.trim() !== '' &&
          Number.isFinite(v) &&
          v >= min &&
          v <= max &&
          (!integer || Number.isInteger(v))
        ) {
          onChange(v);
        }
      }}
    />
  );
  if (!note) return input;
  return (
    <>
      {input}
      <span id={`${props.id}-note`} className="clamp-note" role="status" data-testid={`clamp-${props.name}`}>
        {note}
      </span>
    </>
  );
}
