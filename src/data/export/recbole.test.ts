import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../demo';
import { recboleHeader } from '../import/sniff';
import type { Dataset } from '../types';
import { buildForImport, readForImport } from '../../engine/importer';
import { DEFAULT_SPLIT_CONFIG } from '../../engine/importProtocol';
import { recboleFiles, safeName, zipTextFiles } from './recbole';

const demo = generateDemo({ users: 60, items: 80, seed: 7 });

/** A small dataset with a multi-valued field, hostile titles and keys. */
function hostile(): Dataset {
  return {
    ...demo,
    name: 'My data: "v2"/é',
    itemTitles: demo.itemTitles.map((t, i) => (i === 0 ? '=cmd|"/C calc"\tA0\nnext' : t)),
    itemMultiFields: [
      {
        name: 'genres',
        vocab: ['', 'Sci Fi', 'Drama'],
        offsets: Int32Array.from({ length: demo.numItems + 1 }, (_, i) => i),
        tokens: Int32Array.from({ length: demo.numItems }, (_, i) => 1 + (i % 2)),
      },
    ],
  };
}

const byExt = (files: readonly { name: string; text: string }[], ext: string) =>
  files.find((f) => f.name.endsWith(ext))!.text;

describe('recboleFiles', () => {
  it('writes RecBole headers with field:type suffixes, tab-separated, one line per row', () => {
    const { name, files } = recboleFiles(hostile());
    expect(name).toBe('my_data_v2_e');
    expect(files.map((f) => f.name)).toEqual([
      `${name}.inter`,
      `${name}.item`,
      `${name}.user`,
      `${name}.yaml`,
    ]);

    const inter = byExt(files, '.inter').trimEnd().split('\n');
    expect(inter[0]).toBe('user_id:token\titem_id:token\trating:float\ttimestamp:float\tlabel:float');
    expect(inter).toHaveLength(demo.interactions.user.length + 1);
    const first = inter[1].split('\t');
    expect(first[0]).toBe(demo.userKeys[demo.interactions.user[0]]);
    expect(Number(first[3])).toBe(demo.interactions.timestamp[0]);
    expect(Number(first[2])).toBe(demo.interactions.label[0]);

    const item = byExt(files, '.item').trimEnd().split('\n');
    const header = recboleHeader(item[0].split('\t'))!;
    expect(header.map((h) => `${h.name}:${h.type}`)).toEqual([
      'item_id:token',
      'title:token_seq',
      'category:token',
      'author:token',
      'duration:token',
      'genres:token_seq',
      'visual:float_seq',
      'acoustic:float_seq',
      'text:float_seq',
    ]);
    expect(item).toHaveLength(demo.numItems + 1);
    for (const line of item) expect(line.split('\t')).toHaveLength(header.length);
    // Verbatim, apart from the tab and line break; multi-values with spaces joined by '_'.
    expect(item[1].split('\t')[1]).toBe('=cmd|"/C calc" A0 next');
    expect(item[1].split('\t')[5]).toBe('Sci_Fi');
    expect(item[1].split('\t')[6].split(' ')).toHaveLength(demo.modalities[0].dim);

    const user = byExt(files, '.user').trimEnd().split('\n');
    expect(user[0]).toBe('user_id:token\tage:token\tgender:token\tregion:token');
    expect(user).toHaveLength(demo.numUsers + 1);

    const yaml = byExt(files, '.yaml');
    expect(yaml).toContain(`dataset: ${name}`);
    expect(yaml).toContain('  inter: [user_id, item_id, rating, timestamp, label]');
    expect(yaml).toContain(
      '  item: [item_id, title, category, author, duration, genres, visual, acoustic, text]',
    );
    expect(yaml).toContain('  user: [user_id, age, gender, region]');
  });

  it('reads back through our own importer as the same dataset (zip → recognised → built)', async () => {
    const { name, files } = recboleFiles(demo);
    const zip = zipTextFiles(name, files);
    expect(Object.keys(unzipSync(zip))).toEqual(files.map((f) => `${name}/${f.name}`));
    expect(strFromU8(unzipSync(zip)[`${name}/${name}.yaml`])).toContain('load_col:');

    const { outcome, files: parsed } = await readForImport([{ name: `${name}.zip`, bytes: zip }]);
    if (outcome.type !== 'ok') throw new Error(outcome.issue.message);
    expect(outcome.recognized).toBe(true);
    expect(outcome.mapping.label).toEqual({ kind: 'column' });
    const built = buildForImport(parsed, outcome.mapping, DEFAULT_SPLIT_CONFIG);
    if ('issue' in built) throw new Error(built.issue.message);
    const ds = built.ok.dataset;
    expect(ds.numUsers).toBe(demo.numUsers);
    expect(ds.numItems).toBe(demo.numItems);
    expect(ds.interactions.user.length).toBe(demo.interactions.user.length);
    const positives = (l: Float32Array) => l.reduce((a, b) => a + b, 0);
    expect(positives(ds.interactions.label)).toBe(positives(demo.interactions.label));
    expect(ds.userFields.map((c) => c.name)).toEqual(['age', 'gender', 'region']);
    expect(ds.modalities.map((m) => [m.name, m.dim])).toEqual(
      expect.arrayContaining(demo.modalities.map((m) => [m.name, m.dim])),
    );
  });

  it('makes a usable name of anything', () => {
    expect(safeName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeName('***')).toBe('dataset');
  });
});
