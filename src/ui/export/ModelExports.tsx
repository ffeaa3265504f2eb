import { useState } from 'react';
import type { ExportApi } from './exportApi';
import { saveOutcome, type ModelTarget } from './exportFiles';
import { ExportGroup } from './ExportGroup';
import type { Act } from './useExportJob';

interface Props {
  readonly api: ExportApi;
  readonly target: ModelTarget | null;
  /** No exports now (a job runs, no dataset, or no model). */
  readonly disabled: boolean;
  readonly busy: string | null;
  readonly act: Act;
}

/** Exports of the model the worker holds: the model itself, its item embeddings, top-K predictions. */
export function ModelExports({ api, target, disabled, busy, act }: Props) {
  const ranking = target?.ranking === true;
  const [k, setK] = useState('10');
  const [users, setUsers] = useState('100');

  return (
    <ExportGroup title={target ? `Model of ${target.label}` : 'Model (train or import one first)'}>
      <button
        type="button"
        disabled={disabled || ranking}
        data-testid="export-model"
        title={
          ranking
            ? 'Model files are for the click-through models'
            : 'model.json (tfjs weights manifest + recplay section) and weights.bin, zipped'
        }
        onClick={() => target && act('model', async () => saveOutcome(await api.exportModel(target.runId)))}
      >
        Model (tfjs, .zip)
      </button>
      <button
        type="button"
        disabled={disabled}
        data-testid="export-vectors"
        title="Item embeddings, one row per item, for projector.tensorflow.org"
        onClick={() =>
          target &&
          act('vectors', async () =>
            saveOutcome(await api.exportEmbeddings(target.runId), (n) => n.endsWith('vectors.tsv')),
          )
        }
      >
        vectors.tsv
      </button>
      <button
        type="button"
        disabled={disabled}
        data-testid="export-metadata"
        title="Item key, title and fields, in the order of vectors.tsv"
        onClick={() =>
          target &&
          act('metadata', async () =>
            saveOutcome(await api.exportEmbeddings(target.runId), (n) => n.endsWith('metadata.tsv')),
          )
        }
      >
        metadata.tsv
      </button>
      <div className="export-topk">
        <label>
          K{' '}
          <input
            type="text"
            inputMode="numeric"
            value={k}
            aria-label="Top K"
            onChange={(e) => setK(e.target.value)}
          />
        </label>
        <label>
          users{' '}
          <input
            type="text"
            inputMode="numeric"
            value={users}
            aria-label="Test users"
            onChange={(e) => setUsers(e.target.value)}
          />
        </label>
        <button
          type="button"
          disabled={disabled || ranking}
          data-testid="export-topk"
          title={
            ranking
              ? 'Per-row predictions are for the click-through models'
              : 'Every item scored for each test user (training items left out), the K best kept'
          }
          onClick={() =>
            target &&
            act('topk', async () =>
              saveOutcome(
                await api.exportPredictions({ runId: target.runId, k: Number(k), users: Number(users) }),
              ),
            )
          }
        >
          {busy === 'topk' ? 'Scoring…' : 'Top-K (.csv)'}
        </button>
      </div>
    </ExportGroup>
  );
}
