import { Inflate } from 'fflate';
import { IMPORT_LIMITS, ImportError, type ImportIssue } from './types';
import { readZipDirectory, type ZipEntry } from './zipDirectory';

export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxFileBytes: number;
  /** Unzipped bytes this archive may add to the import (what is left of the import's total). */
  readonly maxTotalBytes: number;
  readonly maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: IMPORT_LIMITS.maxZipEntries,
  maxFileBytes: IMPORT_LIMITS.maxFileBytes,
  maxTotalBytes: IMPORT_LIMITS.maxTotalBytes,
  maxRatio: IMPORT_LIMITS.maxZipRatio,
};

/** Below this size a high compression ratio is harmless (a small file of repeated values), so not a bomb. */
const RATIO_EXEMPT_BYTES = 1 << 20;
/** Compressed bytes fed to the inflater per step: one step can emit at most ~1032× this before the check. */
const INFLATE_STEP = 16 * 1024;

export interface ZipPlan {
  /** Entries to inflate, each within the limits by its declared sizes. */
  readonly entries: readonly ZipEntry[];
  /** Entries left out, as warnings. */
  readonly issues: readonly ImportIssue[];
  /** Declared unzipped size of `entries`. */
  readonly totalBytes: number;
}

/**
 * Decides, from the central directory alone and before inflating anything, which entries to read. Skips
 * directories, `__MACOSX/` and dotfiles silently, nested zips and unsupported entries with a warning; refuses
 * the whole archive (throws) when its declared sizes break a limit, since a quietly partial import would be
 * worse. One level only: a zip inside a zip is never opened.
 */
export function planUnzip(file: string, bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipPlan {
  const refuse = (message: string, hint: string): never => {
    throw new ImportError({ severity: 'fatal', file, message, hint });
  };
  const issues: ImportIssue[] = [];
  const skip = (entry: ZipEntry, message: string, hint: string) =>
    issues.push({ severity: 'warning', file: `${file}/${entry.name}`, message, hint });
  const entries: ZipEntry[] = [];
  for (const entry of readZipDirectory(file, bytes)) {
    if (
      entry.name.endsWith('/') ||
      entry.name.split('/').some((part) => part === '__MACOSX' || part.startsWith('.'))
    ) {
      continue;
    }
    if (/\.zip$/i.test(entry.name)) {
      skip(entry, 'Skipped: a zip inside a zip is not opened.', 'Upload the inner zip itself, or its files.');
    } else if (entry.encrypted) {
      skip(entry, 'Skipped: the file is encrypted.', 'Zip it again without a password.');
    } else if (entry.method !== 0 && entry.method !== 8) {
      skip(
        entry,
        `Skipped: compression method ${entry.method} is not supported.`,
        'Zip it again with the standard deflate method.',
      );
    } else {
      entries.push(entry);
    }
  }
  if (entries.length > limits.maxEntries) {
    refuse(
      `The zip holds ${entries.length} files; at most ${limits.maxEntries} are read.`,
      'Zip only the data files.',
    );
  }
  let totalBytes = 0;
  for (const entry of entries) {
    if (entry.size > limits.maxFileBytes) {
      refuse(
        `${entry.name} is ${mb(entry.size)} unzipped; at most ${mb(limits.maxFileBytes)} per file are read.`,
        'Sample or filter the data before uploading.',
      );
    }
    if (entry.size > RATIO_EXEMPT_BYTES && entry.size > limits.maxRatio * entry.compressedSize) {
      refuse(
        `${entry.name} would inflate ${Math.round(entry.size / Math.max(1, entry.compressedSize))}-fold; ` +
          `this looks like a zip bomb, so the zip was not opened.`,
        `Real data compresses less than ${limits.maxRatio}-fold; zip the original files again.`,
      );
    }
    totalBytes += entry.size;
  }
  if (totalBytes > limits.maxTotalBytes) {
    refuse(
      `The zip holds ${mb(totalBytes)} unzipped; the import can take ${mb(limits.maxTotalBytes)} more.`,
      'Upload fewer or smaller files.',
    );
  }
  return { entries, issues, totalBytes };
}

/**
 * Inflates one planned entry into a buffer of its declared size, in small steps, and stops as soon as the
 * output would outgrow it: a lying directory cannot make us allocate more than it declared.
 */
export function inflateEntry(file: string, bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const fail = (message: string): never => {
    throw new ImportError({
      severity: 'fatal',
      file: `${file}/${entry.name}`,
      message,
      hint: 'Create the zip again, or upload the file directly.',
    });
  };
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size)
      fail('The zip entry is damaged: its stored size does not match.');
    return data.slice();
  }
  const out = new Uint8Array(entry.size);
  let written = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    if (overflow || written + chunk.length > out.length) {
      overflow = true;
      return;
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let p = 0; p < data.length && !overflow; p += INFLATE_STEP) {
      const end = Math.min(data.length, p + INFLATE_STEP);
      inflater.push(data.subarray(p, end), end === data.length);
    }
  } catch {
    fail('The zip entry is damaged: its compressed data is invalid.');
  }
  if (overflow)
    fail(
      'The zip entry inflates to more than its declared size (a zip bomb or a damaged zip); the zip was not read.',
    );
  if (written !== entry.size) fail('The zip entry is damaged: it inflates to less than its declared size.');
  return out;
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
