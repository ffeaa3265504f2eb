import { describe, expect, it } from 'vitest';
import type { ExportOutcome } from '../../engine/exportProtocol';
import { defaultExperiment } from '../../state/experiment';
import { parseRunFile, RUN_FILE_FORMAT, RUN_FILE_VERSION, type RunData } from '../../state/runFile';
import { IDLE_RUN, type RunRecord, type RunState } from '../runState';
import {
  exportableRuns,
  filesToSave,
  importedLabel,
  kb,
  modelTarget,
  runFileData,
  runFileOf,
  runFromFile,
} from './exportFiles';
import type { CtrEpochReport, CtrTrainResult } from '../../engine/train/ctr';
import type { TopkTrainResult } from '../../engine/train/topk';

const report = (epoch: number): CtrEpochReport => ({
  epoch,
  trainLoss: 0.6,
  valid: { auc: 0.7, gauc: 0.69, logloss: 0.55 },
  trainSeconds: 1,
  evalSeconds: 0.1,
  rowsPerSec: 1000,
});

const result: CtrTrainResult = {
  epochs: [report(1)],
  bestEpoch: 1,
  valid: { auc: 0.7, gauc: 0.69, logloss: 0.55 },
  test: { auc: 0.72, gauc: 0.7, logloss: 0.5 },
  stopped: false,
  stoppedEarly: false,
  rowsPerSec: 1000,
  msPerEpoch: 1000,
  peakTensors: 10,
};

const record = (runId: number, overrides: Partial<RunRecord> = {}): RunRecord => ({
  runId,
  modelId: 'dnn',
  modelConfig: { embeddingDim: 8 },
  trainConfig: { epochs: 1 },
  status: 'done',
  epochs: [report(1)],
  result,
  ...overrides,
});

const state = (overrides: Partial<RunState>): RunState => ({ ...IDLE_RUN, ...overrides });

describe('kb', () => {
  it('gives whole KB (at least 1) under a MB and MB with one decimal from there', () => {
    expect(kb(0)).toBe('1 KB');
    expect(kb(1536)).toBe('2 KB');
    expect(kb(1024 * 1024 - 1)).toBe('1024 KB');
    expect(kb(1024 * 1024)).toBe('1.0 MB');
    expect(kb(5.5 * 1024 * 1024)).toBe('5.5 MB');
  });
});

describe('filesToSave', () => {
  const file = (name: string, size: number) => ({ name, mime: 'text/plain', bytes: new Uint8Array(size) });
  const ok: ExportOutcome = {
    type: 'ok',
    files: [file('vectors.tsv', 3072), file('metadata.tsv', 1024)],
    seconds: 0.25,
  };

  it('keeps the picked files and says what was saved, how big and how fast', () => {
    expect(filesToSave(ok)).toEqual({
      files: ok.files,
      note: 'Saved vectors.tsv, metadata.tsv (4 KB, built in 0.3 s).',
    });
    const picked = filesToSave(ok, (n) => n.endsWith('metadata.tsv'));
    expect(picked.files.map((f) => f.name)).toEqual(['metadata.tsv']);
    expect(picked.note).toBe('Saved metadata.tsv (1 KB, built in 0.3 s).');
  });

  it('throws the reason when there is nothing to save', () => {
    expect(() => filesToSave({ type: 'unavailable', reason: 'Train a model first.' })).toThrow(
      'Train a model first.',
    );
    expect(() => filesToSave({ type: 'error', message: 'Out of memory.' })).toThrow('Out of memory.');
  });
});

const topkResult: TopkTrainResult = {
  epochs: [],
  bestEpoch: 1,
  valid: null,
  test: null,
  stopped: false,
  stoppedEarly: false,
  rowsPerSec: 0,
  msPerEpoch: 0,
  peakTensors: 0,
};

describe('modelTarget', () => {
  const done = state({ runId: 3, modelId: 'din', status: 'done', result });

  it('is the finished current run, when it has a result', () => {
    expect(modelTarget(done, null)).toEqual({ runId: 3, label: 'run #3 din' });
    expect(modelTarget({ ...done, status: 'stopped' }, null)).toEqual({ runId: 3, label: 'run #3 din' });
    expect(modelTarget({ ...done, result: null }, null)).toBeNull();
    expect(modelTarget({ ...done, status: 'training' }, null)).toBeNull();
    expect(modelTarget({ ...done, status: 'error' }, null)).toBeNull();
  });

  it('is a finished top-k run too, marked as a ranking model (embeddings only)', () => {
    const topk = { ...done, modelId: 'lightgcn', result: null, topk: { epochs: [], result: topkResult } };
    expect(modelTarget(topk, null)).toEqual({ runId: 3, label: 'run #3 lightgcn', ranking: true });
    expect(modelTarget({ ...topk, topk: { epochs: [], result: null } }, null)).toBeNull();
  });

  it('is whichever came last of the trained and the imported model', () => {
    const imported = { runId: 4, label: 'imported dnn (model.zip)' };
    expect(modelTarget(done, imported)).toBe(imported);
    expect(modelTarget({ ...done, runId: 5 }, imported)).toEqual({ runId: 5, label: 'run #5 din' });
    // A run started after the import, still training: the worker no longer holds the imported model.
    expect(modelTarget({ ...done, runId: 5, status: 'training' }, imported)).toBeNull();
  });
});

describe('importedLabel', () => {
  it('shortens a long file name to 40 characters', () => {
    expect(importedLabel('dnn', 'model.zip')).toBe('imported dnn (model.zip)');
    const long = `${'a'.repeat(45)}.zip`;
    const label = importedLabel('dnn', long);
    expect(label).toBe(`imported dnn (${'a'.repeat(37)}…)`);
  });
});

describe('run files', () => {
  it('offers only runs that are not in progress', () => {
    const runs = [
      record(1),
      record(2, { status: 'training' }),
      record(3, { status: 'paused' }),
      record(4, { status: 'stopping' }),
      record(5, { status: 'error' }),
      record(6, { status: 'stopped' }),
    ];
    expect(exportableRuns(runs).map((r) => r.runId)).toEqual([1, 5, 6]);
  });

  it('saves a run under its own model settings, with the loss curve it has', () => {
    const experiment = { ...defaultExperiment(), modelId: 'lightgcn' };
    const liveLoss = [{ x: 1, y: 0.5 }];
    const run = state({ runId: 2, loss: liveLoss });
    const read = (chosen: RunRecord) => {
      const parsed = parseRunFile(runFileOf(experiment, chosen, run).text);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.file;
    };

    expect(runFileOf(experiment, record(2), run).name).toBe('recplay-run2-dnn.json');
    const current = read(record(2));
    expect(current.experiment.modelId).toBe('dnn');
    expect(current.run.loss).toEqual(liveLoss);
    expect(current.run.result?.test?.auc).toBe(0.72);
    // An earlier run of the session has no curve kept; an imported run brings its own.
    expect(read(record(1)).run.loss).toEqual([]);
    const ownLoss = [{ x: 0.5, y: 0.7 }];
    expect(read(record(1, { loss: ownLoss, imported: 'a.json' })).run.loss).toEqual(ownLoss);
  });

  it('reads a run back as a finished run of the session, marked with its file', () => {
    const data: RunData = {
      modelId: 'dnn',
      modelConfig: { embeddingDim: 8 },
      trainConfig: { epochs: 1 },
      status: 'done',
      epochs: [report(1)],
      result,
      loss: [{ x: 1, y: 0.5 }],
    };
    expect(runFromFile(data, 'run.json')).toEqual({
      modelId: 'dnn',
      modelConfig: { embeddingDim: 8 },
      trainConfig: { epochs: 1 },
      status: 'done',
      epochs: [report(1)],
      result,
      loss: [{ x: 1, y: 0.5 }],
      imported: 'run.json',
    });
    expect(runFromFile({ ...data, status: 'error' }, 'x').status).toBe('error');
    // A run saved while it trained is over now.
    for (const status of ['training', 'paused', 'stopping', 'idle'] as const) {
      expect(runFromFile({ ...data, status }, 'x').status).toBe('stopped');
    }
  });

  describe('the dataset of a run file', () => {
    const upload = { kind: 'upload', name: 'ratings.csv', hash: '0123456789abcdef' } as const;
    const run = state({ runId: 2 });
    const readBack = (text: string) => {
      const parsed = parseRunFile(text);
      if (!parsed.ok) throw new Error(parsed.message);
      return runFromFile(parsed.file.run, 'run.json', runFileData(parsed.file.experiment, parsed.warnings));
    };

    it('is the run’s own, not the dataset loaded now, and comes back with the run', () => {
      const experiment = { ...defaultExperiment(), data: upload };
      const onDemo = record(1, { data: defaultExperiment().data });
      expect(readBack(runFileOf(experiment, onDemo, run).text).data).toEqual(defaultExperiment().data);
      expect(readBack(runFileOf(defaultExperiment(), record(2, { data: upload }), run).text).data).toEqual(
        upload,
      );
      // A record from before runs kept their data is saved under the experiment's.
      expect(readBack(runFileOf(experiment, record(2), run).text).data).toEqual(upload);
    });

    it('is unknown when the file’s dataset cannot be read, not the default demo it falls back to', () => {
      const text = runFileOf(defaultExperiment(), record(2, { data: upload }), run).text;
      const file = JSON.parse(text) as { experiment: Record<string, unknown> };
      const broken = { ...file, experiment: { ...file.experiment, d: { kind: 'upload', name: 3 } } };
      expect(readBack(JSON.stringify(broken))).not.toHaveProperty('data');
      const none = { ...file, experiment: null };
      expect(readBack(JSON.stringify(none))).not.toHaveProperty('data');
      // A file of the default demo leaves the dataset out of its experiment: that is the demo, not unknown.
      const demoFile = JSON.parse(runFileOf(defaultExperiment(), record(2), run).text) as typeof file;
      expect(demoFile).toMatchObject({ format: RUN_FILE_FORMAT, version: RUN_FILE_VERSION });
      expect(demoFile.experiment.d).toBeUndefined();
      expect(readBack(JSON.stringify(demoFile)).data).toEqual(defaultExperiment().data);
    });
  });
});
