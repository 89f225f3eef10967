import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { textKey, type CellValue } from '@tianbao/form';
import { inspectXlsx, LIMITS, refusedByName, tooLarge, type InspectedFile } from './inspect.ts';
import { FileRefused } from './file-rules.ts';
import { META_ROWS, META_SHEET } from './meta.ts';
import { openBook, type Book, type SheetPart } from './sheet/book.ts';
import { MergeSpread, type Merge } from './sheet/merges.ts';
import type { Stop } from './sheet/part-text.ts';
import type { Row } from './sheet/rows.ts';

/** Rows at the top of a sheet where a form's title, info line and header are looked for. */
const HEAD_ROWS = 20;

/** One of the first rows of a sheet: its cells as they stand, and as shown (merged ranges spread, see `MergeSpread`). */
export interface HeadRow extends Row {
  shown: CellValue[];
}

/** The first rows of a sheet, as shown: its merged ranges are read when they are first looked at. */
export interface SheetHead {
  sheet: SheetPart;
  readonly rows: HeadRow[];
}

/** A submission opened for checking: the first rows of every sheet, and tianbao's metadata. */
export interface OpenWorkbook {
  book: Book;
  /**
   * The first `HEAD_ROWS` rows of each sheet but the meta sheet, in the order a
   * submission is looked for: the active tab, the other visible sheets, then
   * the hidden ones (a hidden sheet is judged only when no visible one matches).
   */
  heads: SheetHead[];
  /** Key/value pairs of the `_tianbao` sheet; empty for workbooks from elsewhere. */
  meta: Record<string, string>;
  /**
   * The bytes and the parts they inflated to, for a marked-up copy made from
   * this one reading (see `markUpCopy`). Null when a sheet of a file named by
   * its path is streamed: its bytes are read from the file as it inflates,
   * and those of the whole file let go of once inspected.
   */
  source: InspectedFile | null;
}

/**
 * A file's bytes. A path is looked at before it is read (a link followed to
 * what it names): only a regular file of at most `LIMITS.fileBytes` is read,
 * and no further than the size it had then. Anything else is refused in
 * Chinese: a device, a FIFO or a socket (`file.not-regular`: `/dev/zero` would
 * never end, a FIFO never be written to), a file too large, a path that
 * cannot be read.
 */
export async function fileBytes(input: Buffer | string): Promise<Buffer> {
  if (typeof input !== 'string') return input;
  try {
    const size = regularSize(await stat(input));
    // Not waiting for a writer, should the path have become a FIFO since.
    const handle = await open(input, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      // Looked at again as opened: the path may name another file by now.
      const buf = Buffer.alloc(Math.min(size, regularSize(await handle.stat())));
      let read = 0;
      for (let n = -1; read < buf.length && n !== 0; read += n) n = (await handle.read(buf, read, buf.length - read, read)).bytesRead;
      return read < buf.length ? buf.subarray(0, read) : buf;
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (e instanceof FileRefused) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在' : code === 'EACCES' || code === 'EPERM' ? '没有读取权限' : code === 'ELOOP' ? '链接指向自身，形成循环' : code === 'ENXIO' ? '这不是普通文件' : `系统错误 ${code ?? ''}`.trim();
    throw new FileRefused('file.unreadable', `无法打开文件：${why}。请确认文件存在并可读取`);
  }
}

/** The size of a regular file; anything else refused. */
function regularSize(st: Stats): number {
  if (st.isDirectory()) throw new FileRefused('file.unreadable', '无法打开文件：这是文件夹，不是文件');
  const kind = st.isFIFO() ? '命名管道 FIFO' : st.isSocket() ? '套接字 socket' : st.isCharacterDevice() || st.isBlockDevice() ? '设备文件' : '特殊文件';
  if (!st.isFile()) throw new FileRefused('file.not-regular', `这不是普通文件，而是${kind}（或指向它的链接），未读取。请提交 Excel 工作簿（.xlsx）文件本身`);
  if (st.size > LIMITS.fileBytes) throw tooLarge(st.size);
  return st.size;
}

/**
 * Open a submission for checking. Its bytes are inspected first (throwing
 * `FileRefused` with a rule id and a Chinese reason); sheets are then read
 * row by row, so memory does not grow with the size of the XML. `streamAbove`:
 * a sheet larger than this many bytes is inflated as it is read, not held
 * from the inspection (see `inspectXlsx`): the reader then finishes the
 * inspection (`Book.finish`) and may be asked to read the file again (`ReadAgain`).
 */
export async function openWorkbook(input: Buffer | string, stop?: Stop, streamAbove = Infinity): Promise<OpenWorkbook> {
  let buf: Buffer | null = await fileBytes(input);
  const inspected = await inspectXlsx(buf, false, stop, streamAbove, typeof input === 'string' ? input : undefined).catch((e: unknown) => {
    throw typeof input === 'string' ? refusedByName(e, input) : e;
  });
  const source = typeof input === 'string' && inspected.streamed.size ? null : { buf, inspected };
  buf = null;
  const book = await openBook(inspected, stop);
  const heads: OpenWorkbook['heads'] = [];
  const meta: Record<string, string> = {};
  try {
    for (const sheet of [...book.sheets].sort(byPreference)) {
      if (sheet.name === META_SHEET) {
        for (const row of await firstRows(book, sheet, META_ROWS, stop)) {
          const k = cellText(row.cells[1]).trim();
          if (k) meta[k] = cellText(row.cells[2]).trim();
        }
        continue;
      }
      heads.push(shownHead(sheet, book, await firstRows(book, sheet, HEAD_ROWS, stop)));
    }
  } catch (e) {
    await book.close();
    throw e;
  }
  return { book, heads, meta, source };
}

/**
 * A sheet's first rows, shown with its merged ranges spread when first asked
 * for (most sheets are never looked into), and again once more of them are
 * known (a streamed sheet's, at its end).
 */
function shownHead(sheet: SheetPart, book: Book, rows: Row[]): SheetHead {
  let shown: { by: Merge[]; rows: HeadRow[] } | undefined;
  return {
    sheet,
    get rows() {
      const merges = book.merges(sheet);
      if (shown?.by !== merges) {
        // A header of two rows shows its merged cells' text in both: `序号` above `经度 | 纬度` is found on either.
        const spread = new MergeSpread(merges);
        shown = { by: merges, rows: rows.map((row) => ({ ...row, shown: spread.spread(row.r, row.cells) })) };
      }
      return shown.rows;
    },
  };
}

/** Visible before hidden, the active tab first; otherwise in workbook order (the sort is stable). */
const byPreference = (a: SheetPart, b: SheetPart): number => Number(a.hidden) - Number(b.hidden) || Number(b.active) - Number(a.active);

async function firstRows(book: Book, sheet: SheetPart, last: number, stop: Stop): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const row of book.rows(sheet, stop)) {
    if (row.r > last) break;
    rows.push(row);
  }
  return rows;
}

/** The text of a cell as a clerk sees it; dates as `YYYY-MM-DD`, numbers as their plain string. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** The text of a cell reduced for comparing (see `textKey`). */
export const cellKey = (v: CellValue | undefined): string => textKey(cellText(v));
