import type ExcelJS from 'exceljs';

/** A4 in points, portrait. */
const A4 = { width: 595, height: 842 };

/**
 * Excel and LibreOffice lay text out a little taller or shorter than the
 * estimate of style.ts: a sheet up to a quarter of a page over is still
 * shrunk onto one page, which keeps it readable.
 */
const MIN_SHRINK = 0.8;

/** A column of `width` characters in points: 7 pixels a character and 5 of padding, at 96 pixels an inch. */
const columnPoints = (width: number) => (width * 7 + 5) * 0.75;

/**
 * Whether a sheet of these column widths (characters) and this height
 * (points) prints on one A4 page once fitted to the page's width.
 */
export function fitsOnePage(setup: Partial<ExcelJS.PageSetup>, widths: readonly number[], height: number): boolean {
  const portrait = setup.orientation !== 'landscape';
  const margins = setup.margins ?? { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75 };
  const pageWidth = (portrait ? A4.width : A4.height) - (margins.left + margins.right) * 72;
  const pageHeight = (portrait ? A4.height : A4.width) - (margins.top + margins.bottom) * 72;
  const scale = Math.min(1, pageWidth / widths.reduce((s, w) => s + columnPoints(w), 0));
  return height * scale * MIN_SHRINK <= pageHeight;
}
