/** Positions an add may have: packed below a 32-bit hash, the two stay within a double's exact integers (2^53). */
const POSITIONS = 2 ** 21;

/**
 * Which of many keys are the same (a code used twice in a long list), for a
 * rule across entries: each key is added in turn, and the positions sharing
 * one are found once, after the last.
 *
 * A `Map` from the keys was the plain way, and in a checked sheet of 100,000
 * rows the slowest: each lookup, among the sheet's XML streaming through the
 * cache, missed it on the table and on the key it compared, some 650 ns where
 * the same lookups alone take 150. Here an add hashes the key while it is at
 * hand (FNV-1a of its UTF-16 code units) into one growing array; the end sorts
 * the hashes, each packed with its position, natively, and compares the keys
 * themselves only where two hashes are equal.
 */
export class SameKeys {
  private readonly keys: string[] = [];
  private readonly packed: number[] = [];

  /** Add `key`; its position is the number of keys added before it. Throws past 2,097,152 keys. */
  add(key: string): void {
    const position = this.keys.length;
    if (position >= POSITIONS) throw new RangeError(`SameKeys holds at most ${POSITIONS} keys`);
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    this.keys.push(key);
    this.packed.push((h >>> 0) * POSITIONS + position);
  }

  /** Each key added more than once: its positions in ascending order, the groups by their first position. */
  groups(): number[][] {
    const sorted = Float64Array.from(this.packed).sort();
    const out: number[][] = [];
    for (let i = 0; i < sorted.length; ) {
      const hash = Math.floor(sorted[i]! / POSITIONS);
      let j = i + 1;
      while (j < sorted.length && Math.floor(sorted[j]! / POSITIONS) === hash) j++;
      if (j - i > 1) out.push(...this.equal(sorted.subarray(i, j)));
      i = j;
    }
    return out.sort((a, b) => a[0]! - b[0]!);
  }

  /** The positions of one hash (ascending) split by their keys: those of a key held more than once. */
  private equal(run: Float64Array): number[][] {
    const byKey = new Map<string, number[]>();
    for (const p of run) {
      const position = p % POSITIONS;
      const key = this.keys[position]!;
      const group = byKey.get(key);
      if (group) group.push(position);
      else byKey.set(key, [position]);
    }
    return [...byKey.values()].filter((g) => g.length > 1);
  }
}
