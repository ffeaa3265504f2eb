/**
 * The Export panel's handlers: files built from the loaded data and the given run's model (never while it
 * trains), handed back as bytes; and a model file imported as the model of a run, scored on the test split.
 */
import { errorMessage } from '../backends';
import * as exporter from '../export/exporter';
import { importModelZip } from '../export/modelIo';
import type { ExportOutcome } from '../exportProtocol';
import type { WorkerApi } from '../protocol';
import { evaluateCtr } from '../train/ctr';
import type { Prepared, Trained, WorkerState } from './state';

type ExportHandlers = Pick<
  WorkerApi,
  'exportModel' | 'exportEmbeddings' | 'exportPredictions' | 'exportDataset' | 'importModel'
>;

type CtrTrained = Trained & { readonly family: 'ctr' };

export function exportHandlers(state: WorkerState): ExportHandlers {
  /** The data and the given run's model for an export, or why there is none. */
  function target(runId: number): { data: Prepared; trained: Trained } | string {
    if (!state.data) return 'Load a dataset first.';
    const trained = state.trained;
    if (!trained || trained.runId !== runId) return 'No trained model of this run (train one first).';
    if (state.run?.id === runId) return 'The model is still training: wait for the run to end (or stop it).';
    return { data: state.data, trained };
  }

  async function run(
    runId: number,
    build: (data: Prepared, trained: Trained) => Promise<ExportOutcome>,
  ): Promise<ExportOutcome> {
    const t = target(runId);
    if (typeof t === 'string') return { type: 'unavailable', reason: t };
    try {
      return await build(t.data, t.trained);
    } catch (err) {
      return { type: 'error', message: errorMessage(err) };
    }
  }

  /** Model files and per-user predictions are for the click-through models. */
  const ctrOnly =
    (build: (data: Prepared, trained: CtrTrained) => Promise<ExportOutcome>) =>
    async (data: Prepared, trained: Trained): Promise<ExportOutcome> =>
      trained.family === 'ctr'
        ? build(data, trained)
        : {
            type: 'unavailable',
            reason: `${trained.modelId} is a ranking model: this export is for the click-through models.`,
          };

  return {
    exportModel: (runId) => run(runId, ctrOnly(exporter.exportModel)),
    exportEmbeddings: (runId) => run(runId, (data, trained) => exporter.exportEmbeddings(data, trained)),
    exportPredictions: (request) =>
      run(
        request.runId,
        ctrOnly((data, trained) => exporter.exportPredictions(data, trained, request)),
      ),

    async exportDataset() {
      if (!state.data) return { type: 'unavailable', reason: 'Load a dataset first.' };
      try {
        return exporter.exportDataset(state.data);
      } catch (err) {
        return { type: 'error', message: errorMessage(err) };
      }
    },

    async importModel(bytes, runId) {
      if (state.run) return { type: 'error', message: 'A model is training: stop it before importing one.' };
      if (!state.data) return { type: 'error', message: 'Load the dataset the model was trained on first.' };
      const t0 = performance.now();
      try {
        const imported = await importModelZip(bytes, state.data.encoding, state.registry);
        state.trained?.model.dispose();
        const { modelId } = imported.meta;
        const trained: CtrTrained = {
          family: 'ctr',
          runId,
          modelId,
          config: imported.config,
          model: imported.model,
          test: null,
        };
        state.trained = trained;
        trained.test = await evaluateCtr(trained.model, state.data.encoding, state.data.split.test);
        return {
          type: 'ok',
          runId,
          modelId,
          config: imported.config,
          test: trained.test,
          savedTest: imported.meta.test ?? null,
          trainedOn: imported.meta.dataset.name,
          seconds: (performance.now() - t0) / 1000,
        };
      } catch (err) {
        return { type: 'error', message: errorMessage(err) };
      }
    },
  };
}
