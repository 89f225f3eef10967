import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import { forms } from '@tianbao/forms';
import { annotate, checkFile } from '@tianbao/validate';
import { writeWorkbook } from '@tianbao/xlsx';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir } from './run.ts';
import { byStreaming, FILES, handWritten, isRoster, same } from './two-readers.ts';

/**
 * Checking reads sheets with its own streaming reader of the sheet XML, not
 * with exceljs. On every workbook of the test corpus (other programs' files
 * and ours), it must read exactly the cells exceljs reads (two-readers.ts).
 * Here the workbooks with dates, in every time zone (test/vitest.config.ts);
 * the rosters, which hold none, and the XML without a date: reader-no-dates.test.ts;
 * the other forms' blanks, which hold none either: reader-blanks.test.ts.
 */
describe('the streaming reader reads what exceljs reads', () => {
  it('on XML no program above wrote: rich runs, phonetic guides, escapes, line ends, types, cells without a reference', async () => {
    const strings = [
      '<t>普通</t>',
      '<r><rPr><b/></rPr><t>加</t></r><r><t xml:space="preserve">粗 </t></r><rPh sb="0" eb="1"><t>ジャ</t></rPh>',
      '<t>A &amp; B &lt;&#x4E00;&#20108;&gt;</t>',
      '<t>第一行_x000D_\r\n第二行</t>',
      '<t></t>',
    ];
    const sheet = [
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>3</v></c><c t="s"><v>4</v></c></row>',
      '<row r="2" spans="1:6"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="e"><v>#N/A</v></c><c r="D2" t="str"><f>A1&amp;"x"</f><v>普通x</v></c><c r="E2"><f>1+1</f><v>2</v></c><c r="F2" s="0"/></row>',
      '<row r="3"><c r="A3" s="1"><v>45473</v></c><c r="B3" s="2"><v>45473.5</v></c><c r="C3" s="3"><v>45473</v></c><c r="D3"><v>-1.5E-3</v></c><c r="E3" t="inlineStr"><is><r><t>内</t></r><r><t>联</t></r></is></c></row>',
      '<row r="4"><c r="B4" t="s"><v>0</v></c><c r="C4" t="s"><v>2</v></c></row>',
      '<row r="5"><c r="B5" t="s"><v>3</v></c><c r="D5" t="inlineStr"><is><t>五</t></is></c></row>',
    ].join('');
    const buf = handWritten(sheet, strings);
    expect(await same(buf)).toBe(18);
    const { cells } = await byStreaming(buf);
    expect(cells.get('表&一!B1')).toBe('加粗 ');
    expect(cells.get('表&一!C1')).toBe('A & B <一二>');
    expect(cells.get('表&一!D1')).toBe('第一行\r\n第二行');
    expect(cells.get('表&一!A3')).toBe('date:2024-06-30T00:00:00.000Z');
    expect(cells.get('表&一!C5')).toBe('普通');
  });

  it.each(FILES.filter((f) => !isRoster(f)))('%s', async (file) => {
    expect(await same(readFileSync(join(FIXTURES, file)))).toBeGreaterThan(10);
  });

  // Its blanks hold no date: reader-blanks.test.ts.
  it.each(forms.filter((def) => !isRoster(def.id)))('$id as tianbao writes it, filled', async (def) => {
    for (const sample of def.samples.slice(0, 3)) expect(await same(await writeWorkbook(def, sample as any))).toBeGreaterThan(20);
  });

  it('a marked-up copy, with its comments', async () => {
    const file = join(FIXTURES, 'sheetjs', 'outfall-faulty.xlsx');
    const report = await checkFile(file, { forms, units: defaultUnits });
    const copy = (await annotate(report, join(tempDir(), 'copy.xlsx')))!;
    const buf = readFileSync(copy);
    expect((await byStreaming(buf)).notes.size).toBeGreaterThan(3);
    await same(buf);
  });
});
