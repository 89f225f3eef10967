import censusRoster from '@tianbao/template-census-roster';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import { extractText, getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../src/index.ts';

// The pdf.js that unpdf bundles calls ArrayBuffer.prototype.transferToFixedLength
// (ES2024, Node 21+) when it loads a font for an operator list. On Node 20 the
// call throws, pdf.js logs "ignoring errors" and returns a list cut off at the
// first text, so the chart's paths would not be seen. Text extraction is not affected.
if (!('transferToFixedLength' in ArrayBuffer.prototype))
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    value(this: ArrayBuffer, length?: number) {
      return this.slice(0, length ?? this.byteLength);
    },
    configurable: true,
    writable: true,
  });

const flat = (s: string) => s.replace(/\s+/g, '');

/** Rendered on first use, then shared by the tests of a group. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= make());
}

async function open(bytes: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  const raw = text as string[];
  return { pdf, raw, pages: raw.map(flat) };
}

describe('census roster', () => {
  const city = censusRoster.samples[0]!;

  it('names each character its font has not (printed as an empty box) with the first text it is in, and none otherwise', async () => {
    const members = city.members.map((m: { name: string; post: string }, i: number) => (i === 1 ? { ...m, name: '武𠮷' } : i === 2 ? { ...m, post: `${m.post}𪚥` } : m));
    const unprintable = new Map<string, string>();
    const { pages } = await open(await renderPdf(censusRoster, { ...city, members }, undefined, { unprintable }));
    expect([...unprintable.keys()]).toEqual(['𠮷', '𪚥']);
    expect(unprintable.get('𠮷')).toContain('武');
    expect(unprintable.get('𪚥')).toBe(`${city.members[2]!.post}𪚥`);
    // The rest of the roster prints as ever.
    expect(pages.join('')).toContain(flat(city.members[3]!.name));
    const none = new Map<string, string>();
    await renderPdf(censusRoster, city, undefined, { unprintable: none });
    expect(none.size).toBe(0);
  });
  const printed = once(() => renderPdf(censusRoster, city).then(open));

  it('prints on one portrait A4 page, as the gazette does', async () => {
    const { pdf } = await printed();
    expect(pdf.numPages).toBe(1);
    for (let p = 1; p <= pdf.numPages; p++) {
      const { width, height } = (await pdf.getPage(p)).getViewport({ scale: 1 });
      expect(width).toBeLessThan(height);
      expect(width).toBeCloseTo(595.28, 0);
      expect(height).toBeCloseTo(841.89, 0);
    }
  });

  it('prints the gazette roster: role written once per group, then the office sentence', async () => {
    const { pages } = await printed();
    const all = pages.join('');
    expect(all).toContain('焦作市第五次全国经济普查领导小组组成人员名单');
    expect(all).toContain('组长：路红卫市委常委、常务副市长');
    // Three deputies and eight members, each role printed only on its group's first line.
    expect(all.split('副组长：')).toHaveLength(2);
    expect(all.split('成员：')).toHaveLength(2);
    expect(all).toContain('副组长：刘文忠市政府副秘书长靳莲市统计局局长李备战');
    for (const m of city.members) expect(all).toContain(m.post);
    // The gazette's office sentence, whole (焦政〔2023〕9号 附件).
    expect(all).toContain(
      '领导小组办公室设在市统计局，负责领导小组的日常工作，研究提出需领导小组决策的建议事项，督促落实领导小组议定事项，加强与有关地区和部门的沟通协调，承办领导小组交办的其他事项，办公室主任由市统计局局长靳莲同志兼任。',
    );
    expect(all).toContain('—1—');
  });

  it('never ends the office sentence on a line of one character and its full stop', async () => {
    // Some units' sentences, laid out freely, ended on a line holding 任。 alone.
    for (const roster of censusRoster.samples) {
      const pdf = await getDocumentProxy(new Uint8Array(await renderPdf(censusRoster, roster)));
      const items = (await (await pdf.getPage(pdf.numPages)).getTextContent()).items.flatMap((i) => ('str' in i && i.str.trim() ? [i] : []));
      const end = items.find((i) => i.str.endsWith('兼任。'))!;
      const lastLine = items.filter((i) => i.transform[5] === end.transform[5]).map((i) => i.str).join('');
      expect(lastLine.length, `${roster.unit}: ${lastLine}`).toBeGreaterThanOrEqual('同志兼任。'.length);
    }
  });

  it('spaces a two-character name out to the width of three', async () => {
    const { pdf, raw } = await printed();
    // pdf.js reports the full-width space in 靳　莲 as a plain space between the two glyphs.
    expect(raw.join('\n')).toContain('靳 莲');
    expect(raw.join('\n')).toContain('郭 利');
    expect(raw.join('\n')).toContain('李备战');

    const items = (await (await pdf.getPage(1)).getTextContent()).items.flatMap((i) => ('str' in i ? [i] : []));
    const find = (str: string) => items.find((i) => i.str === str)!;
    const [jin, lian, li] = [find('靳'), find('莲'), find('李备战')];
    expect(jin && lian && li).toBeTruthy();
    const x = (i: typeof jin) => i.transform[4] as number;
    const size = jin.transform[0] as number;
    expect(size).toBe(16);
    // One glyph and one full-width space between the starts of 靳 and 莲 ...
    expect(x(lian) - x(jin)).toBeCloseTo(2 * size, 0);
    // ... so the name starts and ends where a three-character name does.
    expect(x(jin)).toBeCloseTo(x(li), 1);
    expect(x(lian) + lian.width).toBeCloseTo(x(li) + li.width, 1);
  });
});

describe('a roster longer than the gazette’s', () => {
  const city = censusRoster.samples[0]!;
  const office = '领导小组办公室设在市统计局，负责领导小组的日常工作，研究提出需领导小组决策的建议事项，督促落实领导小组议定事项，加强与有关地区和部门的沟通协调，承办领导小组交办的其他事项，办公室主任由市统计局局长靳莲同志兼任。';
  const lines = async (pdf: Awaited<ReturnType<typeof open>>['pdf'], page: number) =>
    (await (await pdf.getPage(page)).getTextContent()).items.flatMap((i) => ('str' in i && i.str.trim() ? [i.str] : []));

  it('breaks the title of a long unit name between its phrases, and still prints on one page', async () => {
    const zone = censusRoster.samples.find((s) => s.unit === '焦作市城乡一体化示范区')!;
    const { pdf } = await renderPdf(censusRoster, zone).then(open);
    expect(pdf.numPages).toBe(1);
    const printed = await lines(pdf, 1);
    const title = printed.indexOf('焦作市城乡一体化示范区');
    expect(printed.slice(title, title + 3)).toEqual(['焦作市城乡一体化示范区', '第五次全国经济普查领导小组', '组成人员名单']);
  });

  it('prints a long name on one line, on one page', async () => {
    const name = '阿卜杜热合曼·买买提明';
    const members = city.members.map((m, i) => (i === 3 ? { ...m, name } : m));
    const { pdf } = await renderPdf(censusRoster, { ...city, members }).then(open);
    expect(pdf.numPages).toBe(1);
    expect(await lines(pdf, 1)).toContain(name);
  });

  it('past a page, goes on with the office sentence whole', async () => {
    // As many members as bring the sentence to the foot of a page at 16 pt.
    const more = Array.from({ length: 24 }, (_, i) => ({ role: '成员' as const, name: `成员${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i}`, post: '市统计局副局长' }));
    const { pdf, pages } = await renderPdf(censusRoster, { ...city, members: [...city.members, ...more] }).then(open);
    expect(pdf.numPages).toBe(3);
    expect(pages.filter((p) => p.includes(office))).toHaveLength(1);
  });
});

describe('city-wide outfall checklist', () => {
  // The city's list, four outfalls of each unit: some pages of it, and every unit in the summary and the chart.
  const whole = outfallChecklist.samples.at(-1)!;
  const city = { ...whole, outfalls: outfallChecklist.samples.slice(0, -1).flatMap((u) => u.outfalls.slice(0, 4)) };
  const printed = once(() => renderPdf(outfallChecklist, city).then(open));

  it('prints landscape pages, each numbered, the table header on every page of the form', async () => {
    expect(city.unit).toBe('焦作市');
    const { pdf, pages } = await printed();
    expect(pdf.numPages).toBeGreaterThan(3);
    for (let p = 1; p <= pdf.numPages; p++) {
      const { width, height } = (await pdf.getPage(p)).getViewport({ scale: 1 });
      expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
    }
    pages.forEach((page, i) => expect(page).toContain(`—${i + 1}—`));

    const summary = pages.findIndex((p) => p.includes('入河排污口排查整治进度汇总'));
    expect(summary).toBeGreaterThan(1);
    const header = outfallChecklist.layout.columns.map((c) => c.header).join('');
    for (const page of pages.slice(0, summary)) {
      expect(page).toContain('排污口编码');
      expect(page).toContain(header);
    }
    // The summary starts on a new page: nothing of the checklist is on it.
    expect(pages[summary]).not.toContain('排污口编码');
    expect(pages[0]).toContain('焦作市入河排污口排查整治台账');
    expect(pages[0]).toContain('填报单位：焦作市生态环境局填报日期：2024年1月8日');
  });

  it('ends with the progress summary and its chart', async () => {
    const { pages } = await printed();
    const summary = pages.findIndex((p) => p.includes('入河排污口排查整治进度汇总'));
    const chart = pages.findIndex((p) => p.includes('■溯源率'));
    expect(summary).toBeGreaterThanOrEqual(pages.length - 2);
    expect(chart).toBeGreaterThanOrEqual(summary);
    expect(pages[summary]).toContain('焦作市入河排污口排查整治进度汇总（截至2024年1月8日）');
    expect(pages.slice(summary).join('')).toContain('全市');
    expect(pages[chart]).toContain('各单位溯源率、整治率');
    expect(pages[chart]).toContain('■溯源率（虚线：目标80%）');
    expect(pages[chart]).toContain('■整治率（虚线：目标30%）');
  });

  it('draws the chart as vector bars, one filled path per unit and series', async () => {
    const { pdf, pages } = await printed();
    const chart = pages.findIndex((p) => p.includes('■溯源率'));
    const { OPS } = await getResolvedPDFJS();
    const ops = await (await pdf.getPage(chart + 1)).getOperatorList();

    // This pdf.js folds the painting operator into constructPath: its first argument
    // is OPS.fill for pdfmake's filled rects, OPS.stroke for lines. Each fill follows the
    // setFillRGBColor of its series; glyphs are showText and add no paths.
    const fills: string[] = [];
    let colour = '';
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.setFillRGBColor) colour = String(args[0]);
      const path = (args as [number, unknown[]] | undefined)?.[1]?.[0];
      if ((fn === OPS.constructPath && args[0] === OPS.fill && path) || fn === OPS.fill || fn === OPS.eoFill) fills.push(colour);
    });
    const categories = 12; // ten units, the zone, and 全市
    expect(pages[chart]).toContain('全市');
    expect(fills.length).toBeGreaterThanOrEqual(2 * categories);
    // The chart's series colours (chart.ts), one bar per category each.
    expect(fills.filter((c) => c === '#2f5597')).toHaveLength(categories);
    expect(fills.filter((c) => c === '#c55a11')).toHaveLength(categories);
    // Not a picture of a chart.
    expect(ops.fnArray.filter((fn) => fn === OPS.paintImageXObject)).toHaveLength(0);
  });
});
