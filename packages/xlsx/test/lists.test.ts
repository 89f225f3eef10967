import censusRoster from '@tianbao/template-census-roster';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import { choice, defineForm, formSchema, type FormDeclaration, type Layout } from '@tianbao/form';
import { describe, expect, it } from 'vitest';
import { META_SHEET, locateForm, openWorkbook, readWorkbook, writeWorkbook } from '../src/index.ts';
import { columnOf, open, rangeValues } from './read-back.ts';

// The lists, sheets and cells of the workbooks written, none of them a date: in China's zone only.
// The 完成时限 check and cells and the summary's as-of day, in every zone: checklist-dates.test.ts.

const outfallTypes = outfallChecklist.layout.columns.find((c) => c.key === 'type')!.cell!.entry;

describe('blank outfall checklist', () => {
  it('orders its sheets: the form, the river list, then the hidden lists and identity', async () => {
    const wb = await open(await writeWorkbook(outfallChecklist, null));
    expect(wb.worksheets.map((ws) => [ws.name, ws.state])).toEqual([
      ['排污口清单', 'visible'],
      ['主要河流清单', 'visible'],
      ['_lists', 'veryHidden'],
      [META_SHEET, 'veryHidden'],
    ]);
    expect(META_SHEET).toBe('_tianbao');
  });

  it('freezes the header and offers 200 numbered rows that can be added to and deleted', async () => {
    const wb = await open(await writeWorkbook(outfallChecklist, null));
    const ws = wb.getWorksheet('排污口清单')!;
    expect(ws.getCell('A1').text).toBe('XX县（市、区）入河排污口排查整治台账');
    expect(ws.getCell('B3').text).toBe('排污口编码');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getCell('A4').value).toBe(1);
    expect(ws.getCell('A203').value).toBe(200);
    expect(ws.getCell('A204').value).toBeNull();
    // The answer cells of every blank row are open to the clerk, the header is not.
    for (const a of ['B4', 'G100', 'R203']) expect(ws.getCell(a).protection?.locked).toBe(false);
    expect(ws.getCell('B3').protection?.locked).not.toBe(false);
    expect((ws as any).sheetProtection).toMatchObject({ sheet: true, insertRows: true, deleteRows: true });
  });

  it('puts the long 排污口类型 list on a hidden sheet, as a range', async () => {
    const wb = await open(await writeWorkbook(outfallChecklist, null));
    const ws = wb.getWorksheet('排污口清单')!;
    const col = columnOf(ws, 3, '排污口类型');
    expect(outfallTypes?.type).toBe('list');
    const values = outfallTypes?.type === 'list' ? outfallTypes.values : [];
    expect(values).toHaveLength(18);
    for (const row of [4, 100, 203]) {
      const v = ws.getCell(`${col}${row}`).dataValidation;
      expect(v?.type).toBe('list');
      expect(v?.formulae).toHaveLength(1);
      const formula = String(v!.formulae[0]);
      expect(formula).toMatch(/^'_lists'!\$[A-Z]+\$1:\$[A-Z]+\$\d+$/);
      expect(rangeValues(wb, formula)).toEqual([...values]);
    }
    expect(ws.getCell(`${col}3`).dataValidation).toBeUndefined();
    expect(ws.getCell(`${col}204`).dataValidation).toBeUndefined();
  });

  it('keeps a list longer than Excel allows inline on the hidden sheet too', async () => {
    // Excel refuses an inline list (`"a,b,c"`) of more than 255 characters; a range has no such limit.
    const values = Array.from({ length: 40 }, (_, i) => `第${i + 1}类工业及其他各类园区排污口`);
    expect(values.join(',').length).toBeGreaterThan(255);
    const layout: Layout = {
      ...outfallChecklist.layout,
      sheet: '清单',
      blankRows: 3,
      remarkColumn: undefined,
      columns: [
        { key: 'no', header: '序号', width: 5, serial: true },
        { key: 'kind', header: '类型', width: 30, cell: choice(values) },
        { key: 'again', header: '类型（复核）', width: 30, cell: choice(values) },
      ],
    };
    const form = defineForm({ ...outfallChecklist, id: 'long-list', sheets: undefined, layout, schema: formSchema(layout), samples: () => [] } as FormDeclaration<any, any>);
    const wb = await open(await writeWorkbook(form, null));
    const ws = wb.getWorksheet('清单')!;
    const kind = String(ws.getCell('B4').dataValidation?.formulae[0]);
    expect(kind).toBe(`'_lists'!$A$1:$A$40`);
    expect(rangeValues(wb, kind)).toEqual(values);
    // Two columns with the same list share one range.
    expect(ws.getCell('C6').dataValidation?.formulae).toEqual([kind]);
  });

  it('lists the main rivers by basin on their own sheet', async () => {
    const wb = await open(await writeWorkbook(outfallChecklist, null));
    const ws = wb.getWorksheet('主要河流清单')!;
    expect(ws.getCell('A1').text).toBe('焦作市主要河流清单');
    expect([ws.getCell('A2').text, ws.getCell('B2').text]).toEqual(['流域', '主要河流']);
    expect([ws.getCell('A3').text, ws.getCell('B3').text]).toEqual(['黄河流域', '黄河、沁河、蟒河、新蟒河、丹河、济河、滩区涝河']);
    expect([ws.getCell('A4').text, ws.getCell('B4').text]).toEqual(['海河流域', '大沙河、共产主义渠、人民胜利渠']);
    expect(ws.getCell('A5').text).toMatch(/^注：/);
  });
});

describe('blank census roster', () => {
  it('names the unit in the title and offers the roles as a dropdown', async () => {
    const wb = await open(await writeWorkbook(censusRoster, null, { unit: '焦作市' }));
    const ws = wb.getWorksheet('领导小组名单')!;
    expect(ws.getCell('A1').text).toBe('焦作市第五次全国经济普查领导小组组成人员名单');
    expect(['A2', 'B2', 'C2', 'D2'].map((a) => ws.getCell(a).text)).toEqual(['序号', '领导小组职务', '姓名', '单位及职务']);
    const role = ws.getCell('B3').dataValidation;
    expect(role?.type).toBe('list');
    expect(rangeValues(wb, String(role?.formulae[0]))).toEqual(['组长', '副组长', '成员']);
    expect(role?.prompt).toContain('留空');
    const meta = Object.fromEntries(wb.getWorksheet(META_SHEET)!.getSheetValues().filter(Boolean).map((r: any) => [r[1], r[2]]));
    expect(meta).toMatchObject({ template: 'census-roster', unit: '焦作市' });
  });

  it('puts the office fields under the blank rows, after one empty row, with open value cells', async () => {
    const wb = await open(await writeWorkbook(censusRoster, null, { unit: '焦作市' }));
    const ws = wb.getWorksheet('领导小组名单')!;
    const blank = censusRoster.layout.blankRows!;
    const last = 2 + blank;
    expect(ws.getCell(`A${last}`).value).toBe(blank);
    expect(ws.getCell(`B${last}`).dataValidation?.type).toBe('list');
    expect(ws.getCell(`B${last + 1}`).dataValidation).toBeUndefined();
    expect(['A', 'B', 'C', 'D'].map((c) => ws.getCell(`${c}${last + 1}`).text)).toEqual(['', '', '', '']);
    for (const [row, label] of [
      [last + 2, '办公室设在'],
      [last + 3, '办公室主任'],
    ] as const) {
      const labelCell = ws.getCell(`B${row}`);
      expect(labelCell.text).toBe(label);
      expect(labelCell.protection?.locked).not.toBe(false);
      const value = ws.getCell(`C${row}`);
      expect(value.value).toBeNull();
      expect(value.protection?.locked).toBe(false);
      // The value cell spans 姓名 and 单位及职务.
      expect(ws.getCell(`D${row}`).isMerged && ws.getCell(`D${row}`).master.address).toBe(`C${row}`);
    }
  });
});

describe('reading a roster back', () => {
  /** The blank roster as a clerk fills it: a role written once per group, a row left empty, the director typed in one cell. */
  async function filled(): Promise<Buffer> {
    const wb = await readWorkbook(await writeWorkbook(censusRoster, null, { unit: '焦作市' }));
    const ws = wb.getWorksheet('领导小组名单')!;
    const rows: [number, string | null, string, string][] = [
      [3, '组长', '路红卫', '市委常委、常务副市长'],
      [4, '副组长', '刘文忠', '市政府副秘书长'],
      [5, null, '靳 莲', '市统计局局长'],
      // row 6 left blank, still numbered
      [7, '成员', '刘祖国', '市委政法委副书记'],
      [8, null, '郭利', '市委编办副主任'],
      [9, '', '景国红', '市发展改革委副主任'],
    ];
    for (const [r, role, name, post] of rows) {
      ws.getCell(`B${r}`).value = role;
      ws.getCell(`C${r}`).value = name;
      ws.getCell(`D${r}`).value = post;
    }
    ws.getCell('C24').value = '市统计局';
    ws.getCell('B25').value = '办公室主任：靳莲';
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('skips blank rows and lets a blank role continue the one above', async () => {
    const loc = (await locateForm(await openWorkbook(await filled()), censusRoster))!;
    expect(loc).toMatchObject({ sheet: '领导小组名单', headerRow: 2 });
    expect(loc.columns).toEqual({ no: 'A', role: 'B', name: 'C', post: 'D' });
    expect(loc.title?.text).toBe('焦作市第五次全国经济普查领导小组组成人员名单');
    expect(loc.rows.map((r) => r.row)).toEqual([3, 4, 5, 7, 8, 9]);
    expect(loc.rows.map((r) => r.values!.role)).toEqual(['组长', '副组长', '副组长', '成员', '成员', '成员']);
    expect(loc.rows.map((r) => r.values!.name)).toEqual(['路红卫', '刘文忠', '靳 莲', '刘祖国', '郭利', '景国红']);
    // The numbered blank rows 10–22 are not entries.
    expect(loc.rows).toHaveLength(6);
  });

  it('reads a field beside its label and one typed with its label in one cell', async () => {
    const loc = (await locateForm(await openWorkbook(await filled()), censusRoster))!;
    expect(loc.fields.officeUnit).toEqual({ value: '市统计局', cell: 'C24' });
    expect(loc.fields.officeDirector).toEqual({ value: '靳莲', cell: 'B25' });
  });

  /** The blank roster with only its first `n` rows filled and both fields given. */
  async function short(n: number) {
    const wb = await readWorkbook(await writeWorkbook(censusRoster, null, { unit: '温县' }));
    const ws = wb.getWorksheet('领导小组名单')!;
    const people = [
      ['组长', '张建国', '县委常委、常务副县长'],
      ['副组长', '李海燕', '县统计局局长'],
      ['成员', '王志强', '县财政局副局长'],
    ];
    people.slice(0, n).forEach(([role, name, post], i) => {
      ws.getCell(`B${3 + i}`).value = role!;
      ws.getCell(`C${3 + i}`).value = name!;
      ws.getCell(`D${3 + i}`).value = post!;
    });
    ws.getCell('C24').value = '县统计局';
    ws.getCell('C25').value = '李海燕';
    return (await locateForm(await openWorkbook(Buffer.from(await wb.xlsx.writeBuffer())), censusRoster))!;
  }

  it('finds the fields under the blank rows when the list fills three of them', async () => {
    const loc = await short(3);
    expect(loc.rows).toHaveLength(3);
    expect(loc.fields.officeUnit).toEqual({ value: '县统计局', cell: 'C24' });
    expect(loc.fields.officeDirector).toEqual({ value: '李海燕', cell: 'C25' });
  });

  // The blank offers 20 rows: one filled leaves 19 empty ones between the list and its fields.
  it('finds the fields under the blank rows when the list fills only one of them', async () => {
    const loc = await short(1);
    expect(loc.rows).toHaveLength(1);
    expect(loc.fields.officeUnit).toEqual({ value: '县统计局', cell: 'C24' });
    expect(loc.fields.officeDirector).toEqual({ value: '李海燕', cell: 'C25' });
  });
});
