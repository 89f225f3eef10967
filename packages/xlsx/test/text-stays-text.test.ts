import outfallChecklist from '@tianbao/template-outfall-checklist';
import reviewLedger from '@tianbao/template-review-ledger';
import { describe, expect, it } from 'vitest';
import { readEntry, readWorkbook, writeWorkbook, zipEntries } from '../src/index.ts';

/** Every sheet's XML of a workbook, joined. */
function sheetsXml(buf: Buffer): string {
  return zipEntries(buf)!
    .filter((e) => e.name.startsWith('xl/worksheets/'))
    .map((e) => (readEntry(buf, e, 1 << 28) as Buffer).toString('utf8'))
    .join('');
}

// What a clerk typed may begin like a formula; a spreadsheet must never run it.
const TYPED = ['=HYPERLINK("http://example.com","点此")', '+8613800000000', '-1+1', '@SUM(1,2)', '=1+1'];

describe('text a user typed stays text', () => {
  it('in a checklist: no formula is written, the text is stored as a string', async () => {
    const sample = outfallChecklist.samples.find((s) => s.unit === '修武县')!;
    const outfalls = sample.outfalls.map((o, i) => (i < TYPED.length ? { ...o, name: TYPED[i]!, remark: TYPED[i]! } : o));
    const buf = await writeWorkbook(outfallChecklist, { ...sample, outfalls });
    expect(sheetsXml(buf)).not.toMatch(/<f[ >]/);
    // Read back, each is the string typed (names in column C from row 4, 备注 in R).
    const ws = (await readWorkbook(buf)).getWorksheet('排污口清单')!;
    TYPED.forEach((t, i) => {
      expect(ws.getCell(`C${i + 4}`).value).toBe(t);
      expect(ws.getCell(`R${i + 4}`).value).toBe(t);
    });
  });

  it('in a ledger: items that begin with = or + are text too', async () => {
    const sample = reviewLedger.samples[0]!;
    const rows = { ...sample.rows, acceptance: { problems: ['=1+1'], measures: ['+严格审查'], deadlines: ['持续推进' as const] } };
    const buf = await writeWorkbook(reviewLedger, { ...sample, rows });
    expect(sheetsXml(buf)).not.toMatch(/<f[ >]/);
  });
});
