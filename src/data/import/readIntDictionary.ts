/**
 * First-appearance codes for integer values, in an open-addressing hash table over typed arrays. A `Map` of
 * the same values as strings costs about ten times as long and as much memory for a column of a million
 * distinct timestamps, and strings are only needed for the distinct values, at the end.
 */
export class IntDictionary {
  /** Distinct values in order of first appearance; a value's index is its code. */
  readonly values: number[] = [];
  private keys: Float64Array;
  private slots: Int32Array; // code + 1; 0 = empty
  private mask: number;

  constructor(initialCapacity = 1024) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, initialCapacity * 2)));
    this.keys = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** The value's code, adding it if new. `value` must be an integer within ±2^53. */
  codeOf(value: number): number {
    let i = hash(value) & this.mask;
    for (;;) {
      const slot = this.slots[i];
      if (slot === 0) break;
      if (this.keys[i] === value) return slot - 1;
      i = (i + 1) & this.mask;
    }
    const code = this.values.length;
    this.values.push(value);
    this.keys[i] = value;
    this.slots[i] = code + 1;
    if (this.values.length * 2 > this.slots.length) this.grow();
    return code;
  }

  private grow(): void {
    const capacity = this.slots.length * 2;
    this.keys = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.values.forEach((value, code) => {
      let i = hash(value) & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.keys[i] = value;
      this.slots[i] = code + 1;
    });
  }
}

/** Mixes both 32-bit halves (ids above 2^32 exist) with a multiply-xorshift finaliser. */
function hash(value: number): number {
  const low = value | 0;
  const high = (value / 4294967296) | 0;
  let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 13);
}
