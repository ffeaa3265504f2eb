/**
 * The worker side of "bring your own data": read files and propose a mapping; then build a dataset from the
 * kept files with the mapping the user confirmed. Plain async functions (Node tests drive them directly).
 * Nothing here replaces the current dataset: the session does that only once a build has succeeded.
 */
import { buildDataset } from '../data/import/build';
import { readFiles, type InputFile } from '../data/import/readFiles';
import { recognizeFormat, proposeMapping } from '../data/import/recognize';
import { valueChecks } from '../data/import/valueChecks';
import { ImportError, type DataMapping, type ImportIssue, type ParsedFile } from '../data/import/types';
import { splitDataset, type SplitConfig } from '../data/split';
import type { Dataset } from '../data/types';
import type { FilePreview, ImportProgress, ReadOutcome, SplitSummary } from './importProtocol';
import type { Split } from '../data/split';
import type { BuildReport } from '../data/import/report';

export function previewOf(f: ParsedFile): FilePreview {
  if (f.kind === 'matrix') {
    return {
      fileName: f.fileName,
      kind: 'matrix',
      rows: f.rows,
      columns: f.cols,
      columnNames: [],
      preview: [],
      skippedRows: 0,
    };
  }
  return {
    fileName: f.fileName,
    kind: 'table',
    rows: f.numRows,
    columns: f.columns.length,
    columnNames: f.columns.map((c) => c.name),
    preview: f.preview
      .slice(0, 8)
      .map((row) => row.map((cell) => (cell.length > 200 ? `${cell.slice(0, 200)}…` : cell))),
    delimiter: f.delimiter,
    encoding: f.encoding,
    hasHeader: f.hasHeader,
    skippedRows: f.skippedRows,
    valueChecks: valueChecks(f),
  };
}

function asIssue(err: unknown, file: string): ImportIssue {
  if (err instanceof ImportError) return err.issue;
  return { severity: 'fatal', file, message: err instanceof Error ? err.message : String(err) };
}

/**
 * SHA-256 over the files in name order (name, length, bytes of each), first 16 hex digits: the identity a
 * share link keeps of uploaded data. The same files give the same hash whatever order they were dropped in.
 */
export async function contentHash(inputs: readonly InputFile[]): Promise<string> {
  const sorted = [...inputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const enc = new TextEncoder();
  const parts = sorted.flatMap((f) => [enc.encode(`${f.name}\0${f.bytes.length}\0`), f.bytes]);
  const total = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    total.set(p, at);
    at += p.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', total));
  return Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Reads the files; a file that cannot be read at all makes the whole read fail with its message. */
export async function readForImport(
  inputs: readonly InputFile[],
  onProgress?: (p: ImportProgress) => void,
): Promise<{ outcome: ReadOutcome; files: ParsedFile[] }> {
  const t0 = performance.now();
  const names = inputs.map((i) => i.name).join(', ');
  try {
    const { files, issues } = await readFiles(inputs, onProgress);
    const fatal = issues.find((i) => i.severity === 'fatal');
    if (fatal) return { outcome: { type: 'error', issue: fatal }, files: [] };
    if (files.length === 0) {
      return {
        outcome: {
          type: 'error',
          issue: { severity: 'fatal', file: names, message: 'No file could be read.' },
        },
        files: [],
      };
    }
    const recognized = recognizeFormat(files);
    const mapping = recognized ?? proposeMapping(files);
    return {
      outcome: {
        type: 'ok',
        files: files.map(previewOf),
        mapping,
        recognized: recognized !== null,
        issues,
        seconds: (performance.now() - t0) / 1000,
      },
      files,
    };
  } catch (err) {
    return { outcome: { type: 'error', issue: asIssue(err, names) }, files: [] };
  }
}

export interface BuiltImport {
  readonly dataset: Dataset;
  readonly split: Split;
  readonly splitSummary: SplitSummary;
  readonly report: BuildReport;
}

/** Builds and splits; throws nothing, returns the issue instead. */
export function buildForImport(
  files: readonly ParsedFile[],
  mapping: DataMapping,
  splitConfig: SplitConfig,
): { ok: BuiltImport } | { issue: ImportIssue } {
  const names = files.map((f) => f.fileName).join(', ');
  try {
    const { dataset, report } = buildDataset(files, mapping);
    const { split, summary } = splitWithSummary(dataset, splitConfig);
    if (split.train.length === 0) {
      return {
        issue: {
          severity: 'fatal',
          file: names,
          message: 'The split left no training rows.',
          hint: 'Lower the minimum number of interactions per user, or keep such users in train.',
        },
      };
    }
    return { ok: { dataset, split, splitSummary: summary, report } };
  } catch (err) {
    return { issue: asIssue(err, names) };
  }
}

export function splitWithSummary(
  dataset: Dataset,
  config: SplitConfig,
): { split: Split; summary: SplitSummary } {
  const r = splitDataset(dataset.interactions, config);
  return {
    split: { train: r.train, valid: r.valid, test: r.test },
    summary: {
      method: config.method,
      train: r.train.length,
      valid: r.valid.length,
      test: r.test.length,
      droppedUsers: r.droppedUsers,
      coldTestItems: r.coldTestItems,
      coldTestRows: r.coldTestRows,
    },
  };
}
