import { defaultUnits } from '@tianbao/form';
import { reviewLedger } from '@tianbao/template-review-ledger';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { formDocuments } from '../src/document.ts';
import { cacheParsedFonts, renderPdf } from '../src/index.ts';
import { MAX_LINE_CHARS } from '../src/long-text.ts';

const sample = reviewLedger.samples[0]!;
const long = (what: string) =>
  Array.from({ length: 4 }, (_, i) => `${what}第${i + 1}项，涉及申请人王堃、李喆、张㛃的案件需要进一步核查并整改落实到位，确保问题清零`);
const longData = {
  ...sample,
  rows: Object.fromEntries(
    reviewLedger.layout.rows!.map((r) => [
      r.key,
      { problems: long('问题'), measures: long('措施'), deadlines: ['2023-07-31', '长期坚持', '2023-08-31', '持续推进'] },
    ]),
  ),
};

async function open(bytes: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  // Extraction may break a table line anywhere; compare without white space.
  const pages = (text as string[]).map((t) => t.replace(/\s+/g, ''));
  // Text read across page breaks: without page numbers and the repeated header row.
  const headerRow = reviewLedger.layout.columns.map((c) => c.header).join('');
  const flowing = pages.map((p, i) => (i === 0 ? p : p.replace(headerRow, ''))).join('').replace(/—\d+—/g, '');
  return { pdf, pages, all: pages.join(''), flowing };
}

const flat = (s: string) => s.replace(/\s+/g, '');

/** Whole, or cut once by a page break (the rest of the row's cells come between). */
function printed(text: string, t: string): boolean {
  if (text.includes(t)) return true;
  for (let k = 4; k < t.length - 2; k++) if (text.includes(t.slice(0, k)) && text.includes(t.slice(k))) return true;
  return false;
}

describe('renderPdf', () => {
  it('prints the sample form: title, info line, headers, fixed texts, items, notes', async () => {
    const bytes = await renderPdf(reviewLedger, sample);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { pdf, all, pages, flowing } = await open(bytes);
    expect(all).toContain(`${sample.unit}行政复议工作问题台账`);
    expect(all).toContain(flat(`填报单位：${sample.filler}　　填报日期：2023年6月26日`));
    for (const col of reviewLedger.layout.columns) expect(all).toContain(col.header);
    for (const row of reviewLedger.layout.rows!) for (const t of Object.values(row.fixed)) expect(printed(flowing, flat(t)), t).toBe(true);
    for (const note of reviewLedger.layout.notes) expect(all).toContain(flat(note));
    for (const row of Object.values(sample.rows))
      row.problems.forEach((p, i) => expect(all).toContain(flat(`${i + 1}.${p}`)));
    expect(pages[0]).toContain('—1—');
    const { width, height } = (await pdf.getPage(1)).getViewport({ scale: 1 });
    expect(width).toBeCloseTo(841.89, 0);
    expect(height).toBeCloseTo(595.28, 0);
    expect(bytes.includes('NotoSerifSC')).toBe(true);
    expect(bytes.length).toBeLessThan(2_000_000);
    const meta = await pdf.getMetadata();
    expect((meta.info as any).Title).toBe(`${sample.unit}行政复议工作问题台账`);
    expect((meta.info as any).Subject).toBe(reviewLedger.name);
    expect((meta.info as any).Creator).toBe('tianbao');
  });

  it('spreads a long form over several pages with numbers, repeated headers and rare characters', async () => {
    const bytes = await renderPdf(reviewLedger, longData);
    const { pdf, pages, all } = await open(bytes);
    expect(pdf.numPages).toBeGreaterThanOrEqual(2);
    expect(pages[0]).toContain('—1—');
    expect(pages[1]).toContain('—2—');
    // The header row repeats on every page the table runs over (the notes may end on a page of their own).
    const table = pages.filter((p) => !p.startsWith(flat(reviewLedger.layout.notes[0]!)));
    expect(table.length).toBeGreaterThanOrEqual(2);
    for (const page of table) for (const col of reviewLedger.layout.columns) expect(page).toContain(col.header);
    for (const ch of ['堃', '喆', '㛃']) expect(all).toContain(ch);
    expect(all).toContain('1.问题第1项');
    expect(all).toContain('4.措施第4项');
    expect(all).toContain('1.2023年7月31日');
    expect(all).toContain('2.长期坚持');
    for (let p = 1; p <= pdf.numPages; p++) {
      const { width, height } = (await pdf.getPage(p)).getViewport({ scale: 1 });
      expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
    }
    expect(bytes.length).toBeLessThan(2_000_000);
  });

  it('prints a single deadline as a date and tolerates missing rows', async () => {
    const data = { unit: '某县', rows: { acceptance: { problems: ['甲'], measures: ['乙'], deadlines: ['2023-07-31'] } } };
    const { all } = await open(await renderPdf(reviewLedger, data));
    expect(all).toContain('某县行政复议工作问题台账');
    expect(all).toContain('2023年7月31日');
    expect(all).not.toContain('填报单位');
  });
});

describe('a document too large to print', () => {
  it('is refused past its form\'s rows, before any layout, with a message that says to split it by unit', async () => {
    const { outfallChecklist } = await import('@tianbao/template-outfall-checklist');
    const city = outfallChecklist.samples.at(-1)!;
    const { rows } = outfallChecklist.print.limits;
    const outfalls = Array.from({ length: rows + 1 }, (_, i) => city.outfalls[i % city.outfalls.length]!);
    await expect(renderPdf(outfallChecklist, { ...city, outfalls })).rejects.toThrow(new RegExp(`${rows + 1} 行，超过单份 PDF 的上限 ${rows} 行.*按单位拆分`));
  });

  it('is refused past its form\'s characters, counted over everything printed', async () => {
    const { chars } = reviewLedger.print.limits;
    // Ten cells of 1.… items, each well under a cell's limit, together over the document's.
    const cell = Array.from({ length: 4 }, (_, i) => '问'.repeat(Math.ceil(chars / 40)) + i);
    const rows = Object.fromEntries(reviewLedger.layout.rows!.map((r) => [r.key, { problems: cell, measures: cell, deadlines: [] }]));
    await expect(renderPdf(reviewLedger, { ...sample, rows })).rejects.toThrow(new RegExp(`超过单份 PDF 的上限 ${chars} 个字符.*请精简文字`));
  });

  it('prints a cell of many lines longer than one text may be, line by line', async () => {
    // 11 items of 1,000 characters: more than one text may hold, which pdfmake lays out in time growing with the square of its length.
    const problems = Array.from({ length: 11 }, (_, i) => `第${i + 1}项` + '堃'.repeat(996));
    expect(problems.join('\n').length).toBeGreaterThan(MAX_LINE_CHARS);
    const data = { unit: '某县', rows: { acceptance: { problems, measures: ['改'], deadlines: ['2023-07-31'] } } };
    // Laid out as a text a line (an item), not the cell's whole text as one.
    const texts: string[] = [];
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const o = node as { text?: unknown };
      const pieces = Array.isArray(o.text) ? o.text : [o.text];
      const text = pieces.map((p) => (typeof p === 'string' ? p : (p as { text?: unknown } | undefined)?.text ?? '')).join('');
      if (o.text !== undefined && text.includes('堃')) texts.push(text);
      else for (const v of Object.values(o)) walk(v);
    };
    walk(formDocuments(reviewLedger, data, { units: defaultUnits, asOf: '2023-07-01' })().doc.content);
    expect(texts).toEqual(problems.map((p, i) => `${i + 1}.${p}`));
    const { pdf, all } = await open(await renderPdf(reviewLedger, data));
    expect(pdf.numPages).toBeGreaterThan(1);
    expect(all.split('堃').length - 1).toBe(11 * 996);
    for (let i = 1; i <= 11; i++) expect(all).toContain(`${i}.第${i}项`);
  });

  it('refuses one line longer than pdfmake lays out in good time, quoting its start, saying what the form allows', async () => {
    const data = { unit: '某县', rows: { acceptance: { problems: ['长' + '句'.repeat(MAX_LINE_CHARS)], measures: ['改'], deadlines: [] } } };
    const refused = renderPdf(reviewLedger, data);
    await expect(refused).rejects.toThrow(`「1.长句句句句句句句句句…」这段文字有 ${MAX_LINE_CHARS + 3} 个字符`);
    // A ledger's item is one line (its schema refuses a line break): it can only be shortened.
    await expect(refused).rejects.toThrow(/请精简这一项（一项只写一行，不能分段）/);
    const broken = reviewLedger.schema.safeParse({ ...sample, rows: { ...sample.rows, acceptance: { ...sample.rows.acceptance, problems: ['长\n句'] } } });
    expect(broken.error?.issues.map((i) => i.message)).toEqual(['一项只写一行']);
    // A form that says nothing of its lines: the text is to be broken into lines, or shortened.
    const { longLine: _, ...print } = reviewLedger.print;
    await expect(renderPdf({ ...reviewLedger, print }, data)).rejects.toThrow(/未生成 PDF。请分段（换行）或精简（XLSX 不受此限）$/);
  });
});

describe('fonts parsed once per process', () => {
  it('print the same bytes as fonts parsed for each document', async () => {
    const [a, b] = [reviewLedger.samples[0]!, reviewLedger.samples[5]!];
    cacheParsedFonts(false);
    const naive = await renderPdf(reviewLedger, b);
    cacheParsedFonts(true);
    // Another document first, so the shared font has served other text before.
    await renderPdf(reviewLedger, a);
    expect(Buffer.compare(await renderPdf(reviewLedger, b), naive)).toBe(0);
  });
});

describe('a list row taller than a page', () => {
  it('is printed whole, across pages, not dropped', async () => {
    const { outfallChecklist } = await import('@tianbao/template-outfall-checklist');
    const sample = outfallChecklist.samples.find((s) => s.unit === '修武县')!;
    const outfalls = sample.outfalls.map((o, i) => (i === 3 ? { ...o, remark: '核实'.repeat(1500) } : o));
    const { all } = await open(await renderPdf(outfallChecklist, { ...sample, outfalls }));
    expect(all.split('核').length - 1).toBe(1500);
    // The rows after it are there too.
    expect(all).toContain(flat(outfalls.at(-1)!.name).slice(0, 6));
  }, 60_000);
});
