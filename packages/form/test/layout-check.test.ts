import { describe, expect, it } from 'vitest';
import { checkLayout } from '../src/layout-check.ts';
import { text, type Layout } from '../src/index.ts';

const base: Layout = {
  sheet: '表',
  title: '{unit}表',
  placeholder: 'XX县',
  orientation: 'portrait',
  notes: [],
  infoLine: false,
  dataKey: 'entries',
  columns: [
    { key: 'name', header: '姓名', width: 10, cell: text() },
    { key: 'remark', header: '备注', width: 20, cell: text() },
  ],
};
const refused = (layout: Partial<Layout>) => () => checkLayout('t', { ...base, ...layout });

describe('checkLayout', () => {
  it('takes a layout whose keys, headers and references are each one', () => {
    expect(refused({})).not.toThrow();
  });

  it('refuses two columns under one key: the second one’s data would be dropped', () => {
    expect(refused({ columns: [base.columns[0]!, { ...base.columns[1]!, key: 'name' }] })).toThrow('t: column keys given twice: name');
  });

  it('refuses two columns under one header, spaces aside: the reader could not tell them apart', () => {
    expect(refused({ columns: [base.columns[0]!, { ...base.columns[1]!, header: '姓 名' }] })).toThrow('column headers given twice: 姓名');
  });

  it('refuses a table without columns, and a column without a header', () => {
    expect(refused({ columns: [] })).toThrow('the table has no columns');
    expect(refused({ columns: [base.columns[0]!, { ...base.columns[1]!, header: ' ' }] })).toThrow('a column has no header');
  });

  it('refuses a table or field named as a field every form has', () => {
    expect(refused({ dataKey: 'unit' })).toThrow('"unit" is a field every form has');
    const field = { key: 'period', label: '月份', cell: text() };
    expect(refused({ fields: { labelColumn: 'name', valueColumn: 'remark', items: [field] } })).toThrow('"period" is a field every form has');
  });

  it('refuses a field named as the table, and a field given twice', () => {
    const field = { key: 'entries', label: '条目', cell: text() };
    expect(refused({ fields: { labelColumn: 'name', valueColumn: 'remark', items: [field] } })).toThrow('"entries" names both the table and a field');
    const twice = { key: 'head', label: '负责人', cell: text() };
    expect(refused({ fields: { labelColumn: 'name', valueColumn: 'remark', items: [twice, twice] } })).toThrow('field keys given twice: head');
  });

  it('refuses a reference to a column the table does not have', () => {
    expect(refused({ remarkColumn: 'note' })).toThrow('remarkColumn names a column "note"');
    expect(refused({ mergeDown: ['kind'] })).toThrow('mergeDown names a column "kind"');
    expect(refused({ fields: { labelColumn: 'label', valueColumn: 'remark', items: [] } })).toThrow('fields.labelColumn names a column "label"');
  });

  it('refuses fixed rows under one key, or with text for a column the table does not have', () => {
    const columns = [{ key: 'item', header: '项目', width: 10 }, base.columns[1]!];
    const row = { key: 'a', label: '一', fixed: { item: '一' } };
    expect(refused({ columns, rows: [row, row] })).toThrow('row keys given twice: a');
    expect(refused({ columns, rows: [{ ...row, fixed: { item: '一', kind: '甲' } }] })).toThrow('row a names a column "kind"');
    expect(refused({ columns, rows: [{ ...row, fixed: {} }] })).toThrow('row a has no text for fixed column item');
  });

  it('refuses a sheet name Excel cannot take', () => {
    expect(refused({ sheet: '问题台账（2023）' })).not.toThrow();
    expect(refused({ sheet: '' })).toThrow(`t: sheet name "" cannot name an Excel sheet: give 1 to 31 characters, none of : \\ / ? * [ ], not starting or ending with '`);
    expect(refused({ sheet: '表'.repeat(32) })).toThrow('cannot name an Excel sheet');
    for (const c of [':', '\\', '/', '?', '*', '[', ']']) expect(refused({ sheet: `值班${c}安排` })).toThrow('cannot name an Excel sheet');
    expect(refused({ sheet: "'值班" })).toThrow('cannot name an Excel sheet');
    expect(refused({ sheet: "值班'" })).toThrow('cannot name an Excel sheet');
    expect(refused({ sheet: 'history' })).toThrow('cannot name an Excel sheet');
  });

  it('refuses a sheet named as one tianbao writes itself, in any case', () => {
    expect(refused({ sheet: '_tianbao' })).toThrow('t: sheet name "_tianbao" is the name of a sheet tianbao writes itself (_tianbao, _lists)');
    expect(refused({ sheet: '_Lists' })).toThrow('sheet name "_Lists" is the name of a sheet tianbao writes itself');
  });

  it('refuses labelled rows under one label, spaces aside, and a value written in the label or the numbered column', () => {
    const columns = [{ key: 'no', header: '序号', width: 5, serial: true }, ...base.columns];
    const field = (key: string, label: string) => ({ key, label, cell: text() });
    expect(refused({ fields: { labelColumn: 'name', valueColumn: 'remark', items: [field('head', '负责人'), field('chief', '负 责 人')] } })).toThrow('t: field labels given twice: 负责人');
    expect(refused({ fields: { labelColumn: 'name', valueColumn: 'name', items: [field('head', '负责人')] } })).toThrow('t: fields.valueColumn is the label column "name"');
    expect(refused({ columns, fields: { labelColumn: 'name', valueColumn: 'no', items: [field('head', '负责人')] } })).toThrow('t: fields.valueColumn "no" is the numbered (serial) column');
    expect(refused({ columns, fields: { labelColumn: 'no', valueColumn: 'remark', items: [field('head', '负责人')] } })).not.toThrow();
  });

  it('refuses a serial column that also has a cell: the number would be read back as data', () => {
    expect(refused({ columns: [{ key: 'no', header: '序号', width: 5, serial: true, cell: text() }, base.columns[1]!] })).toThrow(
      't: column no is numbered by the engine (serial) and has a cell: drop one of them',
    );
  });

  it('refuses numbers a workbook cannot take: a width not above 0 or past 255, blank rows not whole, an orientation of neither kind', () => {
    for (const width of [Number.NaN, -3, 0, 300]) expect(refused({ columns: [{ ...base.columns[0]!, width }, base.columns[1]!] })).toThrow(`t: column name has width ${width}`);
    for (const blankRows of [-1, 2.5]) expect(refused({ blankRows })).toThrow(`t: blankRows ${blankRows} is not a whole number`);
    expect(refused({ blankRows: 0 })).not.toThrow();
    expect(refused({ orientation: 'sideways' as never })).toThrow('t: orientation "sideways" is neither portrait nor landscape');
  });

  it('refuses a title that is only the unit, a header of two lines, and notes written in the numbered column', () => {
    expect(refused({ title: ' {unit} ' })).toThrow('t: title is only {unit}');
    expect(refused({ columns: [{ ...base.columns[0]!, header: '姓\n名' }, base.columns[1]!] })).toThrow("t: column name's header has a line break");
    const numbered = { key: 'no', header: '序号', width: 5, serial: true as const };
    expect(refused({ columns: [numbered, ...base.columns], remarkColumn: 'no' })).toThrow('t: remarkColumn "no" is the numbered (serial) column');
  });

  it('refuses a title without the unit, or with it twice, and a list with a fixed column', () => {
    expect(refused({ title: '表' })).toThrow('title has no {unit}');
    expect(refused({ title: '{unit}表（{unit}）' })).toThrow('t: title has {unit} twice: the unit is written once');
    expect(refused({ columns: [{ key: 'item', header: '项目', width: 10 }, base.columns[1]!] })).toThrow('a list has no fixed columns');
  });
});
