import type { LabelRule } from '../../data/import/types';
import { labelRuleOfKind } from './importChecks';

/** Which rows are positives: a rating threshold, a 0/1 column, or every row (with sampled negatives). */
export function LabelRuleEditor(props: {
  rule: LabelRule;
  onChange: (r: LabelRule) => void;
  disabled: boolean;
}) {
  const { rule, onChange, disabled } = props;
  return (
    <fieldset className="inline-form" disabled={disabled}>
      <legend>Label</legend>
      <select
        aria-label="Label rule"
        value={rule.kind}
        onChange={(e) => onChange(labelRuleOfKind(e.target.value as LabelRule['kind']))}
      >
        <option value="threshold">rating ≥ threshold is positive</option>
        <option value="column">a 0/1 label column</option>
        <option value="implicit">implicit: every row positive, sample negatives</option>
      </select>
      {rule.kind === 'threshold' && (
        <label>
          threshold{' '}
          <input
            type="number"
            step="any"
            value={rule.threshold}
            onChange={(e) =>
              Number.isFinite(e.target.valueAsNumber) &&
              onChange({ ...rule, threshold: e.target.valueAsNumber })
            }
          />
        </label>
      )}
      {rule.kind === 'implicit' && (
        <>
          <label>
            negatives per positive{' '}
            <input
              type="number"
              min={1}
              max={50}
              value={rule.ratio}
              onChange={(e) =>
                Number.isInteger(e.target.valueAsNumber) &&
                e.target.valueAsNumber >= 1 &&
                e.target.valueAsNumber <= 50 &&
                onChange({ ...rule, ratio: e.target.valueAsNumber })
              }
            />
          </label>
          <label>
            seed{' '}
            <input
              type="number"
              value={rule.seed}
              onChange={(e) =>
                Number.isInteger(e.target.valueAsNumber) &&
                onChange({ ...rule, seed: e.target.valueAsNumber })
              }
            />
          </label>
        </>
      )}
    </fieldset>
  );
}
