import { describe, expect, it } from 'vitest';
import { mergeRuns, type Layout } from '../src/index.ts';

const row = (key: string, item: string, note = '') => ({ key, label: key, fixed: { item, note } });

describe('mergeRuns', () => {
  it('gives each run of equal fixed text in a merge-down column, a row on its own a run of one', () => {
    const layout = {
      mergeDown: ['item', 'note'],
      rows: [row('a', '重点检视'), row('b', '重点检视'), row('c', '重点检视', '注'), row('d', '专题检视', '注')],
    } as unknown as Layout;
    expect(mergeRuns(layout)).toEqual([
      { key: 'item', first: 0, last: 2 },
      { key: 'item', first: 3, last: 3 },
      { key: 'note', first: 0, last: 1 },
      { key: 'note', first: 2, last: 3 },
    ]);
  });

  it('gives none for a list or a layout that merges nothing', () => {
    expect(mergeRuns({ columns: [] } as unknown as Layout)).toEqual([]);
    expect(mergeRuns({ rows: [row('a', 'x')] } as unknown as Layout)).toEqual([]);
  });
});
