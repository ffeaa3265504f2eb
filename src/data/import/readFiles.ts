import { binaryHint, decodeText } from './decode';
import { isNpy, parseNpy } from './npy';
import { readTable } from './readTable';
import { IMPORT_LIMITS, ImportError, type ImportIssue, type ParsedFile } from './types';
import { DEFAULT_ZIP_LIMITS, inflateEntry, planUnzip } from './zip';

export interface InputFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface ReadProgress {
  /** The input's name, or `archive.zip/path/in/zip` for a file inside a zip. */
  readonly file: string;
  readonly fraction: number;
}

/**
 * Reads an upload: `.zip` archives are unpacked one level, `.npy` files (by name or magic bytes) become
 * matrices, everything else is read as a delimited text table. Files inside a zip are named
 * `archive.zip/path/in/zip`.
 *
 * Bad input never throws: a file that cannot be read is left out of `files` and reported by an issue of
 * severity 'fatal' naming it; the others are still read, and the caller decides whether to go on.
 * Warnings are recoverable (a skipped row; a zip entry skipped because it is empty, binary or a nested zip).
 * Anything thrown is a bug.
 */
export async function readFiles(
  inputs: readonly InputFile[],
  onProgress?: (p: ReadProgress) => void,
): Promise<{ files: ParsedFile[]; issues: ImportIssue[] }> {
  const files: ParsedFile[] = [];
  const issues: ImportIssue[] = [];
  let budget: number = IMPORT_LIMITS.maxTotalBytes;
  for (const input of inputs) {
    try {
      if (/\.zip$/i.test(input.name)) {
        const unzipped = readZip(input, budget, onProgress);
        budget -= unzipped.bytes;
        files.push(...unzipped.files);
        issues.push(...unzipped.issues);
      } else {
        checkSize(input.name, input.bytes.length, budget);
        budget -= input.bytes.length;
        files.push(readOne(input.name, input.bytes, onProgress));
      }
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      issues.push(e.issue);
    }
    onProgress?.({ file: input.name, fraction: 1 });
  }
  return { files, issues };
}

function checkSize(file: string, bytes: number, budget: number): void {
  const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
  if (bytes > IMPORT_LIMITS.maxFileBytes || bytes > budget) {
    const perFile = bytes > IMPORT_LIMITS.maxFileBytes;
    throw new ImportError({
      severity: 'fatal',
      file,
      message: perFile
        ? `The file is ${mb(bytes)}; at most ${mb(IMPORT_LIMITS.maxFileBytes)} per file are read.`
        : `The import would exceed ${mb(IMPORT_LIMITS.maxTotalBytes)} in all.`,
      hint: 'Sample or filter the data before uploading.',
    });
  }
}

/**
 * All of a zip or none of it when the archive itself is at fault (a limit, a bomb, damage); a file inside it
 * that cannot be read is reported and left out like any other file.
 */
function readZip(
  input: InputFile,
  budget: number,
  onProgress?: (p: ReadProgress) => void,
): { files: ParsedFile[]; issues: ImportIssue[]; bytes: number } {
  const plan = planUnzip(input.name, input.bytes, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: budget });
  const files: ParsedFile[] = [];
  const issues: ImportIssue[] = [...plan.issues];
  plan.entries.forEach((entry, i) => {
    const name = `${input.name}/${entry.name}`;
    const bytes = inflateEntry(input.name, input.bytes, entry);
    const notData = bytes.length === 0 ? 'The file is empty.' : isNpy(bytes) ? null : binaryHint(bytes);
    if (notData !== null) {
      issues.push({
        severity: 'warning',
        file: name,
        message: 'Skipped: not a text table or .npy matrix.',
        hint: notData,
      });
    } else {
      try {
        files.push(readOne(name, bytes, onProgress));
      } catch (e) {
        if (!(e instanceof ImportError)) throw e;
        issues.push(e.issue);
      }
    }
    onProgress?.({ file: input.name, fraction: (i + 1) / plan.entries.length });
  });
  if (plan.entries.length === 0) {
    issues.push({ severity: 'fatal', file: input.name, message: 'The zip holds no file to read.' });
  }
  return { files, issues, bytes: plan.totalBytes };
}

function readOne(name: string, bytes: Uint8Array, onProgress?: (p: ReadProgress) => void): ParsedFile {
  if (/\.npy$/i.test(name) || isNpy(bytes)) return parseNpy(name, bytes);
  return readTable(name, decodeText(name, bytes), {
    onProgress: (fraction) => onProgress?.({ file: name, fraction }),
  });
}
