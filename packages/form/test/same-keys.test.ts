import { describe, expect, it } from 'vitest';
import { SameKeys } from '../src/same-keys.ts';

/** The groups as a Map from each key to its positions gives them. */
function byMap(keys: string[]): number[][] {
  const positions = new Map<string, number[]>();
  keys.forEach((k, p) => positions.set(k, [...(positions.get(k) ?? []), p]));
  return [...positions.values()].filter((g) => g.length > 1);
}

function groups(keys: string[]): number[][] {
  const same = new SameKeys();
  for (const k of keys) same.add(k);
  return same.groups();
}

describe('SameKeys', () => {
  it('gives the positions of each key added more than once, in order, the groups by their first', () => {
    expect(groups(['a', 'b', 'a', 'c', 'b', 'a'])).toEqual([
      [0, 2, 5],
      [1, 4],
    ]);
    expect(groups(['x', 'y', 'z'])).toEqual([]);
    expect(groups([])).toEqual([]);
    // Keys equal as strings only: no folding of case, width or space.
    expect(groups(['410802-0001', '410802-0001 ', 'A1', 'a1', '４１', '41', '', ''])).toEqual([[6, 7]]);
  });

  it('tells apart keys whose hashes are the same', () => {
    // FNV-1a (32 bits) of these two is the same: 0x5e4daa9d.
    expect(groups(['costarring', 'liquid', 'costarring', 'liquid', 'liquid'])).toEqual([
      [0, 2],
      [1, 3, 4],
    ]);
  });

  it('finds what a Map finds, in 60,000 keys of codes, names and characters outside the BMP', () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const pool = ['410802-', '焦作市', '𠀀𪚥', 'Ⅱ', ' '];
    const keys = Array.from({ length: 60_000 }, () => `${pool[next() % pool.length]}${next() % 40_000}`);
    const found = groups(keys);
    expect(found.length).toBeGreaterThan(1000);
    expect(found).toEqual(byMap(keys));
  });
});
