/** Original user / item ids → dense indices 0..n-1, keeping the original strings. */
import type { TableColumn } from './types';
import { sortIds } from './values';

export class KeyIndex {
  readonly keys: string[] = [];
  // A Map, not an object: ids like "__proto__" or "constructor" are plain data.
  private readonly index = new Map<string, number>();

  get size(): number {
    return this.keys.length;
  }

  get(key: string): number | undefined {
    return this.index.get(key);
  }

  private add(key: string): void {
    if (key === '' || this.index.has(key)) return;
    this.index.set(key, this.keys.length);
    this.keys.push(key);
  }

  /** Adds a column's ids in file order (its dictionary is in order of first appearance). */
  addInFileOrder(col: TableColumn): void {
    for (const v of col.dict) this.add(v.trim());
  }

  /** Adds the new ids among the dictionary codes marked in `used`, in id order. */
  addSorted(col: TableColumn, used: Uint8Array): void {
    const fresh = new Set<string>();
    col.dict.forEach((v, c) => {
      const key = v.trim();
      if (used[c] && key !== '' && !this.index.has(key)) fresh.add(key);
    });
    for (const key of sortIds([...fresh])) this.add(key);
  }

  /** The dense index of each dictionary entry of `col`, -1 for an unknown or empty id. */
  lookup(col: TableColumn): Int32Array {
    return Int32Array.from(col.dict, (v) => this.index.get(v.trim()) ?? -1);
  }

  /** The dense index of each row of `col`, -1 for an unknown or empty id. */
  rows(col: TableColumn): Int32Array {
    const ofCode = this.lookup(col);
    return Int32Array.from(col.codes, (c) => (c >= 0 ? ofCode[c] : -1));
  }
}
