import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { defaultUnits } from '@tianbao/form';
import { forms } from '@tianbao/forms';
import { writeWorkbook } from '@tianbao/xlsx';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { day } from './status-inbox.ts';
import { tempDir, tianbao } from './run.ts';

// The city's own checklist holds its units' outfalls: the compile is made of the units', and the cover says so.
const def = forms.find((f) => f.id === 'outfall-checklist')!;
const city = defaultUnits.city.name;
const TITLE = `${city}入河排污口排查整治台账汇总`;

async function compiled(samples: readonly any[]) {
  const dir = tempDir();
  for (const s of samples) {
    const file = join(dir, `${s.unit}${def.name}.xlsx`);
    writeFileSync(file, await writeWorkbook(def, s));
    utimesSync(file, day('2023-06-26'), day('2023-06-26'));
  }
  const out = tempDir();
  const r = await tianbao(['compile', def.id, dir, '--as-of', '2023-07-05', '-o', out]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(out, `${TITLE}.xlsx`));
  const rows = (sheet: string) => {
    const out: string[][] = [];
    wb.getWorksheet(sheet)!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return out;
  };
  const pdf = (await extractText(await getDocumentProxy(new Uint8Array(readFileSync(join(out, `${TITLE}.pdf`)))), { mergePages: true })).text;
  return { r, rows, pdf };
}

describe('compile outfall-checklist: the city’s own return', () => {
  it('with one county: the county’s outfalls, a 全市 row, the city’s return 未纳入 and why', async () => {
    const county = def.samples.find((s) => s.unit !== city)!;
    const { r, rows, pdf } = await compiled([county, { ...def.samples.find((s) => s.unit === city)!, outfalls: county.outfalls }]);
    expect(r.stderr).toContain('纳入 1，未纳入 11（缺报 10）');
    const own = rows('报送情况').find((row) => row[0] === city)!;
    expect(own.slice(1, 3)).toEqual(['未纳入', `${city}本级的报表：全市清单由各县（市、区）的报表汇成，本级报表中的排污口不再重复计入`]);
    expect(rows('整治进度汇总').map((row) => row[0]).filter((u) => u === county.unit || u === '全市')).toEqual([county.unit, '全市']);
    expect(pdf).not.toMatch(/填报单位：\s*填报日期/);
    expect(pdf).toContain(`填报单位：${city}`);
  });

  it('with no county’s: 全市 with no rates rather than 100%', async () => {
    const { rows } = await compiled([{ ...def.samples.find((s) => s.unit === city)! }]);
    const whole = rows('整治进度汇总').find((row) => row[0] === '全市')!;
    expect(whole.slice(0, 7)).toEqual(['全市', '0', '0', '—', '0', '0', '—']);
  });
});
