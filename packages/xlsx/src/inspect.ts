import { extname } from 'node:path';
import { crc32 } from 'node:zlib';
import { PartScan } from './part-scan.ts';
import { StreamedPart } from './streamed-part.ts';
import { partBytes } from './sheet/part-text.ts';
import { dataStart, zipEntries, type ZipEntry } from './zip.ts';
import { FileRefused, RESAVE } from './file-rules.ts';

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
} as const;

/**
 * A sheet's part that inflates to more than this is, when asked
 * (`streamAbove`), inflated as it is read: held inflated from the inspection
 * to its reading, a list of 100,000 rows took 74 MB (shared strings) to 136 MB
 * (openpyxl's inline strings) more, and one of 40,000 outfalls (30 MB) peaked
 * at 168 MB summed over the check's processes where, streamed, it took 137 MB
 * in the same time. A smaller one is held: its inspection then refuses a
 * sheet of too many rows before any is read, where a streamed one is judged up
 * to its limit first (200,000 rows of one cell each are some 8 MB: held).
 */
export const STREAMED_BYTES = 16 * 1024 * 1024;

const SHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/i;

const MB = (n: number) => `${Math.round(n / 1048576)} MB`;

/** Parts that are XML, and so looked through for declarations: the only parts the reader reads. */
export const isXmlPart = (name: string): boolean => /\.(xml|rels|vml)$/i.test(name);

/** What the bytes tell before a workbook is opened. */
export interface Inspected {
  entries: ZipEntry[];
  /** Parts whose `<row>` elements do not stand in ascending order (moved or repeated): read whole, then in order. */
  unordered: ReadonlySet<string>;
  /** The `ref` of each `<mergeCell>` by part, as written. */
  merges: ReadonlyMap<string, readonly string[]>;
  /** The `<row>` elements of each part that has any. */
  rows: ReadonlyMap<string, number>;
  /**
   * Each XML part's bytes as they inflated, in chunks, by entry name: the
   * reader and the editor take a part from here, so no part is inflated twice.
   * A holder drops what it is done with (`Map.delete`).
   */
  parts: Map<string, Buffer[]>;
  /** Sheets' parts inflated as they are read instead (see `STREAMED_BYTES`), by entry name: in none of the above. */
  streamed: ReadonlyMap<string, StreamedPart>;
}

/** A file's bytes and what their inspection found: a package read once, for the reader and the editor alike. */
export interface InspectedFile {
  buf: Buffer;
  inspected: Inspected;
}

/**
 * Look at a file's bytes before any parser does: refuse what is not an xlsx
 * workbook, a damaged archive (duplicate part names, a part whose CRC-32 or
 * size is not the one recorded), one built to exhaust memory (judged by what
 * its parts really inflate to, inflating no further than the limits), and
 * XML with DOCTYPE or ENTITY declarations or character references outside
 * Unicode, with one clear reason each (`FileRefused`). Every part is inflated
 * once, a chunk at a time, and an XML part's chunks are kept (`parts`).
 * `whole`: the workbook is to be opened whole, so its sheets are counted
 * against the row limit, and their column ranges checked, first.
 * `streamAbove`: a sheet's part that inflates to more bytes than this (see
 * `STREAMED_BYTES`) is not inflated now but as it is read, looked through as
 * it inflates (`streamed`): for sheets read once each, to their end. `file`:
 * the file the bytes were read from, by whose name what is refused is said
 * (see `refusedByName`), then as now; a part streamed is then read from it
 * as it inflates, and nothing inspected keeps `buf`.
 */
export async function inspectXlsx(buf: Buffer, whole: boolean, stop?: AbortSignal, streamAbove = Infinity, file?: string): Promise<Inspected> {
  if (buf.length === 0) throw new FileRefused('file.empty', '文件是空的（0 字节），请重新导出或保存后再提交');
  if (buf.length > LIMITS.fileBytes) throw tooLarge(buf.length);
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    // An OLE2 container: the old binary .xls, or an xlsx encrypted with a password.
    if (buf.includes(Buffer.from('EncryptedPackage', 'utf16le')))
      throw new FileRefused('file.encrypted', '工作簿设置了打开密码（已加密），无法读取。请在 Excel/WPS 中取消密码后另存为 .xlsx 再提交');
    throw new FileRefused('file.xls', XLS);
  }
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) {
    if (looksLikeText(buf))
      throw new FileRefused('file.not-xlsx', '文件内容是文本（如 CSV 或网页），只是扩展名为 .xlsx。请在 Excel/WPS 中打开后“另存为” Excel 工作簿（.xlsx）再提交');
    throw new FileRefused('file.corrupt', '不是有效的 .xlsx 文件（不是 Excel 工作簿的格式），请确认文件未损坏，并用 Excel/WPS 另存为 .xlsx');
  }
  const entries = zipEntries(buf);
  if (!entries) throw new FileRefused('file.corrupt', '文件不完整或已损坏（可能下载或拷贝时中断），请重新保存或重新发送');
  // Before any part is read, so that which copy comes first makes no difference.
  const duplicate = duplicateName(entries);
  if (duplicate)
    throw new FileRefused('file.corrupt', `文件已损坏：压缩包中有两个同名的部件 ${duplicate}，无法确定读取哪一个。${RESAVE}`);
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  // The workbook is found through `_rels/.rels` once the parts are inspected; with neither, it cannot be there.
  if (!names.has('xl/workbook.xml') && !names.has('_rels/.rels')) throw notWorkbook(entries);
  const budget = { left: LIMITS.unpackedBytes };
  const unordered = new Set<string>();
  const merges = new Map<string, readonly string[]>();
  const rows = new Map<string, number>();
  const parts = new Map<string, Buffer[]>();
  const streamed = new Map<string, StreamedPart>();
  const streams = (e: ZipEntry) => !whole && e.size > streamAbove && SHEET_PART.test(e.name);
  // A part streamed is read from the file as it inflates: no part held may then keep the file's bytes.
  const own = file !== undefined && entries.some(streams);
  for (const e of entries) {
    if (streams(e)) {
      const said = (refusal: unknown) => (file === undefined ? refusal : refusedByName(refusal, file));
      // Where its bytes stand in the file; a part not where its entry says is refused as it is read, from `buf`.
      const start = file === undefined ? null : dataStart(buf, e);
      const from = file === undefined || start === null ? buf : { file, start, length: e.compressedSize };
      streamed.set(e.name, new StreamedPart(new PartCheck(e, budget, false, false), partBytes(from, e, stop), said));
      continue;
    }
    const scan = await inspectPart(buf, e, budget, whole && SHEET_PART.test(e.name), whole, stop, own);
    if (!scan) continue;
    if (!scan.ordered) unordered.add(e.name);
    if (scan.merges.length) merges.set(e.name, scan.merges);
    if (scan.rows) rows.set(e.name, scan.rows);
    parts.set(e.name, scan.chunks);
  }
  return { entries, unordered, merges, rows, parts, streamed };
}

/** The refusal of an archive that holds no workbook, saying what it holds instead. */
export function notWorkbook(entries: readonly ZipEntry[]): FileRefused {
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  const what = names.has('word/document.xml') ? 'Word 文档' : names.has('ppt/presentation.xml') ? 'PowerPoint 演示文稿' : '压缩包';
  return new FileRefused('file.not-xlsx', `文件是${what}，不是 Excel 工作簿，请提交 .xlsx 格式的表格`);
}

const XLS = '文件是旧版 Excel 97-2003（.xls）格式，请用 Excel/WPS 打开后“另存为” Excel 工作簿（.xlsx）再提交';

/**
 * A file not named .xlsx whose bytes are no workbook is refused by its name,
 * which says more than a guess from the bytes: a `.xls` as the old format, any
 * other as what its extension says it is (`.json`, `.pdf`).
 */
export function refusedByName(e: unknown, file: string): unknown {
  const ext = extname(file).toLowerCase();
  if (!(e instanceof FileRefused) || !['file.not-xlsx', 'file.corrupt'].includes(e.rule) || ext === '.xlsx') return e;
  if (ext === '.xls') return new FileRefused('file.xls', XLS);
  return new FileRefused('file.not-xlsx', `文件${ext ? `扩展名为 ${ext}` : '没有扩展名'}，不是 Excel 工作簿，请提交 .xlsx 格式的表格`);
}

/** The file-size refusal, for a size known from the bytes or from the file system. */
export const tooLarge = (bytes: number) =>
  new FileRefused('file.too-large', `文件有 ${MB(bytes)}，超过 ${MB(LIMITS.fileBytes)} 的上限，未读取；请按单位拆分后提交`);

function looksLikeText(buf: Buffer): boolean {
  const head = buf.subarray(0, 4096);
  return !head.includes(0);
}

/** A part name stored twice, as OPC compares names: letter case and `\` against `/` do not count. */
function duplicateName(entries: ZipEntry[]): string | null {
  const seen = new Set<string>();
  for (const e of entries) {
    const key = e.name.toLowerCase();
    if (seen.has(key)) return e.name;
    seen.add(key);
  }
  return null;
}

/**
 * Inflate one part, looked through and counted as it comes (`PartCheck`),
 * its chunks kept; a sheet opened whole (`counted`) has its rows counted,
 * a part to be shown to exceljs (`shown`) its references looked at.
 */
async function inspectPart(
  buf: Buffer,
  e: ZipEntry,
  budget: { left: number },
  counted: boolean,
  shown: boolean,
  stop: AbortSignal | undefined,
  own: boolean,
): Promise<(PartScan & { chunks: Buffer[] }) | null> {
  const check = new PartCheck(e, budget, counted, shown);
  const chunks: Buffer[] = [];
  for await (const chunk of partBytes(buf, e, stop)) {
    check.take(chunk);
    // A part stored, not deflated, comes as views of the file's bytes.
    if (check.scan) chunks.push(own && e.method === 0 ? Buffer.from(chunk) : chunk);
  }
  check.end();
  return check.scan && Object.assign(check.scan, { chunks });
}

/**
 * What is checked of a part's bytes as they inflate: what it really unpacks
 * to against what is left of the workbook's budget and against the ratio
 * limit, its CRC-32 and size at its end, and an XML part looked through
 * (`scan`, see `PartScan`). Throws `FileRefused` at the first finding.
 */
export class PartCheck {
  readonly scan: PartScan | null;
  private size = 0;
  private crc = 0;
  /** A part under 1 MB may pack as tightly as it likes: an empty sheet's XML does. */
  private readonly most: number;
  /** Of a worksheet, its last bytes so far: its XML must end by closing its root (see `end`). */
  private tail: Buffer | null;

  constructor(
    private readonly e: ZipEntry,
    private readonly budget: { left: number },
    counted: boolean,
    shown: boolean,
  ) {
    this.scan = isXmlPart(e.name) ? new PartScan(e.name, counted, shown) : null;
    this.most = Math.max(1048576, LIMITS.ratio * e.compressedSize);
    this.tail = SHEET_PART.test(e.name) ? Buffer.alloc(0) : null;
  }

  take(chunk: Buffer): void {
    const { e } = this;
    this.size += chunk.length;
    this.budget.left -= chunk.length;
    if (this.budget.left < 0)
      throw new FileRefused('file.zip-bomb', `文件解压后超过 ${MB(LIMITS.unpackedBytes)} 的上限（读到 ${e.name} 时），未读取；请确认文件来源，按单位拆分后提交`);
    if (this.size > this.most)
      throw new FileRefused(
        'file.zip-bomb',
        `文件中的 ${e.name} 解压后已超过 ${MB(this.size)}，压缩比超过 ${LIMITS.ratio}:1，是恶意构造的“压缩炸弹”式文件，未读取；请确认文件来源`,
      );
    this.crc = crc32(chunk, this.crc);
    this.scan?.push(chunk);
    if (this.tail) this.tail = Buffer.concat([this.tail, chunk.subarray(-TAIL_BYTES)]).subarray(-TAIL_BYTES);
  }

  /** At the part's end: its size and CRC-32 as recorded, and a sheet opened whole within the row limit. */
  end(): void {
    const { e, scan } = this;
    if (this.size !== e.size || this.crc >>> 0 !== e.crc)
      throw new FileRefused('file.corrupt', `文件已损坏（${e.name} 的校验和不符，内容与记录不一致），请重新保存或重新发送`);
    if (scan?.whole && scan.rows > LIMITS.rows)
      throw new FileRefused('file.too-many-rows', `工作表（${e.name}）有 ${scan.rows} 行，超过整体打开的上限 ${LIMITS.rows} 行，未打开；请按单位拆分`);
    // A sheet's XML cut short, then packed again (its size and CRC-32 those of what is left), reads as far as it
    // goes and loses the rest of its rows without a word: it must close its root, `</worksheet>` (prefixed or not).
    if (this.tail && !CLOSED_ROOT.test(this.tail.toString('latin1'))) {
      // A NUL in its last bytes: the XML is in UTF-16 (as OPC allows, and no spreadsheet program writes), not cut short.
      if (this.tail.includes(0))
        throw new FileRefused('file.corrupt', `${e.name} 的 XML 是 UTF-16 编码的，未检查：只读取 UTF-8 编码的工作表（Excel、WPS 等保存的都是）。${RESAVE}`);
      throw new FileRefused('file.corrupt', `文件已损坏（${e.name} 的 XML 在结尾前被截断，表中的行不全），未检查；请从原表重新保存或导出完整的文件后再提交`);
    }
  }
}

/** How much of a worksheet's end is kept to see that it closes its root. */
const TAIL_BYTES = 64;
/** A worksheet's XML ends with its root's end tag, `</worksheet>` or `</x:worksheet>`, then perhaps white space. */
const CLOSED_ROOT = /<\/(?:[\w.-]+:)?worksheet\s*>\s*$/;
