import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';
import type ExcelJS from 'exceljs';
import { requirePatchedVersion } from '@tianbao/form';

/**
 * Every use of exceljs's undeclared internals, in one module, written for this
 * version: the streamed sheet's writers of its end and of a row, the stream a
 * sheet's XML goes to, a sheet's validations. Checked when this module loads.
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
