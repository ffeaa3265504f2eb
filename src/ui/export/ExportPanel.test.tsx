// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { ExportOutcome, ModelImportOutcome } from '../../engine/exportProtocol';
import { defaultExperiment } from '../../state/experiment';
import { serializeRunFile } from '../../state/runFile';
import { IDLE_RUN } from '../runState';
import { ExportPanel, type ExportApi, type ExportPanelProps } from './ExportPanel';

type FakeApi = { [K in keyof ExportApi]: Mock<ExportApi[K]> };

const zip: ExportOutcome = {
  type: 'ok',
  files: [{ name: 'dataset.zip', mime: 'application/zip', bytes: new Uint8Array(2048) }],
  seconds: 1.25,
};

const importedModel: ModelImportOutcome = {
  type: 'ok',
  runId: 9,
  modelId: 'dnn',
  config: {},
  test: { auc: 0.7123, gauc: 0.65, logloss: 0.5 },
  savedTest: { auc: 0.7201, gauc: null, logloss: null },
  trainedOn: 'demo',
  seconds: 0.5,
};

function fakeApi(): FakeApi {
  return {
    exportModel: vi.fn(async () => zip),
    exportEmbeddings: vi.fn(async () => zip),
    exportPredictions: vi.fn(async () => zip),
    exportDataset: vi.fn(async () => zip),
    importModel: vi.fn(async () => importedModel),
  };
}

function setup(overrides: Partial<ExportPanelProps> = {}) {
  const api = fakeApi();
  const props: ExportPanelProps = {
    api,
    run: IDLE_RUN,
    hasDataset: true,
    experiment: defaultExperiment(),
    training: false,
    onImportRun: vi.fn(),
    newRunId: () => 9,
    ...overrides,
  };
  render(<ExportPanel {...props} />);
  return { api, props };
}

const button = (testId: string) => screen.getByTestId<HTMLButtonElement>(testId);
const pick = (testId: string, file: File) =>
  fireEvent.change(screen.getByTestId(testId), { target: { files: [file] } });

beforeEach(() => {
  // happy-dom makes no object URLs of its own; the panel only hands them to a link.
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('ExportPanel', () => {
  it('offers no model export before a model exists, but the dataset', async () => {
    const { api } = setup();
    expect(screen.getByText('Model (train or import one first)')).toBeTruthy();
    for (const id of ['export-model', 'export-vectors', 'export-metadata', 'export-topk', 'export-run']) {
      expect(button(id).disabled).toBe(true);
    }
    fireEvent.click(button('export-recbole'));
    const note = await screen.findByTestId('export-note');
    expect(note.textContent).toBe('Saved dataset.zip (2 KB, built in 1.3 s).');
    expect(note.getAttribute('role')).toBe('status');
    expect(api.exportDataset).toHaveBeenCalledTimes(1);
  });

  it('shows why an export could not be made', async () => {
    const { api } = setup();
    api.exportDataset.mockResolvedValue({ type: 'unavailable', reason: 'Load a dataset first.' });
    fireEvent.click(button('export-recbole'));
    const note = await screen.findByRole('alert');
    expect(note.textContent).toBe('Load a dataset first.');
  });

  it('imports a model, then exports predictions of it with the K and users typed', async () => {
    const { api } = setup();
    pick('import-model-file', new File([new Uint8Array(4)], 'model.zip'));
    expect((await screen.findByTestId('export-note')).textContent).toBe('Imported dnn from model.zip.');
    expect(api.importModel).toHaveBeenCalledWith(expect.any(Uint8Array), 9);
    expect(screen.getByText('Model of imported dnn (model.zip)')).toBeTruthy();
    expect(screen.getByTestId('imported-model').textContent).toContain('(the file says AUC');

    fireEvent.change(screen.getByLabelText('Top K'), { target: { value: '5' } });
    fireEvent.change(screen.getByLabelText('Test users'), { target: { value: '20' } });
    fireEvent.click(button('export-topk'));
    await waitFor(() => expect(api.exportPredictions).toHaveBeenCalledWith({ runId: 9, k: 5, users: 20 }));
  });

  it('waits for training to end before a model import', () => {
    setup({ training: true });
    expect(button('import-model').disabled).toBe(true);
    expect(button('import-run').disabled).toBe(false);
  });

  it('adds a run file to the session’s runs', async () => {
    const onImportRun = vi.fn();
    setup({ onImportRun });
    const text = serializeRunFile(defaultExperiment(), {
      modelId: 'dnn',
      modelConfig: {},
      trainConfig: {},
      status: 'done',
      epochs: [],
      result: null,
      loss: [],
    });
    pick('import-run-file', new File([text], 'run.json'));
    const note = await screen.findByTestId('export-note');
    expect(note.textContent).toBe('Added the run of run.json (dnn, 0 epochs) to the run comparison.');
    expect(onImportRun).toHaveBeenCalledWith(
      expect.objectContaining({ modelId: 'dnn', imported: 'run.json' }),
    );
  });

  it('names a file that is not a run file', async () => {
    const onImportRun = vi.fn();
    setup({ onImportRun });
    pick('import-run-file', new File(['{"hello":1}'], 'other.json'));
    expect((await screen.findByRole('alert')).textContent).toBe('This JSON is not a recplay run file.');
    expect(onImportRun).not.toHaveBeenCalled();
  });
});
