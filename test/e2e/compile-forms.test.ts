import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { defaultUnits } from '@tianbao/form';
import censusRoster from '@tianbao/template-census-roster';
import { forms } from '@tianbao/forms';
import { writeWorkbook } from '@tianbao/xlsx';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { day } from './status-inbox.ts';
import { tempDir, tianbao, type Run } from './run.ts';

/** Each of `samples` (a form's own, unless given) as its unit sent it, on 2023-06-26; `change` may alter one. */
async function inboxOf(def: (typeof forms)[number], change: (data: any) => any = (d) => d, samples: readonly any[] = def.samples): Promise<string> {
  const dir = tempDir();
  for (const sample of samples) {
    const file = join(dir, `${sample.unit}${def.name}.xlsx`);
    writeFileSync(file, await writeWorkbook(def, change(sample)));
    utimesSync(file, day('2023-06-26'), day('2023-06-26'));
  }
  return dir;
}

async function sheets(file: string): Promise<Map<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return new Map(
    wb.worksheets.map((ws) => {
      const rows: string[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      return [ws.name, rows] as const;
    }),
  );
}

const compile = (id: string, dir: string, out: string, ...more: string[]) => tianbao(['compile', id, dir, '--as-of', '2023-07-05', '-o', out, ...more]);

const CENSUS = '焦作市第五次全国经济普查领导小组组成人员名单汇总';
const LACKING = '修武县';

/** census-roster's returns, 修武县's without its member from 税务局, compiled once for the tests that read it. */
let census: Promise<{ r: Run; out: string }> | undefined;
const censusCompiled = () =>
  (census ??= (async () => {
    const dir = await inboxOf(censusRoster, (d) => (d.unit === LACKING ? { ...d, members: d.members.filter((m: { post: string }) => !m.post.includes('税务局')) } : d));
    const out = tempDir();
    return { r: await compile('census-roster', dir, out), out };
  })());

describe('tianbao compile, the other forms', () => {
  it('census-roster: a sheet per unit, and a 汇总 of each group’s size, leaders and the member units it lacks', async () => {
    const { r, out } = await censusCompiled();
    expect(r.code).toBe(0);
    const book = await sheets(join(out, `${CENSUS}.xlsx`));
    const units = censusRoster.samples.map((s) => s.unit);
    expect([...book.keys()].slice(0, 2 + units.length)).toEqual(['汇总', '报送情况', ...units]);
    const summary = book.get('汇总')!.filter((row) => units.includes(row[0]!));
    expect(summary.map((row) => row.slice(0, 3))).toEqual(
      censusRoster.samples.map((s) => [
        s.unit,
        String(s.members.length - (s.unit === LACKING ? 1 : 0)),
        s.members.filter((m) => m.role === '组长').map((m) => m.name).join('、'),
      ]),
    );
    expect(summary.map((row) => row[6])).toEqual(units.map((u) => (u === LACKING ? '税务局' : '无')));
  });

  it('census-roster: the cover (portrait) holds 报送情况 of every unit on its first page, set smaller where it must be', async () => {
    const { r, out } = await censusCompiled();
    expect(r.code).toBe(0);
    const doc = await getDocumentProxy(new Uint8Array(readFileSync(join(out, `${CENSUS}.pdf`))));
    const page = async (n: number) => (await (await doc.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    const [cover, next] = [await page(1), await page(2)];
    for (const s of censusRoster.samples) expect(cover).toContain(s.unit);
    expect(cover).toContain('共 12 个单位：纳入 12，未纳入 0');
    // The second page is the first unit's roster, not the rest of the cover's table.
    expect(next).not.toContain('所用文件');
    expect(next).toContain(`${censusRoster.samples[0]!.unit}第五次全国经济普查领导小组`);
  });

  it('fire-safety-contacts: one list numbered through, and each organisation’s count against 第七条', async () => {
    const def = forms.find((f) => f.id === 'fire-safety-contacts')!;
    const out = tempDir();
    // Only the workbook is read.
    expect((await compile(def.id, await inboxOf(def), out, '--format', 'xlsx')).code).toBe(0);
    const book = await sheets(join(out, '焦作市消防安全明白人报备表汇总.xlsx'));
    // In the unit list's order.
    const order = (unit: string) => defaultUnits.units.findIndex((u) => u.name === unit);
    const samples = [...def.samples].sort((a, b) => order(a.unit) - order(b.unit));
    const people = samples.flatMap((s) => s.people.map((p: { name: string }) => [s.unit, p.name]));
    const list = book.get('汇总')!.filter((row) => /^\d+$/.test(row[1]!));
    expect(list.map((row) => [row[0], row[6]])).toEqual(people);
    expect(list.map((row) => Number(row[1]))).toEqual(people.map((_, i) => i + 1));
    // Each unit's organisations as its own workbook counts them (its 配备情况), under its name.
    const counted = samples.flatMap((s) =>
      def.sheets!(s, { units: defaultUnits, asOf: '2023-07-05' })[0]!.table.rows.map((row) => [s.unit, ...row.map((v) => String(v ?? ''))]),
    );
    expect(book.get('配备情况')!.filter((row) => def.samples.some((s) => s.unit === row[0]))).toEqual(counted);
  });

  it('outfall-checklist: one city-wide checklist numbered through, its progress per unit and 全市, a code two units use on the cover', async () => {
    const def = forms.find((f) => f.id === 'outfall-checklist')!;
    const city = defaultUnits.city.name;
    const [first, second, third] = def.samples;
    const shared = first!.outfalls[0].code;
    // Three units and the city's return, which holds their outfalls: enough for a list numbered through and the city's not added again.
    const sent = [first!, second!, third!];
    const cityReturn = { ...def.samples.find((s) => s.unit === city)!, outfalls: sent.flatMap((s) => s.outfalls) };
    const samples = [...sent, cityReturn];
    const dir = await inboxOf(def, (d) => (d.unit === second!.unit ? { ...d, outfalls: [{ ...d.outfalls[0], code: shared }, ...d.outfalls.slice(1)] } : d), samples);
    const out = tempDir();
    // Made, but with a fault: the code two units use is an error of each.
    expect((await compile(def.id, dir, out)).code).toBe(1);
    const book = await sheets(join(out, `${city}入河排污口排查整治台账汇总.xlsx`));
    const fault = `排污口编码${shared}同时出现在${first!.unit}、${second!.unit}的台账中，编码应一口一码，请核对  [outfall.code.shared]`;
    expect(book.get('报送情况')!.flat()).toContain(fault);
    // The units' outfalls, not the city's return again (it holds them all).
    const units = samples.filter((s) => s.unit !== city);
    const listed = book.get(def.layout.sheet)!.filter((row) => /^\d+$/.test(row[0]!));
    expect(listed.map((row) => Number(row[0]))).toEqual(units.flatMap((s) => s.outfalls).map((_, i) => i + 1));
    expect(book.get('整治进度汇总')!.map((row) => row[0]).filter((u) => u === '全市')).toHaveLength(1);
    const doc = await getDocumentProxy(new Uint8Array(readFileSync(join(out, `${city}入河排污口排查整治台账汇总.pdf`))));
    expect((await extractText(doc, { mergePages: true })).text).toContain(fault.split('  ')[0]);
  });
});
