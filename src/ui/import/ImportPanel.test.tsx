// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { DataMapping } from '../../data/import/types';
import {
  DEFAULT_SPLIT_CONFIG,
  type ImportProgress,
  type LoadOutcome,
  type ReadOutcome,
} from '../../engine/importProtocol';
import { ImportPanel, type ImportApi } from './ImportPanel';

afterEach(cleanup);

const mapping: DataMapping = {
  tables: [
    {
      fileName: 'ratings.csv',
      kind: 'interactions',
      roles: [{ role: 'user' }, { role: 'item' }, { role: 'rating' }],
    },
  ],
  matrices: [],
  label: { kind: 'threshold', threshold: 4 },
  formatName: 'CSV',
};

const read: ReadOutcome = {
  type: 'ok',
  files: [
    {
      fileName: 'ratings.csv',
      kind: 'table',
      rows: 2,
      columns: 3,
      columnNames: ['user', 'item', 'rating'],
      preview: [
        ['u1', 'i1', '5'],
        ['u2', 'i2', '3'],
      ],
      delimiter: ',',
      encoding: 'utf-8',
      hasHeader: true,
      skippedRows: 0,
    },
  ],
  mapping,
  recognized: true,
  issues: [{ severity: 'warning', file: 'ratings.csv', line: 3, message: 'An empty line, skipped.' }],
  seconds: 0.1,
};

const loaded = { type: 'ok' } as Extract<LoadOutcome, { type: 'ok' }>;

interface FakeApi {
  readImport: Mock<ImportApi['readImport']>;
  loadImport: Mock<ImportApi['loadImport']>;
}

function fakeApi(overrides: Partial<FakeApi> = {}): FakeApi {
  return {
    readImport: vi.fn<ImportApi['readImport']>(async () => read),
    loadImport: vi.fn<ImportApi['loadImport']>(async () => loaded),
    ...overrides,
  };
}

function setup(api: ImportApi | null, demoLoaded = false) {
  const props = { api, disabled: false, onLoaded: vi.fn(), onDemo: vi.fn(), demoLoaded };
  const { rerender } = render(<ImportPanel {...props} />);
  return { props, rerender, onLoaded: props.onLoaded };
}

const choose = (...files: File[]) =>
  fireEvent.change(screen.getByTestId('file-input'), { target: { files } });

describe('ImportPanel', () => {
  it('reads the files with progress, asks to check the mapping, and loads it', async () => {
    let report: (p: ImportProgress) => void = () => {};
    let finish: (out: ReadOutcome) => void = () => {};
    const api = fakeApi({
      readImport: vi.fn<ImportApi['readImport']>((_, onProgress) => {
        report = onProgress;
        return new Promise((resolve) => (finish = resolve));
      }),
    });
    const { onLoaded } = setup(api);
    const file = new File(['user,item,rating\n'], 'ratings.csv');
    choose(file);
    expect(api.readImport.mock.calls[0][0]).toEqual([file]);
    expect(screen.getByRole('status').textContent).toBe('Reading …');
    report({ file: 'ratings.csv', fraction: 0.42 });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Reading ratings.csv: 42 %'));

    finish(read);
    const dialog = await screen.findByRole('dialog', { name: 'Load your data' });
    expect(within(dialog).getByTestId('format-name').textContent).toBe('CSV');
    expect(within(dialog).getByText('1 warnings while reading')).toBeTruthy();
    expect(screen.queryByText('Back to the demo dataset')).toBeNull();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Load dataset' }));
    await waitFor(() => expect(onLoaded).toHaveBeenCalledWith(loaded));
    expect(api.loadImport).toHaveBeenCalledWith(mapping, DEFAULT_SPLIT_CONFIG);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('Back to the demo dataset')).toBeTruthy();
  });

  it('loads with the label rule and split the user chose', async () => {
    const api = fakeApi();
    setup(api);
    choose(new File(['x'], 'ratings.csv'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Label rule'), { target: { value: 'implicit' } });
    const ratio = within(dialog).getByLabelText('Split ratio train:valid:test');
    fireEvent.change(ratio, { target: { value: '7/2/1' } });
    fireEvent.blur(ratio);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Load dataset' }));
    await waitFor(() => expect(api.loadImport).toHaveBeenCalledTimes(1));
    const [m, split] = api.loadImport.mock.calls[0];
    expect(m.label).toEqual({ kind: 'implicit', ratio: 4, seed: 42 });
    expect(split).toEqual({ ...DEFAULT_SPLIT_CONFIG, ratios: [7, 2, 1] });
  });

  it('refuses a file over the size limit without reading it', () => {
    const api = fakeApi();
    setup(api);
    const big = new File(['x'], 'huge.csv');
    Object.defineProperty(big, 'size', { value: 500 * 1024 * 1024 });
    choose(big);
    expect(api.readImport).not.toHaveBeenCalled();
    const alert = screen.getByTestId('import-error');
    expect(alert.textContent).toContain('Could not load huge.csv.');
    expect(alert.textContent).toContain('The file is 500 MB');
  });

  it('shows a failed read under the drop zone, and a failed load inside the still open dialog', async () => {
    const api = fakeApi({
      readImport: vi
        .fn<ImportApi['readImport']>()
        .mockResolvedValueOnce({
          type: 'error',
          issue: { severity: 'fatal', file: 'a.csv', message: 'Empty.' },
        })
        .mockResolvedValue(read),
      loadImport: vi.fn<ImportApi['loadImport']>(async () => ({
        type: 'error',
        issue: { severity: 'fatal', file: 'ratings.csv', message: 'No positive rows.' },
      })),
    });
    const { onLoaded } = setup(api);
    choose(new File(['x'], 'a.csv'));
    expect((await screen.findByTestId('import-error')).textContent).toContain('a.csv: Empty.');
    expect(screen.queryByRole('dialog')).toBeNull();

    choose(new File(['x'], 'ratings.csv'));
    const dialog = await screen.findByRole('dialog');
    expect(screen.queryByTestId('import-error')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Load dataset' }));
    const alert = await within(dialog).findByTestId('import-error');
    expect(alert.textContent).toContain('No positive rows.');
    expect(alert.textContent).toContain('The dataset you had is still loaded.');
    expect(onLoaded).not.toHaveBeenCalled();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('takes no files without a worker, and refuses to load while a run trains', async () => {
    setup(null);
    expect((screen.getByTestId('file-input') as HTMLInputElement).disabled).toBe(true);
    cleanup();

    const api = fakeApi();
    const { rerender, props } = setup(api);
    choose(new File(['x'], 'ratings.csv'));
    const dialog = await screen.findByRole('dialog');
    rerender(<ImportPanel {...props} disabled />);
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Load dataset' }).disabled).toBe(
      true,
    );
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Cancel' }).disabled).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByTestId<HTMLInputElement>('file-input').disabled).toBe(true);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Back to the demo dataset' }).disabled).toBe(
      true,
    );
  });

  it('goes back to the demo on request', () => {
    const { props } = setup(fakeApi());
    fireEvent.click(screen.getByRole('button', { name: 'Back to the demo dataset' }));
    expect(props.onDemo).toHaveBeenCalledTimes(1);
  });

  it('offers no way back to the demo while the demo is the dataset loaded', () => {
    const { props, rerender } = setup(fakeApi(), true);
    expect(screen.queryByRole('button', { name: 'Back to the demo dataset' })).toBeNull();
    rerender(<ImportPanel {...props} demoLoaded={false} />);
    expect(screen.getByRole('button', { name: 'Back to the demo dataset' })).toBeTruthy();
  });

  it('names the first cell of a rating column that is not a number, and updates as the roles change', async () => {
    // MovieLens-latest-style columns under another file name, so the mapping is guessed.
    const ratings = read.type === 'ok' ? read.files[0] : null;
    const file = {
      ...ratings!,
      fileName: 'my-ratings.csv',
      rows: 6,
      columns: 4,
      columnNames: ['userId', 'movieId', 'rating', 'timestamp'],
      preview: [
        ['1', '10', '4.5', '964982703'],
        ['1', '20', 'n/a', '964981247'],
      ],
      valueChecks: [
        { notNumber: null, notBinary: { rows: 3, line: 4, value: '2' } },
        { notNumber: null, notBinary: { rows: 6, line: 2, value: '10' } },
        { notNumber: { rows: 2, line: 3, value: 'n/a' }, notBinary: { rows: 6, line: 2, value: '4.5' } },
        { notNumber: null, notBinary: { rows: 6, line: 2, value: '964982703' } },
      ],
    };
    const guessed: DataMapping = {
      tables: [
        {
          fileName: 'my-ratings.csv',
          kind: 'interactions',
          roles: [{ role: 'user' }, { role: 'item' }, { role: 'ignore' }, { role: 'timestamp' }],
        },
      ],
      matrices: [],
      label: { kind: 'implicit', ratio: 4, seed: 42 },
      formatName: 'CSV',
    };
    setup(fakeApi({ readImport: vi.fn(async () => ({ ...read, files: [file], mapping: guessed })) }));
    choose(new File(['x'], 'my-ratings.csv'));
    const dialog = await screen.findByRole('dialog');
    const notes = within(dialog).getByTestId('mapping-notes');
    // Ignored: said so, with where the first bad cell is and what happens instead.
    expect(notes.textContent).toBe(
      'my-ratings.csv, line 3, column 3: Column "rating" is not used as the rating: 2 of 6 rows hold no ' +
        'number, so every row counts as a positive (implicit feedback). (value "n/a") To use it anyway, set ' +
        'its role to "rating": the rows without a number will be left out.',
    );
    // Picked as the rating with a threshold: the rows that will be left out, and where the first one is.
    fireEvent.change(within(dialog).getByLabelText('Role of column rating in my-ratings.csv'), {
      target: { value: 'rating' },
    });
    fireEvent.change(within(dialog).getByLabelText('Label rule'), { target: { value: 'threshold' } });
    expect(notes.textContent).toContain(
      'my-ratings.csv, line 3, column 3: Column "rating" is the rating, but 2 of 6 rows hold no number; ' +
        'they will be left out. (value "n/a")',
    );
    // Implicit feedback does not read the rating: nothing to say.
    fireEvent.change(within(dialog).getByLabelText('Label rule'), { target: { value: 'implicit' } });
    expect(notes.textContent).toBe('');
  });
});
