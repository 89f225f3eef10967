import { createRequire } from 'node:module';
// The module's object, not its named exports: tests see what is deflated through it.
import zlib, { type ZlibOptions } from 'node:zlib';
import type { EventEmitter } from 'node:events';
import type ExcelJS from 'exceljs';
import { UNWRITABLE, deflateLater, requirePatchedVersion } from '@tianbao/form';

/**
 * Every use of exceljs's undeclared internals, in one module, written for this
 * version: the streamed sheet's writers of its end and of a row, the stream a
 * sheet's XML goes to, a sheet's validations, the zip's writer of a part given
 * whole. Checked when this module loads.
 */
export const EXCELJS_VERSION = '4.4.0';

/** Throws, saying what to do, unless exceljs `installed` is the version these patches are written for. */
export function checkExceljs(installed: string = createRequire(import.meta.url)('exceljs/package.json').version): void {
  requirePatchedVersion('exceljs', installed, EXCELJS_VERSION, 'packages/xlsx/src/exceljs-internals.ts');
}
checkExceljs();

/** The parts of the streamed sheet that write the end of a sheet. */
interface SheetEnd {
  stream: { write(xml: string): void };
  pageSetup: Partial<ExcelJS.PageSetup>;
  _writeCloseSheetData(): void;
  _writeSheetProtection(): void;
  _writePageMargins(): void;
}

/**
 * exceljs's streamed sheet writes <sheetProtection> after <dataValidations>
 * and no <printOptions> at all. Excel wants the schema's order, protection
 * right after the sheet data, print options before the margins, or it
 * repairs the file.
 */
export function inSchemaOrder(ws: ExcelJS.Worksheet): ExcelJS.Worksheet {
  const end = ws as unknown as SheetEnd;
  const closeData = end._writeCloseSheetData.bind(end);
  const protection = end._writeSheetProtection.bind(end);
  const margins = end._writePageMargins.bind(end);
  end._writeCloseSheetData = () => {
    closeData();
    protection();
  };
  end._writeSheetProtection = () => {};
  end._writePageMargins = () => {
    end.stream.write(printOptions(end.pageSetup));
    margins();
  };
  return ws;
}

const PRINT_OPTIONS = { headings: 'showRowColHeaders', gridLines: 'showGridLines', horizontalCentered: 'horizontalCentered', verticalCentered: 'verticalCentered' } as const;

function printOptions(setup: Partial<ExcelJS.PageSetup>): string {
  const on = Object.entries(PRINT_OPTIONS).filter(([, key]) => setup[key]);
  return on.length ? `<printOptions${on.map(([attr]) => ` ${attr}="1"`).join('')}/>` : '';
}

/** The part of the streamed sheet that writes a row: its XML as one string. */
interface RowWriter {
  stream: { write(xml: unknown): void };
  _writeRow(row: ExcelJS.Row): void;
}

/** Write the height of each row `open` picks without the customHeight exceljs adds to every height. */
export function withOpenHeights(ws: ExcelJS.Worksheet, open: (row: ExcelJS.Row) => boolean): ExcelJS.Worksheet {
  const sheet = ws as unknown as RowWriter;
  const writeRow = sheet._writeRow.bind(sheet);
  sheet._writeRow = (row) => {
    if (!open(row)) return writeRow(row);
    const { stream } = sheet;
    const write = stream.write;
    stream.write = (xml) => write.call(stream, typeof xml === 'string' ? xml.replace(/^(<row [^>]*?) customHeight="1"/, '$1') : xml);
    try {
      writeRow(row);
    } finally {
      stream.write = write;
    }
  };
  return ws;
}

/**
 * What a streamed sheet's XML is written to once the zip has taken the sheet
 * up: a stream (readable-stream 2) that fills while the zip compresses.
 */
type SheetStream = { stream: { pipes: (EventEmitter & { _writableState: { needDrain: boolean } })[] } };

/** The stream between a sheet and the zip, and whether it is full; none before the zip takes the sheet up. */
export function zipQueue(ws: ExcelJS.Worksheet): { queue: EventEmitter; full: boolean } | undefined {
  const queue = (ws as unknown as SheetStream).stream.pipes[0];
  return queue && { queue, full: queue._writableState.needDrain };
}

/** A sheet's validations, kept by address, ranges included (undeclared). */
export const dataValidations = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;

/** A zip entry as exceljs's zip (archiver's, compress-commons) writes it. */
interface ZipEntry {
  getMethod(): number;
  getGeneralPurposeBit(): { useDataDescriptor(on: boolean): void };
  setVersionNeededToExtract(version: number): void;
  setCrc(crc: number): void;
  setSize(size: number): void;
  setCompressedSize(size: number): void;
}

type Done = (error: Error | null, entry: ZipEntry) => void;

/** The zip output's steps for an entry, as its `_appendBuffer` (given whole) and `_appendStream` (a sheet) take them. */
interface ZipOutput {
  options: { zlib: ZlibOptions };
  write(chunk: Buffer): unknown;
  _appendBuffer(entry: ZipEntry, source: Buffer, done: Done): void;
  _appendStream(entry: ZipEntry, source: NodeJS.ReadableStream, done: Done): void;
  /** The deflater an entry's bytes stream through, to the zip, which ends the entry when it ends. */
  _smartStream(entry: ZipEntry, done: Done): NodeJS.ReadWriteStream;
  _writeLocalFileHeader(entry: ZipEntry): void;
  _afterAppend(entry: ZipEntry): void;
}

const DEFLATED = 8;
/** Parts up to this size are remembered: the fixed ones (the theme, styles, relationships) are under 8 KB. */
const PART_BYTES = 16 * 1024;
/** Parts remembered, seen and deflated, before all are forgotten. */
const PARTS_KEPT = 256;

/** The parts seen once, and those seen again, deflated (raw, with the zip's options) with their CRC-32. */
const seenParts = new Set<string>();
const deflatedParts = new Map<string, { bytes: Buffer; crc: number }>();
const patchedZips = new WeakSet<object>();

/** What compress-commons marks an entry written with a data descriptor as needing to extract it. */
const DATA_DESCRIPTOR_VERSION = 20;
/** A sheet's XML up to this size is deflated whole; a larger one streams through the zip's own deflater, as it comes. */
const SHEET_BYTES = 8 * 1024 * 1024;

/** Write an entry's deflated bytes, CRC and sizes, as compress-commons's deflating stream ends it. */
function writeDeflated(zip: ZipOutput, entry: ZipEntry, source: Buffer, part: { bytes: Buffer; crc: number }): void {
  zip.write(part.bytes);
  entry.setCrc(part.crc);
  entry.setSize(source.length);
  entry.setCompressedSize(part.bytes.length);
  zip._afterAppend(entry);
}

const deflated = (zip: ZipOutput, source: Buffer) => ({ bytes: zlib.deflateRawSync(source, zip.options.zlib), crc: zlib.crc32(source) });

/**
 * Write an entry deflated, a large one on zlib's thread pool (the same bytes, see `deflateLater`), then
 * call `done`: a ledger's workbook is made beside its PDF, which goes on meanwhile.
 */
function writeDeflatedLater(zip: ZipOutput, entry: ZipEntry, source: Buffer, done: Done, header: boolean): void {
  deflateLater(source, zip.options.zlib, true).then(
    (bytes) => {
      if (header) zip._writeLocalFileHeader(entry);
      writeDeflated(zip, entry, source, { bytes, crc: zlib.crc32(source) });
      done(null, entry);
    },
    (error: Error) => done(error, entry),
  );
}

/**
 * compress-commons deflates each entry through a zlib stream of its own, on
 * zlib's threads, and counts its CRC-32 in JavaScript: here each is deflated
 * at once, in one call on zlib's threads (zlib's raw deflate at the zip's options gives the same bytes for
 * input fed at once or in pieces), the same local header, bytes, CRC, sizes
 * and data descriptor, in the same order. Every workbook of a form holds the
 * same theme, styles, relationships and sheet list besides: a part given
 * whole that an earlier workbook of the process held too is written from
 * bytes deflated once. A sheet's XML is taken whole as it ends, unless it
 * grows past `SHEET_BYTES`: the rest then streams as compress-commons streams it.
 */
export function deflatingPartsAtOnce(book: ExcelJS.stream.xlsx.WorkbookWriter): void {
  // archiver's zip format, its engine zip-stream's, whose `_appendBuffer` and `_appendStream` are compress-commons's.
  let output: object = (book as unknown as { zip: { _module: { engine: object } } }).zip._module.engine;
  while (!Object.hasOwn(output, '_appendBuffer')) output = Object.getPrototypeOf(output);
  if (patchedZips.has(output)) return;
  patchedZips.add(output);
  const zip = output as ZipOutput;
  const append = zip._appendBuffer;
  zip._appendBuffer = function (this: ZipOutput, entry, source, done) {
    if (source.length === 0 || entry.getMethod() !== DEFLATED) return append.call(this, entry, source, done);
    let part: { bytes: Buffer; crc: number } | undefined;
    if (source.length <= PART_BYTES) {
      const key = `${JSON.stringify(this.options.zlib)}\n${source.toString('latin1')}`;
      part = deflatedParts.get(key);
      if (!part) {
        if (seenParts.size >= PARTS_KEPT) seenParts.clear();
        if (seenParts.has(key)) {
          if (deflatedParts.size >= PARTS_KEPT) deflatedParts.clear();
          deflatedParts.set(key, (part = deflated(this, source)));
        } else seenParts.add(key);
      }
    }
    if (!part) return writeDeflatedLater(this, entry, source, done, true);
    this._writeLocalFileHeader(entry);
    writeDeflated(this, entry, source, part);
    done(null, entry);
  };
  const appendStream = zip._appendStream;
  zip._appendStream = function (this: ZipOutput, entry, source, done) {
    if (entry.getMethod() !== DEFLATED) return appendStream.call(this, entry, source, done);
    entry.getGeneralPurposeBit().useDataDescriptor(true);
    entry.setVersionNeededToExtract(DATA_DESCRIPTOR_VERSION);
    this._writeLocalFileHeader(entry);
    const chunks: Buffer[] = [];
    let size = 0;
    const take = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > SHEET_BYTES) stream();
    };
    const stop = () => {
      source.removeListener('data', take);
      source.removeListener('end', end);
      source.removeListener('error', failed);
    };
    const end = () => {
      stop();
      writeDeflatedLater(this, entry, Buffer.concat(chunks), done, false);
    };
    const failed = (e: Error) => {
      stop();
      done(e, entry);
    };
    // Too long to hold: what came so far, then the rest, through the zip's own deflater.
    const stream = () => {
      stop();
      const smart = this._smartStream(entry, done);
      for (const chunk of chunks) smart.write(chunk);
      source.once('error', (e) => {
        smart.emit('error', e);
        smart.end();
      });
      source.pipe(smart);
    };
    source.on('data', take);
    source.once('end', end);
    source.once('error', failed);
  };
}

/** The style parts exceljs writes a cell style's font, border, fill and whole style as, by their model. */
const STYLE_PARTS = ['font', 'border', 'fill', 'style'] as const;
/** The XML of each style part, by kind and model: a form's workbooks set their cells in the same few styles. */
const styleXml = new Map<string, string>();
/** Style parts remembered before all are forgotten. */
const STYLES_KEPT = 10_000;

/**
 * exceljs's styles of a workbook find a cell style's id by the XML of its
 * font, border, fill and whole style, written out anew for each new style
 * object of each workbook (a header cell's, a label's). Here each such XML is
 * written once in the process: it depends on the model's data alone, kept
 * here as JSON.
 */
export function reusingStyleXml(book: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const { map } = (book as unknown as { styles: { map: Record<(typeof STYLE_PARTS)[number], { toXml(model: unknown): string }> } }).styles;
  for (const kind of STYLE_PARTS) {
    const xform = map[kind];
    const toXml = xform.toXml.bind(xform);
    xform.toXml = (model) => {
      const key = `${kind}\n${JSON.stringify(model)}`;
      let xml = styleXml.get(key);
      if (xml === undefined) {
        if (styleXml.size >= STYLES_KEPT) styleXml.clear();
        styleXml.set(key, (xml = toXml(model)));
      }
      return xml;
    };
  }
}

/**
 * exceljs hands the zip (archiver) each part it writes whole as a string, which archiver 2's
 * `normalizeInputSource` makes bytes with the deprecated `new Buffer(string)`: Node then looks through the
 * stack, at every call, for whether the caller is inside node_modules (it is not, bundled into the CLI's
 * dist/). Here the string is made bytes first, the same UTF-8.
 */
export function appendingBytes(book: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const zip = (book as unknown as { zip: { append(source: unknown, data: object): unknown } }).zip;
  const append = zip.append.bind(zip);
  zip.append = (source, data) => append(typeof source === 'string' ? Buffer.from(source) : source, data);
}

/**
 * A character a text cannot carry (`UNWRITABLE`); a carriage return, which an XML parser reads as a line
 * feed; the `_` of a text that reads as an escape (`_x0041_`).
 */
const ESCAPED = new RegExp(`${UNWRITABLE.source}|\\r|_(?=x[0-9A-Fa-f]{4}_)`, 'g');

/**
 * `text` as OOXML's strings carry it (ST_Xstring): a character XML cannot hold, or a carriage return, as
 * `_xHHHH_` (`_x0007_`, `_x000D_`), as Excel writes it, and the `_` of a text that would read as such an
 * escape as `_x005F_`. Excel, exceljs and this package's reader give the text back as it was.
 */
export const ooxmlText = (text: string): string =>
  text.replace(ESCAPED, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);

/**
 * exceljs puts a cell's text in the shared strings as it is: it drops a control character (NUL, ESC,
 * BEL), half of a surrogate pair becomes U+FFFD, and with U+FFFF it writes a file Excel cannot open. A
 * text read from a submitted workbook may hold one (escaped there as `_x0007_`): a compilation keeps it,
 * escaped again (`ooxmlText`).
 */
export function escapingText(book: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const strings = (book as unknown as { sharedStrings: { add(value: unknown): number } }).sharedStrings;
  const add = strings.add.bind(strings);
  strings.add = (value) => add(typeof value === 'string' ? ooxmlText(value) : value);
}

