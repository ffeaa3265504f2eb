import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from '../../data/import/types';
import { labelRuleOfKind, MB, oversizeIssue, parseSplitRatios } from './importChecks';

const fileOf = (name: string, size: number) => {
  const f = new File(['x'], name);
  Object.defineProperty(f, 'size', { value: size });
  return f;
};

describe('oversizeIssue', () => {
  it('names the first file over the per-file limit, with its size and the limit in MB', () => {
    const files = [fileOf('a.csv', 10), fileOf('big.csv', 300 * MB), fileOf('bigger.csv', 900 * MB)];
    expect(oversizeIssue(files)).toEqual({
      severity: 'fatal',
      file: 'big.csv',
      message: `The file is 300 MB; the limit is ${IMPORT_LIMITS.maxFileBytes / MB} MB per file.`,
    });
  });

  it('lets a file of exactly the limit through', () => {
    expect(oversizeIssue([fileOf('edge.csv', IMPORT_LIMITS.maxFileBytes)])).toBeNull();
    expect(oversizeIssue([])).toBeNull();
  });
});

describe('labelRuleOfKind', () => {
  it('starts each kind with its documented defaults', () => {
    expect(labelRuleOfKind('threshold')).toEqual({ kind: 'threshold', threshold: 4 });
    expect(labelRuleOfKind('implicit')).toEqual({ kind: 'implicit', ratio: 4, seed: 42 });
    expect(labelRuleOfKind('column')).toEqual({ kind: 'column' });
  });
});

describe('parseSplitRatios', () => {
  it('reads three shares separated by colons, slashes, commas or spaces', () => {
    expect(parseSplitRatios('8:1:1')).toEqual([8, 1, 1]);
    expect(parseSplitRatios('7/2/1')).toEqual([7, 2, 1]);
    expect(parseSplitRatios('0.8, 0.1, 0.1')).toEqual([0.8, 0.1, 0.1]);
    expect(parseSplitRatios('6 2 0')).toEqual([6, 2, 0]);
  });

  it('refuses anything but three non-negative numbers with a positive train share', () => {
    for (const text of ['8:1', '8:1:1:1', '0:1:1', '8:-1:1', '8:x:1', '', 'Infinity:1:1']) {
      expect(parseSplitRatios(text)).toBeNull();
    }
  });
});
