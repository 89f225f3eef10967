import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, defineForm, formSchema, overlongCells, text, type CellType, type FormDefinition, type Layout } from '../src/index.ts';
import { minimalForm } from './minimal-form.ts';

/** A cell of items written numbered, one a line (`1.…\n2.…`), as a ledger's are. */
const items: CellType<string[]> = {
  schema: z.array(z.string()),
  read: () => ({ value: [], problems: [] }),
  write: (values) => values.map((v, i) => `${i + 1}.${v}`).join('\n'),
  problems: {},
};

const layout: Pick<Layout, 'title' | 'placeholder' | 'orientation' | 'notes'> = { title: '{unit}表', placeholder: 'XX县', orientation: 'portrait', notes: [] };

/** A table of fixed rows with an items column, an info line and a field under it. */
const fixedLayout: Layout = {
  ...layout,
  sheet: '表',
  infoLine: true,
  dataKey: 'rows',
  columns: [
    { key: 'item', header: '项目', width: 10 },
    { key: 'problems', header: '存在问题', width: 40, cell: items },
  ],
  rows: [{ key: 'first', label: '一', fixed: { item: '一' } }],
  fields: { labelColumn: 'item', valueColumn: 'problems', items: [{ key: 'head', label: '负责人', cell: text() }] },
};
const fixedRows: FormDefinition<any> = defineForm({ ...minimalForm, id: 'fixed', name: '固定行', schema: formSchema(fixedLayout), layout: fixedLayout });

/** A list, one row per entry. */
const listLayout: Layout = { ...layout, sheet: '表', infoLine: false, dataKey: 'entries', columns: [{ key: 'remark', header: '备注', width: 20, cell: text() }] };
const list: FormDefinition<any> = defineForm({ ...minimalForm, id: 'list', name: '清单', schema: formSchema(listLayout), layout: listLayout });

describe('overlongCells', () => {
  it('measures an items cell as written, numbered, one item a line', () => {
    // Two items of half the limit, joined as `1.…\n2.…`: 2 × (2 + n) + 1 characters.
    const n = (MAX_CELL_CHARS - 5) / 2;
    const fits = { unit: '某县', rows: { first: { problems: ['甲'.repeat(n), '乙'.repeat(n)] } } };
    const over = { unit: '某县', rows: { first: { problems: ['甲'.repeat(n + 1), '乙'.repeat(n)] } } };
    expect(overlongCells(fixedRows, fits)).toEqual([]);
    expect(overlongCells(fixedRows, over)).toEqual([{ path: ['rows', 'first', 'problems'], header: '存在问题', chars: MAX_CELL_CHARS + 1 }]);
  });

  it('finds the info line, the fields and a list entry by the data they come from', () => {
    const long = '长'.repeat(MAX_CELL_CHARS + 1);
    expect(overlongCells(fixedRows, { unit: '某县', filler: long, head: long, rows: {} }).map((c) => [c.path.join('.'), c.header])).toEqual([
      ['filler', '填报单位'],
      ['head', '负责人'],
    ]);
    expect(overlongCells(list, { unit: '某县', entries: [{ remark: '短' }, { remark: long }] })).toEqual([
      { path: ['entries', 1, 'remark'], header: '备注', chars: MAX_CELL_CHARS + 1 },
    ]);
  });
});
