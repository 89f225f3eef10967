import outfallChecklist from '@tianbao/template-outfall-checklist';
import { describe, expect, it } from 'vitest';
import { ooxmlText } from '../src/exceljs-internals.ts';
import { openWorkbook, readEntry, readWorkbook, writeWorkbook, zipEntries, type Row } from '../src/index.ts';

// Texts a submitted workbook may hold, escaped there (`_x0007_`), that a compilation writes again: control
// characters, U+FFFE and U+FFFF, half of a surrogate pair; and a text that reads as such an escape.
const TEXTS = ['补正\x00通知', '响铃\x07与\x1b[31m', '删除\x7f', '非字符\uffff\ufffe', '名\ud842', '\udfb7名', '字面_x0041_与_X004A_', '吉\ud842\udfb7\t甲\n乙', '回车\r与\r\n'];

/** The shared strings of a workbook, as written. */
const sharedStrings = (buf: Buffer) => (readEntry(buf, zipEntries(buf)!.find((e) => e.name === 'xl/sharedStrings.xml')!, 1 << 28) as Buffer).toString('utf8');

describe('a text XML cannot carry as it is', () => {
  it('is escaped as OOXML strings escape it, each character as Excel writes it', () => {
    expect(ooxmlText('补正\x00通知')).toBe('补正_x0000_通知');
    expect(ooxmlText('\x07\x1b\x7f\uffff\ufffe')).toBe('_x0007__x001B__x007F__xFFFF__xFFFE_');
    expect(ooxmlText('名\ud842')).toBe('名_xD842_');
    expect(ooxmlText('字面_x0041_与_X004A_')).toBe('字面_x005F_x0041_与_X004A_');
    // A carriage return XML carries, but its parsers read as a line feed.
    expect(ooxmlText('甲\r乙\r\n丙')).toBe('甲_x000D_乙_x000D_\n丙');
    // What XML carries is left as it is: a whole surrogate pair, tab, line feed, a lone underscore.
    for (const text of ['吉\ud842\udfb7', '甲\t乙\n丙', '_x004_', 'a_b']) expect(ooxmlText(text)).toBe(text);
  });

  it('is written so that the workbook opens, and read back as it was, by this reader and by exceljs', async () => {
    const sample = outfallChecklist.samples.find((s) => s.unit === '修武县')!;
    const outfalls = sample.outfalls.map((o, i) => (i < TEXTS.length ? { ...o, remark: TEXTS[i]! } : o));
    const buf = await writeWorkbook(outfallChecklist, { ...sample, outfalls });
    const xml = sharedStrings(buf);
    expect(xml).toContain('<t>补正_x0000_通知</t>');
    expect(xml).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\uffff\ufffe]/);

    // 备注 is column R, the rows from row 4.
    const wb = await openWorkbook(buf);
    const sheet = wb.book.sheets.find((s) => s.name === '排污口清单')!;
    const rows: Row[] = [];
    for await (const row of wb.book.rows(sheet)) rows.push(row);
    const remarks = TEXTS.map((_, i) => rows.find((r) => r.r === i + 4)!.cells[18]);
    expect(remarks).toEqual(TEXTS);

    const ws = (await readWorkbook(buf)).getWorksheet('排污口清单')!;
    expect(TEXTS.map((_, i) => ws.getCell(`R${i + 4}`).value)).toEqual(TEXTS);
  });
});
