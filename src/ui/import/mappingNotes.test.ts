import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { formatIssue, type DataMapping } from '../../data/import/types';
import { readForImport } from '../../engine/importer';
import { mappingNotes } from './mappingNotes';

async function propose(name: string, text: string) {
  const { outcome } = await readForImport([{ name, bytes: strToU8(text) }]);
  if (outcome.type !== 'ok') throw new Error(formatIssue(outcome.issue));
  return outcome;
}

describe('mappingNotes', () => {
  it('says which rows of MovieLens ratings.csv have no rating, naming the file, line, column and value', async () => {
    const ratings =
      'userId,movieId,rating,timestamp\n1,10,4.5,964982703\n1,20,n/a,964981247\n2,10,3.0,964982224\n';
    const { files, mapping, recognized } = await propose('ratings.csv', ratings);
    expect(recognized).toBe(true);
    expect(mappingNotes(files, mapping).map(formatIssue)).toEqual([
      'ratings.csv, line 3, column 3: Column "rating" is the rating, but 1 of 3 rows hold no number; they will ' +
        'be left out. (value "n/a") Fix those cells in the file, or set the column to "ignore" and pick ' +
        'another label rule.',
    ]);
  });

  it('says why a column named rating was not taken as the rating', async () => {
    const text = 'user,item,rating\nu1,i1,good\nu1,i2,bad\nu2,i1,good\nu2,i3,5\nu3,i2,bad\n';
    const { files, mapping } = await propose('opinions.csv', text);
    const notes = mappingNotes(files, mapping);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ file: 'opinions.csv', line: 2, column: 3, value: 'good' });
    expect(notes[0].message).toBe(
      'Column "rating" is not used as the rating: 4 of 5 rows hold no number, so every row counts as a ' +
        'positive (implicit feedback).',
    );
  });

  it('stops a rating column without a single number, and checks a label column for 0/1', async () => {
    const text = 'user,item,rating,clicked\nu1,i1,x,1\nu1,i2,y,maybe\nu2,i1,z,0\n';
    const { files, mapping } = await propose('t.csv', text);
    const table = mapping.tables[0];
    const roles = table.roles.map((r) => r.role);
    const asRating: DataMapping = {
      ...mapping,
      tables: [{ ...table, roles: table.roles.map((r, c) => (c === 2 ? { role: 'rating' } : r)) }],
      label: { kind: 'threshold', threshold: 4 },
    };
    expect(mappingNotes(files, asRating)[0]).toMatchObject({ severity: 'fatal', line: 2, value: 'x' });
    const asLabel: DataMapping = { ...mapping, label: { kind: 'column' } };
    expect(roles[3]).toBe('label');
    expect(mappingNotes(files, asLabel)).toEqual([
      expect.objectContaining({ line: 3, column: 4, value: 'maybe', severity: 'warning' }),
    ]);
  });

  it('has nothing to say about clean data', async () => {
    const { files, mapping } = await propose('ok.csv', 'user,item,rating\nu1,i1,4\nu2,i2,3\n');
    expect(mappingNotes(files, mapping)).toEqual([]);
  });
});
