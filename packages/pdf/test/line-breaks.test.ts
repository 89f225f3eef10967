import { displayText, formatDateCn, type FormDefinition } from '@tianbao/form';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../src/index.ts';

/** A run of text as pdf.js reads it from a page: one line of one cell (cells stand apart, lines at their own heights). */
interface Run {
  str: string;
  x: number;
  y: number;
  size: number;
}

async function read(bytes: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const pages: Run[][] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const { items } = await (await pdf.getPage(p)).getTextContent();
    const runs = items.flatMap((i) => ('str' in i && i.str.trim() ? [i] : []));
    pages.push(runs.map((i) => ({ str: i.str, x: i.transform[4] as number, y: i.transform[5] as number, size: i.transform[0] as number })));
  }
  const size = async (p: number) => (await pdf.getPage(p)).getViewport({ scale: 1 });
  return { pdf, pages, size };
}

/** The words of the runs (a run may hold two cells' text, a space apart), counted. */
function words(runs: Run[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const run of runs) for (const w of run.str.split(/\s+/)) if (w) out.set(w, (out.get(w) ?? 0) + 1);
  return out;
}

/** Printed values of a list that no line may break inside: codes, places, list values, coordinates, credit codes, dates. */
function wholeValues(def: FormDefinition<any>, entries: Record<string, unknown>[]): Map<string, number> {
  const keys = ['code', 'county', 'river', 'basin', 'type', 'lng', 'lat', 'credit', 'protected', 'trace', 'method', 'progress', 'deadline'];
  const out = new Map<string, number>();
  for (const entry of entries)
    for (const key of keys) {
      const col = def.layout.columns.find((c) => c.key === key)!;
      const value = entry[key];
      if (value === undefined) continue;
      const text = displayText(col.cell!.write(value));
      out.set(text, (out.get(text) ?? 0) + 1);
    }
  return out;
}

/** Values printed fewer times whole than the data holds them: each such one was broken across lines. */
function broken(expected: Map<string, number>, printed: Map<string, number>): string[] {
  return [...expected].filter(([text, n]) => (printed.get(text) ?? 0) < n).map(([text]) => text);
}

const city = outfallChecklist.samples.at(-1)!;
/** The city's list on A4, printed once for the two tests that read it. */
let a4Printed: ReturnType<typeof read> | undefined;
const cityOnA4 = () => (a4Printed ??= renderPdf(outfallChecklist, city).then(read));
const formPages = (pages: Run[][]) => pages.slice(0, pages.findIndex((runs) => runs.some((r) => r.str.includes('整治进度汇总'))));

describe('the city-wide outfall list', () => {
  it('breaks no code, coordinate, credit code, date or list value across lines, on at most 22 A4 pages', async () => {
    expect(city.outfalls).toHaveLength(324);
    const { pdf, pages, size } = await cityOnA4();
    const list = formPages(pages);
    expect(list.length).toBeGreaterThan(10);
    expect(broken(wholeValues(outfallChecklist, city.outfalls), words(list.flat()))).toEqual([]);
    expect(pdf.numPages).toBeLessThanOrEqual(22);
    expect(Math.round((await size(1)).width)).toBe(842);
  }, 60_000);

  it('on A3, sizes its columns to the wider page: larger type, fewer pages, nothing broken', async () => {
    const a4 = await cityOnA4();
    const a3 = await read(await renderPdf(outfallChecklist, city, undefined, { paper: 'A3' }));
    const { width, height } = await a3.size(1);
    expect([Math.round(width), Math.round(height)]).toEqual([1191, 842]);
    expect(a3.pdf.numPages).toBeLessThan(a4.pdf.numPages);
    // The code of the first outfall, in its cell.
    const codeSize = (pages: Run[][]) => pages[0]!.find((r) => r.str.includes(city.outfalls[0]!.code))!.size;
    expect(codeSize(a3.pages)).toBeGreaterThan(codeSize(a4.pages));
    expect(broken(wholeValues(outfallChecklist, city.outfalls), words(formPages(a3.pages).flat()))).toEqual([]);
  }, 60_000);
});

describe('a long Latin run in free text', () => {
  // A licence number, a URL, a name in letters: each longer than any code, in one row of forty.
  const longRuns = { remark: '许可证编号91410802MA45F0P61X001P-DW001-D', url: '见https://sthjj.jiaozuo.gov.cn/portal/xxgk/pwxk/2023/permit-91410802MA45F0P61X.html', name: 'ZHONGYUANCHEMICALINDUSTRYCOLTDOUTFALL0001' };
  const forty = city.outfalls.slice(0, 40);
  const pagesOf = async (outfalls: Record<string, unknown>[]) => {
    const { pdf, pages } = await read(await renderPdf(outfallChecklist, { ...city, outfalls }));
    expect(broken(wholeValues(outfallChecklist, outfalls), words(formPages(pages).flat()))).toEqual([]);
    return pdf.numPages;
  };

  it('breaks itself, never a code, date or list value, and takes about the pages the list takes without it', async () => {
    const plain = await pagesOf(forty);
    const variants = [
      forty.map((o) => ({ ...o, remark: longRuns.remark })),
      forty.map((o, i) => (i === 0 ? { ...o, remark: longRuns.url } : o)),
      forty.map((o, i) => (i === 0 ? { ...o, name: longRuns.name } : o)),
    ];
    for (const outfalls of variants) expect(await pagesOf(outfalls)).toBeLessThanOrEqual(plain + 1);
  }, 60_000);
});

describe('the ledger', () => {
  const sample = reviewLedger.samples[0]!;

  it('prints its five rows on one page, as the printed form does, dates whole, 重点检视 in the middle of its rows', async () => {
    const { pdf, pages } = await read(await renderPdf(reviewLedger, sample));
    expect(pdf.numPages).toBe(1);
    const runs = pages[0]!;
    const printed = words(runs);
    expect(printed.get('2023年7月31日')).toBe(1);
    // Each time limit ends a run of its own line (`2023年8月31日`, or `1.2023年8月31日` among several).
    for (const row of Object.values(sample.rows))
      for (const d of row.deadlines) expect([...printed.keys()].some((w) => w.endsWith(/^\d{4}-/.test(d) ? formatDateCn(d) : d)), d).toBe(true);

    // 重点检视 stands over four rows: its line lies about half-way between the first row's top line and the fourth row's bottom line.
    const label = runs.find((r) => r.str === '重点检视')!;
    const [first, fifth] = ['案件受理方面', '针对行政复议败诉案件'].map((t) => runs.find((r) => r.str.startsWith(t))!);
    const contentColumn = runs.filter((r) => Math.abs(r.x - first!.x) < 1 && r.y > fifth!.y);
    const bottom = Math.min(...contentColumn.map((r) => r.y));
    expect(Math.abs(label.y - (first!.y + bottom) / 2)).toBeLessThan(label.size * 1.5);
  });

  it('sizes its columns to three items a row, on one page, each item on a line', async () => {
    const row = {
      problems: [0, 1, 2].map((i) => `部分案件未按规定时限送达通知书${i}`),
      measures: [0, 1, 2].map((i) => `建立送达台账专人负责${i}`),
      deadlines: ['2023-12-31'],
    };
    const rows = Object.fromEntries(Object.keys(sample.rows).map((key) => [key, row]));
    const { pdf, pages } = await read(await renderPdf(reviewLedger, { ...sample, rows }));
    expect(pdf.numPages).toBe(1);
    const item = pages[0]!.filter((r) => r.str.startsWith('1.部分案件未按规定时限送达通知书0'));
    // Each item on one line of its own, at most three steps below the form's 12 pt.
    expect(item).toHaveLength(5);
    expect(item[0]!.size).toBeGreaterThanOrEqual(10.5);
  });

  it('on more than a page, keeps each row on one page', async () => {
    const row = {
      problems: [0, 1, 2, 3].map((i) => `问题${i}：部分案件办理期间未按规定时限送达受理通知书和补正通知书`),
      measures: [0, 1, 2, 3].map((i) => `措施${i}：建立送达台账，实行专人负责、逐案跟踪`),
      deadlines: ['2023-12-31', '2023-11-30', '长期坚持', '2024-01-15'],
    };
    const rows = Object.fromEntries(Object.keys(sample.rows).map((key) => [key, row]));
    const { pdf, pages } = await read(await renderPdf(reviewLedger, { ...sample, rows }));
    expect(pdf.numPages).toBeGreaterThan(1);
    // A row's first item and its last are on the same page, five times.
    const pageOf = (text: string) => pages.flatMap((runs, p) => runs.filter((r) => r.str.startsWith(text)).map(() => p));
    expect(pageOf('1.问题0')).toHaveLength(5);
    expect(pageOf('1.问题0')).toEqual(pageOf('4.措施3'));
  });

  it('on more than a page, prints 重点检视 on each page its rows go over, among its rows there', async () => {
    const many = (n: number, what: string) => Array.from({ length: n }, (_, i) => `第${i + 1}个${what}：补正通知未一次性告知需补正材料，群众多次往返`);
    const rows = { ...sample.rows, acceptance: { problems: many(5, '问题'), measures: many(5, '措施'), deadlines: ['2023-07-31'] }, hearing: { problems: many(4, '问题'), measures: many(4, '措施'), deadlines: ['2023-07-31'] } };
    const { pdf, pages } = await read(await renderPdf(reviewLedger, { ...sample, rows }));
    expect(pdf.numPages).toBeGreaterThan(1);
    const contents = ['案件受理方面', '案件审理方面', '文书制发方面', '文书履行方面'];
    const spanned = pages.filter((runs) => runs.some((r) => contents.some((t) => r.str.startsWith(t))));
    expect(spanned.length).toBeGreaterThan(1);
    for (const runs of spanned) {
      const label = runs.filter((r) => r.str === '重点检视');
      expect(label).toHaveLength(1);
      // Below the first of the group's rows on the page (pdf.js counts y up from the foot of the page).
      const tops = runs.filter((r) => contents.some((t) => r.str.startsWith(t))).map((r) => r.y);
      expect(label[0]!.y).toBeLessThanOrEqual(Math.max(...tops));
    }
  });

  it('keeps a number in free text with its 第 and its unit where the line would break between them', async () => {
    // At every offset in a line, so that some copy meets the end of a line between 第 and 3, or 5 and 日.
    const problems = Array.from({ length: 24 }, (_, i) => `${'问'.repeat(i)}第3次超过5日期限`);
    const data = { unit: '某县', rows: { acceptance: { problems, measures: ['改'], deadlines: ['2023-07-31'] } } };
    const { pages } = await read(await renderPdf(reviewLedger, data));
    const count = (word: string) => pages.flat().reduce((n, r) => n + (r.str.split(word).length - 1), 0);
    expect(count('第3次')).toBe(24);
    expect(count('5日')).toBe(24);
  });

  it('keeps a date in free text whole where the line would break inside it', async () => {
    // The same date at every offset in a line, so that some copy meets the end of a line.
    const problems = Array.from({ length: 24 }, (_, i) => `${'问'.repeat(i)}于2023年11月30日前整改完毕`);
    const data = { unit: '某县', rows: { acceptance: { problems, measures: ['改'], deadlines: ['2023-07-31'] } } };
    const { pages } = await read(await renderPdf(reviewLedger, data));
    const whole = pages.flat().reduce((n, r) => n + (r.str.split('2023年11月30日').length - 1), 0);
    expect(whole).toBe(24);
  });
});
