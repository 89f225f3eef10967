import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { forms } from '@tianbao/forms';
import { writeWorkbook } from '@tianbao/xlsx';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './run.ts';
import { byStreaming, FILES, handWritten, isRoster, same } from './two-readers.ts';

// The streaming reader against exceljs (two-readers.ts) on what holds no date, in China's zone only:
// the rosters, and XML exceljs does not read. The workbooks with dates: reader.test.ts, in every zone.
describe('the streaming reader reads what exceljs reads', () => {
  it('on what exceljs does not read: elements with a namespace prefix, a row without its number', async () => {
    const sheet =
      '<x:row r="7" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:c r="B7" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c><x:c r="C7"><x:v>3</x:v></x:c></x:row>' +
      '<row><c t="inlineStr"><is><t>第八行</t></is></c></row>';
    const { cells } = await byStreaming(handWritten(sheet, []));
    expect(Object.fromEntries(cells)).toEqual({ '表&一!B7': '前缀', '表&一!C7': 3, '表&一!A8': '第八行' });
  });


  it('covers the whole corpus', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(28);
  });


  it.each(FILES.filter(isRoster))('%s', async (file) => {
    expect(await same(readFileSync(join(FIXTURES, file)))).toBeGreaterThan(10);
  });

  it.each(forms.filter((def) => isRoster(def.id)))('$id as tianbao writes it, blank and filled', async (def) => {
    expect(await same(await writeWorkbook(def, null))).toBeGreaterThan(20);
    for (const sample of def.samples.slice(0, 3)) expect(await same(await writeWorkbook(def, sample as any))).toBeGreaterThan(20);
  });
});
