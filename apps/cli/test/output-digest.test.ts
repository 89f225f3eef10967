import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import { renderPdf } from '@tianbao/pdf';
import reviewLedger from '@tianbao/template-review-ledger';
import { writeWorkbook } from '@tianbao/xlsx';
import { zipEntries } from '@tianbao/xlsx/read';
import { describe, expect, it } from 'vitest';
import { canonicalJson, digestOf, isDraft, outputDigest, type OutputInputs } from '../src/output-digest.ts';

const data = reviewLedger.samples[0]!;
const inputs: OutputInputs = { data, format: 'pdf', paper: 'A4', asOf: '2023-06-26', units: defaultUnits };
const dir = mkdtempSync(join(tmpdir(), 'tianbao-digest-'));

describe('outputDigest', () => {
  it('changes with every input of an output, and with nothing else', () => {
    const digest = outputDigest(reviewLedger, inputs);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    // The same values, their keys in another order.
    const reordered = Object.fromEntries(Object.entries(data).reverse());
    expect(outputDigest(reviewLedger, { ...inputs, data: reordered })).toBe(digest);
    const others = [
      outputDigest(reviewLedger, { ...inputs, data: { ...data, filler: '另一单位' } }),
      outputDigest(reviewLedger, { ...inputs, format: 'xlsx' }),
      outputDigest(reviewLedger, { ...inputs, paper: 'A3' }),
      outputDigest(reviewLedger, { ...inputs, asOf: '2023-06-27' }),
      outputDigest(reviewLedger, { ...inputs, units: { ...defaultUnits, units: defaultUnits.units.slice(1) } }),
      outputDigest({ ...reviewLedger, version: '2099.1' }, inputs),
      outputDigest(reviewLedger, { ...inputs, draft: true }),
    ];
    // A document that is no draft keeps the digest it was made with before drafts were marked.
    expect(outputDigest(reviewLedger, { ...inputs, draft: false })).toBe(digest);
    expect(new Set([digest, ...others]).size).toBe(others.length + 1);
    // A workbook has no paper.
    expect(outputDigest(reviewLedger, { ...inputs, format: 'xlsx', paper: 'A3' })).toBe(outputDigest(reviewLedger, { ...inputs, format: 'xlsx' }));
  });

  it('is over a JSON whose keys are in one order, at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ f: 1, e: 2 }], c: 3 } })).toBe('{"a":{"c":3,"d":[{"e":2,"f":1}]},"b":1}');
  });
});

describe('digestOf', () => {
  it('reads back the digest a workbook and a PDF were made with', async () => {
    const digest = 'ab'.repeat(32);
    const ctx = { units: defaultUnits, asOf: '2023-06-26', digest };
    const xlsx = join(dir, 'a.xlsx');
    const pdf = join(dir, 'a.pdf');
    writeFileSync(xlsx, await writeWorkbook(reviewLedger, data, { ctx }));
    writeFileSync(pdf, await renderPdf(reviewLedger, data, ctx));
    expect(await digestOf(xlsx)).toBe(digest);
    expect(await digestOf(pdf)).toBe(digest);
  });

  it("reads a workbook's digest and draft mark from its meta sheet alone, never from the form's sheet", async () => {
    const digest = 'cd'.repeat(32);
    const book = await writeWorkbook(reviewLedger, data, { ctx: { units: defaultUnits, asOf: '2023-06-26', digest }, draft: true });
    // The form's sheet damaged past reading: a reader that opened it would find no digest.
    const form = zipEntries(book)!.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const start = form.offset + 30 + book.readUInt16LE(form.offset + 26) + book.readUInt16LE(form.offset + 28);
    book.fill(0xff, start, start + form.compressedSize);
    const xlsx = join(dir, 'damaged.xlsx');
    writeFileSync(xlsx, book);
    expect(await digestOf(xlsx)).toBe(digest);
    expect(await isDraft(xlsx)).toBe(true);
  });

  it('finds none in a document made without one, in another file, or where there is none', async () => {
    const ctx = { units: defaultUnits, asOf: '2023-06-26' };
    const [xlsx, pdf, text] = [join(dir, 'b.xlsx'), join(dir, 'b.pdf'), join(dir, 'c.pdf')];
    writeFileSync(xlsx, await writeWorkbook(reviewLedger, data, { ctx }));
    writeFileSync(pdf, await renderPdf(reviewLedger, data, ctx));
    writeFileSync(text, '%PDF-1.3\ntrailer\n<< /Info 1 0 R >>\nstartxref\n999999\n%%EOF\n');
    for (const f of [xlsx, pdf, text, join(dir, 'missing.pdf'), join(dir, 'missing.xlsx'), dir]) expect(await digestOf(f), f).toBeNull();
  });
});
