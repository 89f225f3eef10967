import { zipEntries, readEntry, type ZipEntry } from './zip.ts';

/** A file refused before it is opened: a stable rule id and a Chinese reason. */
export class FileRefused extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/** The limits a submission must keep; no real form comes near them. */
export const LIMITS = {
  /** Bytes of the file itself. */
  fileBytes: 50 * 1024 * 1024,
  /** Bytes of all its parts unpacked. */
  unpackedBytes: 300 * 1024 * 1024,
  /** Unpacked ÷ packed, for a part over 1 MB: a zip bomb packs far tighter than any spreadsheet. */
  ratio: 200,
  /** Rows of one sheet: a checked list keeps its rows' values, about 1 kB a row. */
  rows: 200_000,
  /**
   * Cells of one sheet opened whole (to mark up a copy): exceljs takes about
   * 1.3 kB a cell (20,000 outfalls of 18 columns: 480 MB). Checking reads
   * sheets row by row and is not bound by this.
   */
  cells: 500_000,
} as const;

const MB = (n: number) => `${Math.round(n / 1048576)} MB`;

/** What the bytes tell before a workbook is opened. */
export interface Inspected {
  /** Day serials count from 1904 (`date1904="1"` or `"true"` in workbook.xml). */
  date1904: boolean;
  entries: ZipEntry[];
}

/**
 * Look at a file's bytes before any parser does: refuse what is not an xlsx
 * workbook, or one built to exhaust memory or to expand XML entities, with
 * one clear reason each. `whole`: the workbook is to be opened whole, so its
 * sheets are counted against the row and cell limits first.
 */
export function inspectXlsx(buf: Buffer, whole: boolean): Inspected {
  if (buf.length === 0) throw new FileRefused('file.empty', '文件是空的（0 字节），请重新导出或保存后再提交');
  if (buf.length > LIMITS.fileBytes)
    throw new FileRefused('file.too-large', `文件有 ${MB(buf.length)}，超过 ${MB(LIMITS.fileBytes)} 的上限，未读取；请按单位拆分后提交`);
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    // An OLE2 container: the old binary .xls, or an xlsx encrypted with a password.
    if (buf.includes(Buffer.from('EncryptedPackage', 'utf16le')))
      throw new FileRefused('file.encrypted', '工作簿设置了打开密码（已加密），无法读取。请在 Excel/WPS 中取消密码后另存为 .xlsx 再提交');
    throw new FileRefused('file.xls', '文件是旧版 Excel 97-2003（.xls）格式，请用 Excel/WPS 打开后“另存为” Excel 工作簿（.xlsx）再提交');
  }
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) {
    if (looksLikeText(buf))
      throw new FileRefused('file.not-xlsx', '文件内容是文本（如 CSV 或网页），只是扩展名为 .xlsx。请在 Excel/WPS 中打开后“另存为” Excel 工作簿（.xlsx）再提交');
    throw new FileRefused('file.corrupt', '不是有效的 .xlsx 文件（不是 Excel 工作簿的格式），请确认文件未损坏，并用 Excel/WPS 另存为 .xlsx');
  }
  const entries = zipEntries(buf);
  if (!entries) throw new FileRefused('file.corrupt', '文件不完整或已损坏（可能下载或拷贝时中断），请重新保存或重新发送');
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) {
    const what = names.has('word/document.xml') ? 'Word 文档' : names.has('ppt/presentation.xml') ? 'PowerPoint 演示文稿' : '压缩包';
    throw new FileRefused('file.not-xlsx', `文件是${what}，不是 Excel 工作簿，请提交 .xlsx 格式的表格`);
  }
  checkSizes(entries);
  let date1904 = false;
  for (const e of entries) {
    if (!/\.(xml|rels)$/i.test(e.name)) continue;
    const prolog = checkXml(buf, e, whole);
    if (e.name === 'xl/workbook.xml') date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(prolog);
  }
  return { date1904, entries };
}

function looksLikeText(buf: Buffer): boolean {
  const head = buf.subarray(0, 4096);
  return !head.includes(0);
}

function checkSizes(entries: ZipEntry[]): void {
  const total = entries.reduce((s, e) => s + e.size, 0);
  const bomb = entries.find((e) => e.size > 1048576 && e.size / Math.max(1, e.compressedSize) > LIMITS.ratio);
  if (total > LIMITS.unpackedBytes || bomb)
    throw new FileRefused(
      'file.zip-bomb',
      `文件解压后有 ${MB(total)}${bomb ? `（其中 ${bomb.name} 压缩比超过 ${LIMITS.ratio}:1）` : ''}，超过 ${MB(LIMITS.unpackedBytes)} 的上限，未读取`,
    );
}

/**
 * No DOCTYPE or entity declarations (they could expand without end), and,
 * when `sized`, no sheet longer than the limits. Returns the start of the part's text.
 */
function checkXml(buf: Buffer, e: ZipEntry, sized: boolean): string {
  const sheet = sized && /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name);
  // A sheet is counted whole; other parts only need their prolog looked at.
  const data = readEntry(buf, e, LIMITS.unpackedBytes, !sheet);
  if (data === 'tooLarge') throw new FileRefused('file.zip-bomb', `${e.name} 解压后超过 ${MB(LIMITS.unpackedBytes)} 的上限，未读取`);
  if (data === null) throw new FileRefused('file.corrupt', `文件已损坏（${e.name} 无法解压），请重新保存或重新发送`);
  const prolog = data.subarray(0, 4096).toString('utf8');
  if (/<!DOCTYPE|<!ENTITY/i.test(prolog))
    throw new FileRefused('file.xml-entities', `文件中的 ${e.name} 含有 XML 文档类型或实体声明（DOCTYPE/ENTITY），Excel 不会写出这样的文件；出于安全原因未读取`);
  if (sheet) {
    const rows = count(data, '<row');
    if (rows > LIMITS.rows)
      throw new FileRefused('file.too-many-rows', `工作表（${e.name}）有 ${rows} 行，超过整体打开的上限 ${LIMITS.rows} 行，未打开；请按单位拆分`);
    const cells = count(data, '<c');
    if (cells > LIMITS.cells)
      throw new FileRefused('file.too-many-cells', `工作表（${e.name}）有 ${cells} 个单元格（${rows} 行），超过整体打开的上限 ${LIMITS.cells} 个，未打开；请按单位拆分`);
  }
  return prolog;
}

/** Elements named exactly `name` in a sheet's XML: `<row ` or `<row>`, not `<rowBreaks`. */
function count(xml: Buffer, name: string): number {
  const tag = Buffer.from(name);
  let n = 0;
  for (let i = xml.indexOf(tag); i >= 0; i = xml.indexOf(tag, i + tag.length)) {
    const next = xml[i + tag.length];
    if (next === 0x20 || next === 0x3e) n++;
  }
  return n;
}
