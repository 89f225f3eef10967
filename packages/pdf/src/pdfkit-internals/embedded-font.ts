import { pdfkitDocument } from './pdfkit-document.ts';

const patches: ((prototype: object) => void)[] = [];

/**
 * Patches `prototype` of pdfkit's `EmbeddedFont` (a font file a document sets text in), which pdfkit does not
 * export: it is taken from the first one a document sets, before that text is set.
 */
export function patchEmbeddedFont(patch: (prototype: object) => void): void {
  patches.push(patch);
}

const withFont = pdfkitDocument as { font(this: { _font: object }, ...args: unknown[]): unknown };
const setFont = withFont.font;
withFont.font = function (...args) {
  const result = setFont.apply(this, args);
  if ('layoutRun' in this._font) {
    for (const patch of patches) patch(Object.getPrototypeOf(this._font));
    withFont.font = setFont;
  }
  return result;
};
