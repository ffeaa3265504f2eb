import { Suspense, useState } from 'react';
import type { RunState } from '../runState';
import { modelsWith, needsExample, viewsFor, type ViewId } from './capabilities';
import { ExamplePicker } from './ExamplePicker';
import type { ExplainApi, SequenceApi } from './explainApi';
import { useAttention, type ExampleChoice, type AttentionApi } from './useAttention';
import { ViewTabs } from './ViewTabs';
import {
  AttentionView,
  BehaviourView,
  EmbeddingView,
  GraphView,
  PlantedView,
  RecommendationsView,
  RunComparison,
  SequenceView,
} from './lazyViews';
import './views.css';
import './explain.css';

export interface ViewsPanelProps {
  /** The worker's explain endpoints. */
  /** `explainSequence` is needed only by the sequence view (sasrec). */
  readonly api: AttentionApi & ExplainApi & Partial<SequenceApi>;
  readonly run: RunState;
  /** Changes whenever another dataset is loaded: the example choice and the model no longer apply. */
  readonly dataset: unknown;
  /** The data come from the demo generator, which knows what it planted (the planted-vs-learned tab). */
  readonly demo?: boolean;
  /**
   * The chosen tab and example as the share link holds them (controlled when given): a changed value from
   * outside (a link opened, back / forward) is shown, and the user's choices are reported back.
   */
  readonly view?: ViewId | null;
  readonly onViewChange?: (view: ViewId) => void;
  readonly selection?: ExampleChoice;
  readonly onSelectionChange?: (selection: ExampleChoice) => void;
}

const NO_CHOICE: ExampleChoice = { user: null, item: null };
const FINISHED = new Set<RunState['status']>(['done', 'stopped', 'error']);

/**
 * The "Explain" area below the training curves: one tab per view the trained model supports (attention
 * heads, behaviour attention; the modality graph slot for tmfun) plus the run comparison, and the example
 * picker the example views share. Views refresh after every epoch, at the end of the run, on a new example
 * and on request.
 */
export function ViewsPanel(props: ViewsPanelProps) {
  const { api, run, dataset, selection = NO_CHOICE, onViewChange, onSelectionChange } = props;
  const tabs = viewsFor(run.modelId, props.demo);
  const [localTab, setLocalTab] = useState<ViewId | null>(null);
  const tab = props.view !== undefined ? props.view : localTab;
  const setTab = (t: ViewId) => {
    setLocalTab(t);
    onViewChange?.(t);
  };
  const current = tab && tabs.includes(tab) ? tab : tabs[0];
  // The example belongs to a dataset: a new dataset resets it (to the selection the page holds for it) and
  // counts up (to re-ask the worker); a new selection from outside replaces it. Adjusted while rendering,
  // React's pattern for state derived from a prop.
  const [choice, setChoice] = useState({ dataset, generation: 0, example: selection, selection });
  if (choice.dataset !== dataset) {
    setChoice({ dataset, generation: choice.generation + 1, example: selection, selection });
  } else if (choice.selection.user !== selection.user || choice.selection.item !== selection.item) {
    setChoice({ ...choice, example: selection, selection });
  }
  const example = choice.example;
  const [refresh, setRefresh] = useState(0);
  const finished = FINISHED.has(run.status);
  // Epochs the run has reported so far, of either family (a top-k run's are in `run.topk`).
  const epochsDone = run.epochs.length + (run.topk?.epochs.length ?? 0);
  const exampleView = current === 'heads' || current === 'behaviour';
  const enabled = exampleView && needsExample(run.modelId) && (epochsDone > 0 || finished || refresh > 0);
  const version = `${choice.generation}:${epochsDone}:${finished ? 'end' : 'live'}:${refresh}`;
  const attention = useAttention(api, run.runId, example, version, enabled);
  // The other views read the run's model once it has trained an epoch (or on request).
  const ready = run.modelId !== '' && (epochsDone > 0 || finished || refresh > 0);
  const exampleUser = example.user ?? attention.data?.example.user ?? null;
  const pick = (e: ExampleChoice) => {
    setChoice((c) => ({ ...c, example: e, selection: onSelectionChange ? e : c.selection }));
    onSelectionChange?.(e);
  };
  const waiting = (
    <p className="hint" data-testid="views-waiting">
      This view shows after the first epoch.
    </p>
  );

  return (
    <section className="views" aria-labelledby="views-h" data-testid="views-panel">
      <div className="views-head">
        <h2 id="views-h">Explain</h2>
        <ViewTabs tabs={tabs} current={current} onSelect={setTab} />
      </div>
      {tabs.length === 1 ? (
        <p className="hint">
          Train {modelsWith('heads').join(' or ')} to see its attention heads,{' '}
          {modelsWith('behaviour').join(' or ')} for behaviour attention, {modelsWith('graph').join(' or ')}{' '}
          for its modality graphs.
        </p>
      ) : null}
      <div role="tabpanel" id={`panel-${current}`} aria-labelledby={`tab-${current}`} className="view-body">
        {exampleView && (
          <>
            <div className="picker-row">
              <ExamplePicker api={api} example={attention.data?.example ?? null} onPick={pick} />
              <div className="refresh">
                <button
                  type="button"
                  onClick={() => setRefresh((n) => n + 1)}
                  disabled={attention.pending}
                  title="Explain the model's current weights now (also done after every epoch)"
                >
                  {attention.pending ? 'Explaining…' : 'Explain now'}
                </button>
                {attention.data && (
                  <span className="hint" data-testid="attention-meta">
                    {' '}
                    {finished ? 'final weights' : `after epoch ${run.epochs.length}`} ·{' '}
                    {(attention.data.seconds * 1000).toFixed(0)} ms
                  </span>
                )}
              </div>
            </div>
            {attention.message && (
              <p className="hint" role="status">
                {attention.message}
              </p>
            )}
            {!attention.data && !attention.message && (
              <p className="hint" data-testid="views-waiting">
                {attention.pending
                  ? 'Reading the attention…'
                  : 'Attention shows after the first epoch; press Explain now to look mid-epoch.'}
              </p>
            )}
          </>
        )}
        <Suspense
          fallback={
            <p className="hint" data-testid="view-loading">
              Loading the view…
            </p>
          }
        >
          {current === 'heads' && attention.data && <AttentionView explanation={attention.data} />}
          {current === 'behaviour' && attention.data && <BehaviourView explanation={attention.data} />}
          {current === 'graph' &&
            (ready ? (
              <GraphView
                explainGraph={api.explainGraph}
                runId={run.runId}
                version={version}
                selectedItem={example.item}
                onSelectItem={(item) => pick({ user: exampleUser, item })}
              />
            ) : (
              waiting
            ))}
          {current === 'embedding' &&
            (ready ? (
              <EmbeddingView
                api={api}
                runId={run.runId}
                version={version}
                selectedItem={example.item}
                selectedUser={exampleUser}
                onSelectItem={(item) => pick({ user: exampleUser, item })}
                onSelectUser={(user) => pick({ user, item: null })}
              />
            ) : (
              waiting
            ))}
          {current === 'sequence' &&
            (ready && api.explainSequence ? (
              <SequenceView
                api={{ ...api, explainSequence: api.explainSequence }}
                runId={run.runId}
                version={version}
                user={exampleUser}
                onPickUser={(user) => pick({ user, item: null })}
              />
            ) : (
              waiting
            ))}
          {current === 'recommend' &&
            (ready ? (
              <RecommendationsView
                api={api}
                runId={run.runId}
                version={version}
                user={exampleUser}
                selectedItem={example.item}
                onPickUser={(user) => pick({ user, item: null })}
                onPickItem={(item, user) => pick({ user, item })}
              />
            ) : (
              waiting
            ))}
          {current === 'planted' &&
            (ready ? <PlantedView api={api} runId={run.runId} version={version} /> : waiting)}
          {current === 'runs' && <RunComparison runs={run.runs} />}
        </Suspense>
      </div>
    </section>
  );
}
