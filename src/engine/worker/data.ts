/**
 * The dataset handlers: the seeded demo, uploaded files (read, then built with the user's mapping), and a
 * dataset the page kept. A new dataset replaces the current one only on success; none loads while a run trains.
 */
import { checkDataset } from '../../data/checkDataset';
import { generateDemo } from '../../data/demo';
import { summarize, type Dataset } from '../../data/types';
import { DEFAULT_SPLIT_CONFIG, demoOptionsOf, demoSourceRef, type LoadOutcome } from '../importProtocol';
import { buildForImport, contentHash, readForImport, splitWithSummary } from '../importer';
import type { WorkerApi } from '../protocol';
import { busyIssue, replaceData, type WorkerState } from './state';

type DataHandlers = Pick<
  WorkerApi,
  'loadDemo' | 'readImport' | 'loadImport' | 'snapshotDataset' | 'loadDataset'
>;

/** A successful load: what was loaded, its summary and split, and how long it took since `t0`. */
function loaded(
  dataset: Dataset,
  fields: Pick<Extract<LoadOutcome, { type: 'ok' }>, 'source' | 'label' | 'splitConfig' | 'split' | 'report'>,
  t0: number,
): LoadOutcome {
  return { type: 'ok', ...fields, summary: summarize(dataset), seconds: (performance.now() - t0) / 1000 };
}

export function dataHandlers(state: WorkerState): DataHandlers {
  return {
    async loadDemo(options, splitConfig = DEFAULT_SPLIT_CONFIG) {
      if (state.run) return busyIssue();
      const t0 = performance.now();
      const dataset = generateDemo(options);
      const { split, summary } = splitWithSummary(dataset, splitConfig);
      replaceData(state, dataset, split);
      state.demo = { options: { ...options }, truth: null };
      const source = demoSourceRef(options);
      return loaded(dataset, { source, label: null, splitConfig, split: summary, report: null }, t0);
    },

    async readImport(files, onProgress) {
      state.pendingImport = { files: [], source: null };
      // Files arrive by structured clone; their bytes are read here, never on the page.
      const inputs = await Promise.all(
        files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
      );
      const { outcome, files: parsed } = await readForImport(inputs, onProgress);
      let source: { name: string; hash: string } | null = null;
      if (outcome.type === 'ok') {
        const name = inputs.length === 1 ? inputs[0].name : inputs.map((f) => f.name).join(' + ');
        source = { name: name.slice(0, 200), hash: await contentHash(inputs) };
      }
      state.pendingImport = { files: parsed, source };
      return outcome;
    },

    async loadImport(mapping, splitConfig) {
      if (state.run) return busyIssue();
      const { files, source } = state.pendingImport;
      if (files.length === 0) {
        return { type: 'error', issue: { severity: 'fatal', file: '', message: 'Read the files first.' } };
      }
      const t0 = performance.now();
      const built = buildForImport(files, mapping, splitConfig);
      if ('issue' in built) return { type: 'error', issue: built.issue };
      replaceData(state, built.ok.dataset, built.ok.split);
      state.pendingImport = { files: [], source: null };
      const upload = { kind: 'upload', ...(source ?? { name: 'upload', hash: '0000000000000000' }) } as const;
      const { dataset, splitSummary: split, report } = built.ok;
      return loaded(dataset, { source: upload, label: mapping.label, splitConfig, split, report }, t0);
    },

    // A copy: the page receives its buffers (they are transferred), the worker keeps its own.
    snapshotDataset: async () => (state.data ? structuredClone(state.data.dataset) : null),

    async loadDataset(dataset: Dataset, source, splitConfig) {
      if (state.run) return busyIssue();
      const problem = checkDataset(dataset);
      if (problem) {
        return {
          type: 'error',
          issue: { severity: 'fatal', file: '', message: `Saved dataset: ${problem}` },
        };
      }
      const t0 = performance.now();
      const { split, summary } = splitWithSummary(dataset, splitConfig);
      replaceData(state, dataset, split);
      // A kept demo dataset: planted vs learned rebuilds its truth from these options (and checks the rows).
      if (source.kind === 'demo') {
        state.demo = { options: demoOptionsOf(source), truth: null };
      }
      return loaded(dataset, { source, label: null, splitConfig, split: summary, report: null }, t0);
    },
  };
}
