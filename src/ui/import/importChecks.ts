/** What the import step checks and reads from the user's input, before anything reaches the worker. */
import { IMPORT_LIMITS, type ImportIssue, type LabelRule } from '../../data/import/types';

export const MB = 1024 * 1024;

/** The issue that stops a read before it starts: the first file over the per-file size limit; null if none. */
export function oversizeIssue(files: readonly File[]): ImportIssue | null {
  const tooBig = files.find((f) => f.size > IMPORT_LIMITS.maxFileBytes);
  if (!tooBig) return null;
  return {
    severity: 'fatal',
    file: tooBig.name,
    message: `The file is ${(tooBig.size / MB).toFixed(0)} MB; the limit is ${IMPORT_LIMITS.maxFileBytes / MB} MB per file.`,
  };
}

/** The rule a label kind starts with when the user picks it. */
export function labelRuleOfKind(kind: LabelRule['kind']): LabelRule {
  return kind === 'threshold'
    ? { kind, threshold: 4 }
    : kind === 'implicit'
      ? { kind, ratio: 4, seed: 42 }
      : { kind: 'column' };
}

/**
 * Split ratios as typed ("8:1:1", "8/1/1", "8, 1, 1"): three non-negative numbers with a positive train
 * share; null for anything else.
 */
export function parseSplitRatios(text: string): [number, number, number] | null {
  const parts = text.split(/[:/,\s]+/).map(Number);
  if (parts.length === 3 && parts.every((p) => Number.isFinite(p) && p >= 0) && parts[0] > 0) {
    return [parts[0], parts[1], parts[2]];
  }
  return null;
}
