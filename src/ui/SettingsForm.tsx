import { useState } from 'react';
import type { ParamSchema } from '../models/config';
import { ConfigForm } from './ConfigForm';

interface Props {
  readonly schema: ParamSchema;
  readonly values: Readonly<Record<string, unknown>>;
  readonly onChange: (key: string, value: unknown) => void;
  readonly disabled?: boolean;
  /** The settings always in view; the others fold under "More settings". */
  readonly primary: readonly string[];
  /** The fold's label. */
  readonly moreLabel?: string;
}

/** Settings that differ from their defaults: a fold that hides one says how many it holds. */
export function changedKeys(schema: ParamSchema, values: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(schema).filter((k) => {
    const v = values[k];
    if (v === undefined) return false;
    return JSON.stringify(v) !== JSON.stringify(schema[k].default);
  });
}

function pick(schema: ParamSchema, keys: (k: string) => boolean): ParamSchema {
  return Object.fromEntries(Object.entries(schema).filter(([k]) => keys(k)));
}

/**
 * A config form with its few everyday settings in view and the rest folded. The fold opens by itself when
 * it holds a changed setting as the form appears (a share link's learning rate must not hide).
 */
export function SettingsForm({
  schema,
  values,
  onChange,
  disabled,
  primary,
  moreLabel = 'More settings',
}: Props) {
  const shown = pick(schema, (k) => primary.includes(k));
  const folded = pick(schema, (k) => !primary.includes(k));
  const foldedCount = Object.keys(folded).length;
  const changed = changedKeys(folded, values).length;
  // Decided once per form (the form is keyed by the experiment): the user's own toggling then rules.
  const [openAtStart] = useState(changed > 0);
  return (
    <>
      {Object.keys(shown).length > 0 && (
        <ConfigForm schema={shown} values={values} onChange={onChange} disabled={disabled} />
      )}
      {foldedCount > 0 && (
        <details className="more-settings" open={openAtStart}>
          <summary>
            {moreLabel} ({foldedCount}){changed > 0 && <span className="hint"> · {changed} changed</span>}
          </summary>
          <ConfigForm schema={folded} values={values} onChange={onChange} disabled={disabled} />
        </details>
      )}
    </>
  );
}
