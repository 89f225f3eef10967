import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, defineForm, formSchema, unwritableCells, text, type CellType, type FormDefinition, type Layout } from '../src/index.ts';
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

describe('unwritableCells', () => {
  it('measures an items cell as written, numbered, one item a line', () => {
    // Two items of half the limit, joined as `1.…\n2.…`: 2 × (2 + n) + 1 characters.
    const n = (MAX_CELL_CHARS - 5) / 2;
    const fits = { unit: '某县', rows: { first: { problems: ['甲'.repeat(n), '乙'.repeat(n)] } } };
    const over = { unit: '某县', rows: { first: { problems: ['甲'.repeat(n + 1), '乙'.repeat(n)] } } };
    expect(unwritableCells(fixedRows, fits)).toEqual([]);
    expect(unwritableCells(fixedRows, over)).toEqual([{ path: ['rows', 'first', 'problems'], header: '存在问题', chars: MAX_CELL_CHARS + 1 }]);
  });

  it('finds the info line, the fields and a list entry by the data they come from', () => {
    const long = '长'.repeat(MAX_CELL_CHARS + 1);
    expect(unwritableCells(fixedRows, { unit: '某县', filler: long, head: long, rows: {} }).map((c) => [c.path.join('.'), c.header])).toEqual([
      ['filler', '填报单位'],
      ['head', '负责人'],
    ]);
    expect(unwritableCells(list, { unit: '某县', entries: [{ remark: '短' }, { remark: long }] })).toEqual([
      { path: ['entries', 1, 'remark'], header: '备注', chars: MAX_CELL_CHARS + 1 },
    ]);
  });

  it('finds a character a workbook cannot hold, in the text as written', () => {
    const at = (text: string) => unwritableCells(list, { unit: '某县', entries: [{ remark: text }] }).map((c) => c.character?.code);
    // XML carries none of these: a writer drops them, or writes a file Excel cannot open (U+FFFF).
    for (const [c, code] of [['\x00', 'U+0000'], ['\x07', 'U+0007'], ['\x1b', 'U+001B'], ['\x7f', 'U+007F'], ['\uffff', 'U+FFFF'], ['\ufffe', 'U+FFFE']])
      expect(at(`补正${c}通知`)).toEqual([code]);
    // Half of a surrogate pair, either half, at either end; a whole pair (𠮷) is a character like any other.
    expect(at('名\ud842')).toEqual(['U+D842']);
    expect(at('\udfb7名')).toEqual(['U+DFB7']);
    expect(at('\udfb7\ud842')).toEqual(['U+DFB7']);
    expect(at('吉\ud842\udfb7')).toEqual([]);
    // Tab and line breaks a cell holds; so it does a full-width space and a zero-width one.
    expect(at('甲\t乙\n丙\r\n丁\u3000戊\u200b')).toEqual([]);
  });

  it('says both of a cell too long with such a character, and gives the text written', () => {
    const long = '甲'.repeat(MAX_CELL_CHARS);
    const [cell, ...more] = unwritableCells(fixedRows, { unit: '某县', rows: { first: { problems: [long, '\x00'] } } });
    // `1.…\n2.\x00`: 6 characters more than the first item.
    expect(cell).toEqual({ path: ['rows', 'first', 'problems'], header: '存在问题', chars: MAX_CELL_CHARS + 6, character: { char: '\x00', code: 'U+0000', text: `1.${long}\n2.\x00` } });
    expect(more).toEqual([]);
  });
});
