import reviewLedger from '@tianbao/template-review-ledger';
import { describe, expect, it } from 'vitest';
import { buildZip, unzip, type Part } from '../../../test/e2e/zip.ts';
import { openWorkbook, writeWorkbook } from '../src/index.ts';

const ledger = unzip(await writeWorkbook(reviewLedger, reviewLedger.samples[0]!));
const text = (name: string) => ledger.find((p) => p.name === name)!.data.toString('utf8');
const part = (name: string, xml: string): Part => ({ name, data: Buffer.from(xml) });

/**
 * The ledger with its workbook part moved to `name`, found through `_rels/.rels`
 * (whose target is `target`) and its relationships' targets rewritten by `retarget`.
 */
function moved(name: string, target: string, retarget: (t: string) => string): Buffer {
  const dir = name.slice(0, name.lastIndexOf('/'));
  const base = name.slice(name.lastIndexOf('/') + 1);
  const rels = text('xl/_rels/workbook.xml.rels').replace(/Target="([^"]+)"/g, (_, t: string) => `Target="${retarget(t)}"`);
  const root = text('_rels/.rels').replace(/(officeDocument" Target=")[^"]+/, `$1${target}`);
  const kept = ledger.filter((p) => !['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '_rels/.rels'].includes(p.name));
  return buildZip([...kept, part('_rels/.rels', root), part(name, text('xl/workbook.xml')), part(`${dir}/_rels/${base}.rels`, rels)]);
}

/** The sheets found, and the title read from the form sheet. */
async function read(buf: Buffer) {
  const wb = await openWorkbook(buf);
  return { sheets: wb.book.sheets.map((s) => s.name), title: wb.heads[0]!.rows[0]!.cells[1] };
}

describe('the workbook found through the package relationships', () => {
  it('at another path, with relative targets', async () => {
    expect(text('_rels/.rels')).toMatch(/officeDocument" Target="xl\/workbook.xml"/);
    const buf = moved('xl/main/Book.xml', 'xl/main/Book.xml', (t) => `../${t}`);
    expect(await read(buf)).toMatchObject({ sheets: expect.arrayContaining(['问题台账']), title: expect.stringContaining('行政复议工作问题台账') });
  });

  it('with absolute targets, in another letter case, written with `\\`', async () => {
    const buf = moved('xl/main/Book.xml', '/XL/Main/book.xml', (t) => `\\xl\\${t}`);
    expect(await read(buf)).toMatchObject({ sheets: expect.arrayContaining(['问题台账']), title: expect.stringContaining('行政复议工作问题台账') });
  });

  it('refuses a package whose main part is no workbook, saying what it is', async () => {
    const doc = buildZip([
      part('_rels/.rels', text('_rels/.rels').replace(/(officeDocument" Target=")[^"]+/, '$1word/document.xml')),
      part('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'),
    ]);
    await expect(openWorkbook(doc)).rejects.toMatchObject({ rule: 'file.not-xlsx', message: expect.stringContaining('Word 文档') });
  });
});
