import { defaultUnits } from '@tianbao/form';
import { reviewLedger } from '@tianbao/template-review-ledger';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { describe, expect, it } from 'vitest';
import { formDocuments } from '../src/document.ts';
import { setupPdfmake } from '../src/fonts.ts';
import { ROW_ID } from '../src/form-block.ts';
import { bytesOf, layOut } from '../src/render.ts';

const sample = reviewLedger.samples[0]!;
// Rows long enough that the table runs over several pages, some rows starting on each.
const long = (what: string, n: number) => Array.from({ length: n }, (_, i) => `${what}第${i + 1}项，涉及的案件需要进一步核查并整改落实到位，确保问题清零`);
const data = {
  ...sample,
  rows: Object.fromEntries(reviewLedger.layout.rows!.map((r, i) => [r.key, { problems: long('问题', 2 + 3 * (i % 3)), measures: long('措施', 3), deadlines: ['长期坚持'] }])),
};
/** A new document each time: pdfmake lays a document out in place. */
const doc = () => formDocuments(reviewLedger, data, { units: defaultUnits, asOf: '2023-07-01' })().doc;

/** Each body row's page as pdfmake's own `pageBreakBefore` hook reports it, the way `layOut` found them before. */
async function hooked(d: TDocumentDefinitions): Promise<{ bytes: Buffer; rowPages: number[] }> {
  const pages: number[] = [];
  const pageBreakBefore = (node: { id?: string; pageNumbers: number[] }) => {
    const row = ROW_ID.exec(node.id ?? '')?.[1];
    if (row !== undefined) pages[Number(row)] = node.pageNumbers[0]!;
    return false;
  };
  const bytes = await bytesOf(await setupPdfmake().createPdf({ ...d, pageBreakBefore }).getStream());
  const rowPages: number[] = [];
  for (let i = 0; i < pages.length; i++) rowPages.push(pages[i] ?? rowPages[i - 1] ?? 1);
  return { bytes, rowPages };
}

describe('each body row’s page, read from the laid-out nodes', () => {
  it('is the page pdfmake’s pageBreakBefore hook reports, and the document the same bytes without the hook', async () => {
    const own = await hooked(doc());
    const laid = await layOut(doc());
    expect(new Set(own.rowPages).size).toBeGreaterThan(1);
    expect(laid.rowPages).toEqual(own.rowPages);
    expect(Buffer.compare(await bytesOf(laid.doc), own.bytes)).toBe(0);
  });
});
