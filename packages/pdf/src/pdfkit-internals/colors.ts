import { pdfkitDocument } from './pdfkit-document.ts';

interface Colors {
  spotColors: Record<string, unknown>;
  _opacityRegistry: Record<string, [Reference, string]>;
  _opacityCount: number;
  page: { ext_gstates: Record<string, Reference> };
  ref(data: object): Reference;
  addContent(text: string): Colors;
  _normalizeColor(color: unknown): unknown;
  _setColorSpace(space: string, stroke: boolean): void;
  _setColorCore(color: unknown, stroke: boolean): boolean;
  _doOpacity(fillOpacity: number | null | undefined, strokeOpacity: number | null | undefined): Colors | undefined;
}
type Reference = { end(): void };

const doc = pdfkitDocument as Colors;
const setColorCore = doc._setColorCore;

/** The operator text of each colour named by a string (`#c00000`, `black`), by operator: the same in every document. */
const colorTexts = new Map<string, { space: string; text: string }>();

/**
 * pdfmake sets the colour of every piece of text it draws, and pdfkit makes
 * the colour's numbers and operator text anew each time. A colour given as
 * `#rrggbb` or by name means the same numbers in every document: its text is
 * made once in the process. Any other colour (a spot colour, an array) goes
 * pdfkit's way.
 */
doc._setColorCore = function (this: Colors, color, stroke) {
  if (typeof color !== 'string') return setColorCore.call(this, color, stroke);
  const op = stroke ? 'SCN' : 'scn';
  const key = `${op} ${color}`;
  let known = colorTexts.get(key);
  if (!known) {
    const numbers = this._normalizeColor(color);
    // Only a '#' colour or a named one gives numbers from a string; a spot colour is the document's own.
    if (!Array.isArray(numbers)) return setColorCore.call(this, color, stroke);
    colorTexts.set(key, (known = { space: numbers.length === 4 ? 'DeviceCMYK' : 'DeviceRGB', text: `${numbers.join(' ')} ${op}` }));
  }
  this._setColorSpace(known.space, stroke);
  this.addContent(known.text);
  return true;
};

/** pdfkit 0.19.1's `_doOpacity`, without taking its registry's entry apart through an iterator at every call. */
doc._doOpacity = function (this: Colors, fillOpacity, strokeOpacity) {
  if (fillOpacity == null && strokeOpacity == null) return;
  if (fillOpacity != null) fillOpacity = Math.max(0, Math.min(1, fillOpacity));
  if (strokeOpacity != null) strokeOpacity = Math.max(0, Math.min(1, strokeOpacity));
  const key = `${fillOpacity}_${strokeOpacity}`;
  let entry = this._opacityRegistry[key];
  if (!entry) {
    const dictionary: { Type: string; ca?: number; CA?: number } = { Type: 'ExtGState' };
    if (fillOpacity != null) dictionary.ca = fillOpacity;
    if (strokeOpacity != null) dictionary.CA = strokeOpacity;
    const ref = this.ref(dictionary);
    ref.end();
    const id = ++this._opacityCount;
    this._opacityRegistry[key] = entry = [ref, `Gs${id}`];
  }
  this.page.ext_gstates[entry[1]] = entry[0];
  return this.addContent(`/${entry[1]} gs`);
};
