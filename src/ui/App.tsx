import { useState } from 'react';
import { LinkNotes } from './LinkNotes';
import { ResultsPanel } from './ResultsPanel';
import { RunBar } from './RunBar';
import { SavedRuns } from './SavedRuns';
import { SettingsPanel } from './SettingsPanel';
import { SweepPanel } from './sweep/SweepPanel';
import { ShareButton } from './ShareButton';
import { useDataset } from './useDataset';
import { useExperiment } from './useExperiment';
import { useRunControls } from './useRunControls';
import { useRunStore } from './useRunStore';
import { useWorker } from './useWorker';

/**
 * The page: the training worker (replaced after a crash), the dataset it holds, the experiment the share
 * link holds, and the runs; the run bar on top, the settings on the left, the results on the right, the saved runs below.
 */
export function App() {
  const store = useRunStore();
  // The worker starts first: the hooks below set it up (its dataset, its backend) in their effects.
  const worker = useWorker();
  const data = useDataset(worker, store.loadSource);
  const experiment = useExperiment(data);
  const runs = useRunControls(worker, store, data, experiment);
  // While a sweep trains in the worker, Train waits (the worker holds one run at a time).
  const [sweeping, setSweeping] = useState(false);

  return (
    <div className="app">
      <header className="app-header">
        <h1>
          recplay <span>multimodal recommender playground</span>
        </h1>
        <p className="privacy">Everything runs in this tab: your data never leaves your browser.</p>
        <ShareButton />
      </header>
      <LinkNotes experiment={experiment} />
      <RunBar experiment={experiment} runs={runs} hasDataset={data.dataset !== null && !sweeping} />
      <main className="layout">
        <SettingsPanel worker={worker} data={data} experiment={experiment} runs={runs} />
        <ResultsPanel worker={worker} store={store} data={data} experiment={experiment} runs={runs} />
      </main>
      <div className="sweep-row">
        <SweepPanel
          worker={worker}
          experiment={experiment}
          data={data}
          runBusy={runs.training}
          onActiveChange={setSweeping}
        />
      </div>
      <SavedRuns store={store} busy={runs.training} />
    </div>
  );
}
