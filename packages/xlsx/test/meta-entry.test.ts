import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultUnits } from '@tianbao/form';
import reviewLedger from '@tianbao/template-review-ledger';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LIMITS, readMeta, watchInflation, writeWorkbook, zipEntries } from '../src/index.ts';

const data = reviewLedger.samples[0]!;
const dir = mkdtempSync(join(tmpdir(), 'tianbao-meta-'));
const digest = 'ab'.repeat(32);
const ledger = (more: { digest?: string; draft?: boolean } = {}) =>
  writeWorkbook(reviewLedger, data, { ctx: { units: defaultUnits, asOf: '2023-06-26', digest: more.digest }, draft: more.draft });
const saved = (name: string, bytes: Buffer | Uint8Array | ArrayBuffer) => {
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(bytes as ArrayBuffer));
  return path;
};

describe('readMeta', () => {
  it("gives an entry of a workbook tianbao wrote, inflating its meta sheet and none of the form's", async () => {
    const path = saved('ledger.xlsx', await ledger({ digest }));
    const inflated: string[] = [];
    const stop = watchInflation((part) => inflated.push(part));
    try {
      expect(await readMeta(path, 'digest')).toBe(digest);
      expect(await readMeta(path, 'template')).toBe(reviewLedger.id);
    } finally {
      stop();
    }
    // The sheet list and its links, the shared strings, and of the sheets the meta sheet alone (the last; the form's is the first).
    expect(new Set(inflated.filter((p) => !p.startsWith('xl/worksheets/')))).toEqual(
      new Set(['_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml']),
    );
    const sheets = new Set(inflated.filter((p) => p.startsWith('xl/worksheets/')));
    expect(sheets.size).toBe(1);
    expect(sheets.has('xl/worksheets/sheet1.xml')).toBe(false);
    expect(await readMeta(path, 'draft')).toBeNull();
  });

  it("still gives it when the form's sheet is damaged past reading", async () => {
    const book = await ledger({ digest, draft: true });
    const form = zipEntries(book)!.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const start = form.offset + 30 + book.readUInt16LE(form.offset + 26) + book.readUInt16LE(form.offset + 28);
    book.fill(0xff, start, start + form.compressedSize);
    const path = saved('damaged.xlsx', book);
    expect(await readMeta(path, 'digest')).toBe(digest);
    expect(await readMeta(path, 'draft')).toBe('1');
  });

  it('gives null for a workbook from elsewhere, an entry not written, and a file it must not or cannot read', async () => {
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').addRow(['digest', digest]);
    const fifo = join(dir, 'fifo.xlsx');
    execFileSync('mkfifo', [fifo]);
    const files = [
      saved('other.xlsx', await other.xlsx.writeBuffer()),
      saved('no-digest.xlsx', await ledger()),
      saved('text.xlsx', Buffer.from('digest,' + digest)),
      fifo,
      join(dir, 'missing.xlsx'),
      dir,
    ];
    for (const f of files) expect(await readMeta(f, 'digest'), f).toBeNull();
  });

  it('reads a file of up to LIMITS.fileBytes, and none larger', async () => {
    const book = await ledger({ digest });
    expect(await readMeta(saved('at-limit.xlsx', padded(book, LIMITS.fileBytes - book.length)), 'digest')).toBe(digest);
    expect(await readMeta(saved('past-limit.xlsx', padded(book, LIMITS.fileBytes - book.length + 1)), 'digest')).toBeNull();
  });
});

/** An archive with `by` bytes before its first entry, its offsets moved to match: the same workbook in a larger file. */
function padded(book: Buffer, by: number): Buffer {
  const out = Buffer.concat([Buffer.alloc(by), book]);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = out.readUInt32LE(eocd + 16) + by;
  out.writeUInt32LE(p, eocd + 16);
  for (let n = out.readUInt16LE(eocd + 10); n > 0; n--) {
    out.writeUInt32LE(out.readUInt32LE(p + 42) + by, p + 42);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}
