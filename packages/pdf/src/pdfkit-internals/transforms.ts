import { pdfkitDocument } from './pdfkit-document.ts';

/** pdfkit's `PDFObject.number`: a number as pdfkit writes it into content, to six decimals. */
function number(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
}

type Matrix = [number, number, number, number, number, number];

interface Vector {
  _ctm: Matrix;
  addContent(text: string): Vector;
  transform(m11: number, m12: number, m21: number, m22: number, dx: number, dy: number): Vector;
}

/**
 * pdfkit's `transform` (every text a document draws is placed with one, some
 * thousands a ledger) as pdfkit 0.19.1 writes it, without the iterator, the
 * arrays and the joined string it makes for each: the same matrix, the same
 * `cm` operator text.
 */
(pdfkitDocument as Vector).transform = function (this: Vector, m11, m12, m21, m22, dx, dy) {
  if (m11 === 1 && m12 === 0 && m21 === 0 && m22 === 1 && dx === 0 && dy === 0) return this;
  const m = this._ctm;
  const m0 = m[0];
  const m1 = m[1];
  const m2 = m[2];
  const m3 = m[3];
  const m4 = m[4];
  const m5 = m[5];
  m[0] = m0 * m11 + m2 * m12;
  m[1] = m1 * m11 + m3 * m12;
  m[2] = m0 * m21 + m2 * m22;
  m[3] = m1 * m21 + m3 * m22;
  m[4] = m0 * dx + m2 * dy + m4;
  m[5] = m1 * dx + m3 * dy + m5;
  return this.addContent(`${number(m11)} ${number(m12)} ${number(m21)} ${number(m22)} ${number(dx)} ${number(dy)} cm`);
};
