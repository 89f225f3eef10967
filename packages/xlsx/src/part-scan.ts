import { MAX_COLUMN, MAX_ROW, rowNumber } from './sheet/refs.ts';
import { attr } from './sheet/xml.ts';
import { FileRefused, RESAVE } from './file-rules.ts';

/**
 * Bytes of one chunk looked at again with the start of the next, so that what
 * straddles two chunks is seen whole: longer than any tag looked into here.
 */
const SEAM = 256;

const BANG = 0x21;
const HASH = 0x23;
const LT = 0x3c;
const GT = 0x3e;
/** `<!DOCTYPE` and `<!ENTITY` as UTF-8 (or any ASCII-compatible encoding), UTF-16LE and UTF-16BE write them. */
const DECLARATIONS = ['<!DOCTYPE', '<!ENTITY'].flatMap((word) => {
  const le = Buffer.from(word, 'utf16le');
  return [Buffer.from(word), le, Buffer.concat([Buffer.alloc(1), le.subarray(0, -1)])];
});

/** A character reference longer than this (`&#x` and its digits) is refused: no writer pads one so. */
const REF_DIGITS = 16;
/** `&#` with as many digits as a value past U+10FFFF needs (seven, or six after `x`): what `reference` may refuse. */
const LONG_REFERENCE = /&#(?:x[0-9A-Fa-f]{6}|[0-9]{7})/g;
const MERGE_CELL = Buffer.from('mergeCell');
const COL = Buffer.from('col');

/** Where a match lies: from `at`, `length` bytes (`length` 0: not yet known). */
type Span = (at: number, length: number) => boolean;

/**
 * Looks through the bytes of one XML part as they inflate, chunk by chunk,
 * for what no parser may be shown: a DOCTYPE or ENTITY declaration anywhere
 * (in UTF-8 or UTF-16), and, in a part to be shown to exceljs's parser
 * (`shown`), character references past Unicode's last code point (the
 * reader refuses those it reads itself, naming the sheet and row). On the
 * way it notes what the reader needs to know before it reads a sheet: how
 * many `<row>` elements it has and whether they stand in ascending order,
 * and its merged ranges. `whole`: the part is a sheet to be opened whole, so
 * its `<col>` ranges are checked too.
 * Throws `FileRefused` at the first finding.
 *
 * Each thing is found by a byte that is rare in a sheet's rows (`!`, `w` of
 * `row`, `l` of `mergeCell` and `col`; `mergeCell` itself when no `<col>` is
 * looked at), or, for references, by one expression over the chunk: the
 * cost of this pass is paid on every file.
 */
export class PartScan {
  rows = 0;
  /** Every `<row>` numbered above the one before (a row without `r` follows the one before). */
  ordered = true;
  /** The `ref` of each `<mergeCell>`, as written. */
  readonly merges: string[] = [];
  private lastRow = 0;
  private tail = Buffer.alloc(0);

  constructor(
    private readonly part: string,
    readonly whole: boolean,
    private readonly shown: boolean,
  ) {}

  push(chunk: Buffer): void {
    // What starts in the last chunk and ends in this one; the rest is found in each chunk alone.
    if (this.tail.length) {
      const seam = this.tail.length;
      this.look(Buffer.concat([this.tail, chunk.subarray(0, SEAM)]), (at, length) => at < seam && (length === 0 || at + length > seam));
    }
    this.look(chunk, () => true);
    this.tail = chunk.length >= SEAM ? Buffer.from(chunk.subarray(-SEAM)) : Buffer.concat([this.tail, chunk]).subarray(-SEAM);
  }

  /** Look at the matches in `b` that `mine` lets through; one cut off by the end of `b` is left for the seam. */
  private look(b: Buffer, mine: Span): void {
    for (let at = b.indexOf(BANG); at >= 0; at = b.indexOf(BANG, at + 1)) this.declaration(b, at, mine);
    // openpyxl's lists hold millions of references: looking at them is a tenth of reading such a list.
    if (this.shown) this.references(b, mine);
    for (let at = b.indexOf(0x77); at >= 0; at = b.indexOf(0x77, at + 1)) this.row(b, at, mine);
    if (!this.whole) for (let at = b.indexOf(MERGE_CELL); at >= 0; at = b.indexOf(MERGE_CELL, at + 1)) this.mergeCell(b, at, mine);
    else
      for (let at = b.indexOf(0x6c); at >= 0; at = b.indexOf(0x6c, at + 1)) {
        if (endsWith(b, at, MERGE_CELL)) this.mergeCell(b, at + 1 - MERGE_CELL.length, mine);
        else if (endsWith(b, at, COL)) this.col(b, at + 1 - COL.length, mine);
      }
  }

  /**
   * The character references in `b` that may be past U+10FFFF, each looked
   * at by `reference`. openpyxl writes every character outside ASCII as one
   * (`&#27745;`): one search for those with the digits it takes to pass it
   * costs a tenth of stopping at every `&#`.
   */
  private references(b: Buffer, mine: Span): void {
    if (!b.includes(HASH)) return;
    const text = b.toString('latin1');
    LONG_REFERENCE.lastIndex = 0;
    for (let m = LONG_REFERENCE.exec(text); m; m = LONG_REFERENCE.exec(text)) this.reference(b, m.index, mine);
  }

  /** A `!` at `at`: refused when it opens a declaration, in any of the encodings. */
  private declaration(b: Buffer, at: number, mine: Span): void {
    // UTF-8 `<!`; UTF-16 `<\0!` (LE: the `<` starts it; BE: the byte before it).
    const starts = b[at - 1] === LT ? [at - 1] : b[at - 1] === 0 && b[at - 2] === LT ? [at - 2, at - 3] : [];
    for (const start of starts)
      if (start >= 0 && DECLARATIONS.some((d) => mine(start, d.length) && matchesAt(b, start, d)))
        throw new FileRefused(
          'file.xml-entities',
          `文件中的 ${this.part} 含有 XML 文档类型或实体声明（DOCTYPE/ENTITY），Excel 不会写出这样的文件；出于安全原因未读取。${RESAVE}`,
        );
  }

  /** A character reference at `at` (`&#65;`, `&#x41;`): refused past U+10FFFF. */
  private reference(b: Buffer, at: number, mine: Span): void {
    const hex = b[at + 2] === 0x78;
    let p = at + (hex ? 3 : 2);
    let value = 0;
    for (; p < b.length && p - at <= REF_DIGITS + 3; p++) {
      const d = digit(b[p]!, hex);
      if (d < 0) break;
      value = Math.min(value * (hex ? 16 : 10) + d, 0x110000);
    }
    const long = p - at > REF_DIGITS + 3;
    if ((p === b.length && !long) || !mine(at, p + 1 - at)) return;
    // `&#` not followed by a whole reference is the parser's business.
    if (!long && (b[p] !== 0x3b || value <= 0x10ffff)) return;
    const ref = b.toString('latin1', at, Math.min(p + 1, at + REF_DIGITS + 4)) + (long ? '…' : '');
    throw new FileRefused(
      'file.corrupt',
      `文件已损坏：${this.part} 中的字符引用 ${ref} 超出 Unicode 字符范围（最大 &#x10FFFF;）。${RESAVE}`,
    );
  }

  /** A `w` at `at`: when it ends the name of a `<row>` start tag (any prefix), that row's number, and its count. */
  private row(b: Buffer, at: number, mine: Span): void {
    // Each byte read is within `b` (past its end the tag is cut off: `end` says so): a read outside it would cost the compiled code.
    if (at < 2 || at + 1 >= b.length || b[at - 1] !== 0x6f || b[at - 2] !== 0x72) return;
    const start = tagStart(b, at - 2);
    if (start < 0 || !nameEnds(b[at + 1])) return;
    // `<row r="12"` as every writer has it, read from the bytes; any other tag whole, as the reader reads it.
    let r: number;
    let end: number;
    if (at + 5 < b.length && b[at + 1] === 0x20 && b[at + 2] === 0x72 && b[at + 3] === 0x3d && b[at + 4] === 0x22) {
      r = 0;
      for (end = at + 5; end < b.length && b[end]! >= 0x30 && b[end]! <= 0x39 && r <= MAX_ROW; end++) r = r * 10 + b[end]! - 0x30;
      if (end >= b.length || b[end] !== 0x22 || r < 1 || r > MAX_ROW) r = NaN;
    } else {
      end = b.indexOf(GT, at);
      r = end < 0 ? NaN : rowNumber(b.toString('latin1', at + 1, end), this.lastRow);
    }
    if (end < 0 || end >= b.length) {
      // Cut off by the end of the chunk: whole across the seam, unless longer than it.
      if (mine(start, 0) && b.length - start >= SEAM) this.ordered = false;
      return;
    }
    if (!mine(start, end + 1 - start)) return;
    // A number out of range is refused as the rows are read, with the sheet's name.
    if (!(r > this.lastRow)) this.ordered = false;
    this.lastRow = r || this.lastRow + 1;
    this.rows++;
  }

  /** A `<mergeCell>`'s `ref`, kept as written: the reader checks it, knowing the sheet's name. */
  private mergeCell(b: Buffer, name: number, mine: Span): void {
    const tag = this.tag(b, name, MERGE_CELL.length, mine);
    if (tag !== null) this.merges.push(attr(tag, 'ref') ?? '');
  }

  /** A `<col>` of a sheet opened whole: its columns must be Excel's (exceljs makes an object for each). */
  private col(b: Buffer, name: number, mine: Span): void {
    const tag = this.tag(b, name, COL.length, mine);
    const past = (n: string) => Number(attr(tag ?? '', n) ?? 0) > MAX_COLUMN;
    if (tag !== null && (past('min') || past('max')))
      throw new FileRefused(
        'file.corrupt',
        `文件已损坏：${this.part} 的列设置 <col${tag.slice(0, 60)}> 超出 Excel 的范围（最多 ${MAX_COLUMN} 列，到 XFD 列）。${RESAVE}`,
      );
  }

  /**
   * The attribute text of a start tag whose name (`length` bytes) starts at
   * `name`, when it is one and `mine`; null otherwise. A tag longer than the
   * seam is refused: no writer puts so much in a merged range or a column.
   */
  private tag(b: Buffer, name: number, length: number, mine: Span): string | null {
    const start = tagStart(b, name);
    if (start < 0 || !nameEnds(b[name + length])) return null;
    const gt = b.indexOf(GT, name);
    if (gt < 0 || gt - start >= SEAM) {
      if (!mine(start, 0) || (gt < 0 && b.length - start < SEAM)) return null;
      throw new FileRefused('file.corrupt', `文件已损坏：${this.part} 中有过长的 XML 标记（${b.toString('latin1', start, start + 40)}…）。${RESAVE}`);
    }
    return mine(start, gt + 1 - start) ? b.toString('latin1', name + length, gt) : null;
  }
}

/** Whether the bytes just before and at `at` spell `word`. */
function endsWith(b: Buffer, at: number, word: Buffer): boolean {
  const from = at + 1 - word.length;
  if (from < 0) return false;
  for (let i = word.length - 1; i >= 0; i--) if (b[from + i] !== word[i]) return false;
  return true;
}

/** The `<` of a start tag whose name (after any prefix) starts at `name`; -1 when none. */
function tagStart(b: Buffer, name: number): number {
  if (name < 1) return -1;
  if (b[name - 1] === LT) return name - 1;
  if (b[name - 1] !== 0x3a) return -1;
  for (let p = name - 2; p >= 0 && name - p < 64; p--) {
    const c = b[p]!;
    if (c === LT) return p < name - 2 ? p : -1;
    if (!isNameByte(c)) return -1;
  }
  return -1;
}

const isNameByte = (c: number) => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f || c === 0x2d || c === 0x2e;

/** After a tag's name: white space, `>` or `/`; not `<rowBreaks`, not the end of the chunk. */
const nameEnds = (c: number | undefined) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === GT || c === 0x2f;

function matchesAt(b: Buffer, at: number, word: Buffer): boolean {
  if (at + word.length > b.length) return false;
  for (let i = 0; i < word.length; i++) {
    const c = b[at + i]!;
    // ASCII letters either case: `<!doctype` is no more welcome.
    if (c !== word[i] && !(c >= 0x61 && c <= 0x7a && c - 32 === word[i])) return false;
  }
  return true;
}

function digit(c: number, hex: boolean): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return hex && lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}
