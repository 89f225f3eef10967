import { today } from './dates.ts';
import type { CellValue } from './cells.ts';
import type { Severity } from './issues.ts';
import type { UnitList } from './units.ts';

/** What a generated document may depend on besides its data. */
export interface OutputContext {
  units: UnitList;
  /** The day figures are computed for, `YYYY-MM-DD`. */
  asOf: string;
  /**
   * A digest of every input of the document, kept in its metadata (the workbook's
   * `_tianbao` sheet, the PDF's info) so that a re-run can tell it up to date.
   */
  digest?: string;
}

/** A plain table a form computes (a summary, a reference list), for a sheet or a print section. */
export interface Table {
  /** `percent`: a fraction shown as `85.0%`. */
  columns: { header: string; width: number; percent?: boolean }[];
  rows: CellValue[][];
  /** Cells to mark: below target, missing. `row` counts body rows from 0. */
  marks?: { row: number; column: number; severity: Severity }[];
}

/** A table's columns from their headers and widths, in order: `columnsOf({ 单位: 22, 状态: 8 })`. */
export const columnsOf = (widths: Record<string, number>): Table['columns'] => Object.entries(widths).map(([header, width]) => ({ header, width }));

/** An extra sheet of a generated workbook, after the form's own. */
export interface SheetSpec {
  name: string;
  title: string;
  table: Table;
  notes?: string[];
}

/** Bars per category, one series each, with an optional target line per series. Values are fractions. */
export interface BarChart {
  categories: string[];
  series: { name: string; values: number[]; target?: number }[];
}

/**
 * A print section. `form` is the form itself (title, info line, table, notes);
 * the rest are general pieces a form may arrange around it.
 */
export type PrintBlock =
  | { kind: 'form' }
  /** Lines of phrases: a line too wide for the page breaks only between its phrases, into lines of even length. */
  | { kind: 'title'; lines: string[][] }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** Aligned lines with no rules: widths in characters, the last column takes the rest. */
  | { kind: 'lines'; rows: string[][]; widths: number[] }
  | { kind: 'table'; table: Table }
  | { kind: 'bars'; chart: BarChart; caption: string }
  | { kind: 'pageBreak' };

/**
 * The largest document a form prints. pdfmake lays a whole document out in
 * memory, some 0.7 kB for each printed character; past either limit the PDF
 * is refused, so that one document stays well under a 512 MB heap.
 */
export interface PrintLimits {
  /** Rows of the form's table. */
  rows: number;
  /** Characters of text in the whole document: table, fixed texts, computed sections. */
  chars: number;
}

export interface PrintSpec {
  orientation: 'portrait' | 'landscape';
  /** The largest document this form prints, as measured for it. */
  limits: PrintLimits;
  /** Body size in points; a wide table prints smaller. */
  fontSize?: number;
  /**
   * What a clerk is told to do with a line of text longer than a PDF takes (`pdf.line-too-long`),
   * where the form's texts cannot be broken into lines; default: break it into lines, or shorten it.
   */
  longLine?: string;
  /** The sections in order; default: the form alone. */
  blocks?(data: any, ctx: OutputContext): PrintBlock[];
}

/** The context a document is made in when the caller gives none: the form's 填报日期, else today. */
export function outputContext(data: { reportDate?: string } | null, units: UnitList, asOf?: string): OutputContext {
  return { units, asOf: asOf ?? data?.reportDate ?? today() };
}
