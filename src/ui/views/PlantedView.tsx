import type { PlantedPayload, PlantedSignal } from '../../contract/explain';
import type { ExplainApi } from './explainApi';
import { ExplainStatus } from './ExplainStatus';
import { useExplain } from './useExplain';

export interface PlantedViewProps {
  readonly api: Pick<ExplainApi, 'plantedVsLearned'>;
  readonly runId: number;
  /** Changes after every epoch and at the end of the run: the model is read again. */
  readonly version: string;
}

const VERDICT: Record<PlantedSignal['verdict'], string> = {
  learned: 'learned',
  partly: 'partly',
  chance: 'at chance',
  against: 'against the truth',
  unplanted: 'nothing planted',
};

/** The chance level of a signal, as the table shows it. */
function chanceText(s: PlantedSignal): string {
  switch (s.id) {
    case 'cross':
      return 'slope 0';
    case 'popularity':
      return 'ρ 0 (a ranking blind to it)';
    case 'recency':
    case 'modalityAttention':
      return `AUC ${s.chance === 0.5 ? '0.5' : s.chance.toFixed(2)}${s.chanceFrom ? ` (${s.chanceFrom})` : ''}`;
    case 'embedding':
      return `${Math.round(s.chance * 100)} % same topic${s.chanceFrom ? ` (${s.chanceFrom})` : ' (random)'}`;
    default:
      return '1× uniform';
  }
}

/** The table: each planted signal, what of the model is compared, agreement, chance and what it means. */
export function PlantedTable({ payload }: { payload: PlantedPayload }) {
  return (
    <>
      <table className="planted-table" data-testid="planted-table">
        <thead>
          <tr>
            <th scope="col">Planted in the demo</th>
            <th scope="col">Compared with</th>
            <th scope="col">Agreement</th>
            <th scope="col">Chance</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {payload.signals.map((s) => (
            <tr key={s.id} data-testid="planted-row" data-signal={s.id} data-verdict={s.verdict}>
              <td>{s.planted}</td>
              <td>{s.learned}</td>
              <td className="num">{s.shown}</td>
              <td className="num hint">{chanceText(s)}</td>
              <td>
                <span className={`verdict ${s.verdict}`}>{VERDICT[s.verdict]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="head-summaries" data-testid="planted-sentences">
        {payload.signals.map((s) => (
          <li key={s.id}>{s.sentence}</li>
        ))}
      </ul>
      <p className="hint">
        Measured on the {payload.rows.toLocaleString('en-US')} {payload.unit ?? 'validation rows'}. Chance is
        what the same model scores with nothing to learn (trained on shuffled labels; for top-k models, one
        epoch on shuffled interactions, measured beside this run, since tmfun’s input alone shows some of the
        truth). “Learned” needs the slope and its correlation at 0.5 or more (“partly”: the correlation, with
        a slope of 0.15 or more), an AUC at least 0.08 past chance, the planted pair among the three heaviest
        at 1.25× uniform, 1.5× chance of an item’s nearest items in the embedding sharing its topic, or a rank
        correlation of 0.4 (“partly”: 0.15) between the items’ scores and their hidden popularity, whose
        chance is 0 (with the popularity switched off in the data wizard every model reads within ±0.06).
      </p>
    </>
  );
}

/**
 * Planted vs learned (models with item embeddings or attention, on the demo): the generator knows what it planted, so a trained model can be
 * read against the truth, each agreement beside its chance level.
 */
export function PlantedView({ api, runId, version }: PlantedViewProps) {
  const state = useExplain(() => api.plantedVsLearned({ runId }), `${runId}|${version}`, runId > 0);
  return (
    <div data-testid="planted-view">
      <p className="hint">
        The demo generator planted these signals in the likes; here the trained model is read against them.
        {state.pending ? ' Reading…' : ''}
      </p>
      <ExplainStatus
        message={state.message}
        waiting={!state.data}
        waitingText="Reading the model against the planted truth…"
      />
      {state.data && <PlantedTable payload={state.data} />}
    </div>
  );
}
