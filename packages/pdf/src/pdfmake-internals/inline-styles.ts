import { createRequire } from 'node:module';
import { requirePatchedVersion } from '@tianbao/form';

/** The pdfmake this patch is written for (its `TextInlines.measure`, copied below but for how styles are looked up). */
export const PDFMAKE_VERSION = '0.3.11';

const require = createRequire(import.meta.url);

/** Throws, saying what to do, unless pdfmake `installed` is the version this patch is written for. */
export function checkPdfmake(installed: string = require('pdfmake/package.json').version): void {
  requirePatchedVersion('pdfmake', installed, PDFMAKE_VERSION, 'packages/pdf/src/pdfmake-internals');
}
checkPdfmake();

interface StyleStack {
  styleOverrides: unknown[];
  defaultStyle: Record<string, unknown>;
  getProperty(property: string): unknown;
  autopush(item: object): number;
  pop(howMany: number): void;
}
interface Inline extends Record<string, any> {
  text: string;
}
interface TextInlines {
  pdfDocument: { provideFont(font: unknown, bold: unknown, italics: unknown): { lineHeight(size: number): number } };
  widthOfText(text: string, inline: Inline): number;
  measure(array: Inline[], stack: StyleStack | undefined): Inline[];
}

const Inlines: { prototype: TextInlines } = require('pdfmake/js/TextInlines.js').default;
const pdfmakeMeasure = Inlines.prototype.measure;

const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;

/** The style properties `measure` looks up. */
const PROPERTIES = [
  'leadingIndent',
  'font',
  'bold',
  'italics',
  'alignment',
  'fontSize',
  'fontFeatures',
  'characterSpacing',
  'color',
  'decoration',
  'decorationColor',
  'decorationStyle',
  'decorationThickness',
  'background',
  'link',
  'linkToPage',
  'linkToDestination',
  'noWrap',
  'opacity',
  'sup',
  'sub',
  'lineHeight',
  'preserveLeadingSpaces',
  'preserveTrailingSpaces',
] as const;
type Property = (typeof PROPERTIES)[number];
/** Where each property's value is in what `inherited` gives. */
const AT = Object.fromEntries(PROPERTIES.map((p, i) => [p, i])) as Record<Property, number>;
/** The same, asked of any key an override has (a map: no key such as `constructor` found in it). */
const INDEX = new Map<string, number>(PROPERTIES.map((p, i) => [p, i]));

/** A named style on the stack (pdfmake's `isString`): looked up through the style dictionary. */
const isNamed = (item: unknown) => typeof item === 'string' || item instanceof String;
/**
 * An object literal's kind of override, whose `for in` keys are all that pdfmake's `item[property]` finds
 * (a document definition's are: no class, no property made not enumerable); any other (a class's, with
 * getters) is asked for each property.
 */
const isPlain = (item: object) => {
  const proto = Object.getPrototypeOf(item);
  return proto === Object.prototype || proto === null;
};

/**
 * What the stack gives each style property `measure` looks up (by `AT`), with `item`'s own named styles
 * above it when given (as pdfmake's `auto` pushes them): for each property, as pdfmake's `getProperty`,
 * the topmost override that has it (not undefined or null), else the default style's. Plain objects are
 * read by their own keys, a few each, rather than asked for every property (most of which none has, each
 * such look-up slow on objects of as many shapes as a document has nodes); with a named style or any
 * other override on the stack, each property is looked up by `getProperty`.
 */
function inherited(stack: StyleStack | undefined, item?: Inline): unknown[] {
  const out = new Array<unknown>(PROPERTIES.length);
  if (!stack) return out;
  const pushed = item ? stack.autopush(item) : 0;
  const overrides = stack.styleOverrides;
  if (overrides.some((o) => isNamed(o) || !isPlain(o as object))) {
    for (let k = 0; k < PROPERTIES.length; k++) out[k] = stack.getProperty(PROPERTIES[k]!);
  } else {
    for (let i = overrides.length - 1; i >= 0; i--) {
      const o = overrides[i] as Record<string, unknown>;
      if (o === overrides[i + 1]) continue;
      for (const key in o) {
        const k = INDEX.get(key);
        if (k !== undefined && out[k] == null) out[k] = o[key];
      }
    }
    const defaults = stack.defaultStyle;
    for (let k = 0; k < PROPERTIES.length; k++) if (out[k] == null) out[k] = defaults && defaults[PROPERTIES[k]!];
  }
  if (pushed > 0) stack.pop(pushed);
  return out;
}

/** As pdfmake's `getStyleProperty`: the inline's own value, else the stack's, else the default. */
const pick = (own: unknown, stacked: unknown, defaultValue: unknown): any =>
  own !== undefined && own !== null ? own : stacked !== undefined && stacked !== null ? stacked : defaultValue;

/**
 * pdfmake looks up each of some twenty style properties of every inline it
 * measures (a Chinese character is one) by pushing the inline onto the style
 * stack and walking the whole stack, a tenth of a document's layout. The stack
 * is the same for every inline of one text: here the properties are looked up
 * in it once per text, all in one walk (`inherited`), then taken from the
 * inline itself when it has it; its font is asked of the document once for
 * each run of inlines in the same font. An
 * inline with named styles of its own (`style`) is looked up with them, as
 * pdfmake does. The rest is pdfmake 0.3.11's `measure` as it is.
 */
const measure: TextInlines['measure'] = function (this: TextInlines, array, stack) {
  const shared = inherited(stack);
  const styled = (item: Inline) => (stack && (item.style || item.section !== undefined) ? inherited(stack, item) : shared);
  if (array.length) {
    const leadingIndent = pick(array[0]!.leadingIndent, styled(array[0]!)[AT.leadingIndent], 0);
    if (leadingIndent) {
      array[0]!.leadingCut = -leadingIndent;
      array[0]!.leadingIndent = leadingIndent;
    }
  }
  // The font last provided, and for what: the document gives the same font for the same three each time.
  let [font, family, bold, italics]: unknown[] = [];
  for (const item of array) {
    const s = styled(item);
    const f = pick(item.font, s[AT.font], 'Roboto');
    const b = pick(item.bold, s[AT.bold], false);
    const i = pick(item.italics, s[AT.italics], false);
    if (font === undefined || f !== family || b !== bold || i !== italics) [font, family, bold, italics] = [this.pdfDocument.provideFont(f, b, i), f, b, i];
    item.font = font;
    item.alignment = pick(item.alignment, s[AT.alignment], 'left');
    item.fontSize = pick(item.fontSize, s[AT.fontSize], 12);
    item.fontFeatures = pick(item.fontFeatures, s[AT.fontFeatures], null);
    item.characterSpacing = pick(item.characterSpacing, s[AT.characterSpacing], 0);
    item.color = pick(item.color, s[AT.color], 'black');
    item.decoration = pick(item.decoration, s[AT.decoration], null);
    item.decorationColor = pick(item.decorationColor, s[AT.decorationColor], null);
    item.decorationStyle = pick(item.decorationStyle, s[AT.decorationStyle], null);
    item.decorationThickness = pick(item.decorationThickness, s[AT.decorationThickness], null);
    item.background = pick(item.background, s[AT.background], null);
    item.link = pick(item.link, s[AT.link], null);
    item.linkToPage = pick(item.linkToPage, s[AT.linkToPage], null);
    item.linkToDestination = pick(item.linkToDestination, s[AT.linkToDestination], null);
    item.noWrap = pick(item.noWrap, s[AT.noWrap], null);
    item.opacity = pick(item.opacity, s[AT.opacity], 1);
    item.sup = pick(item.sup, s[AT.sup], false);
    item.sub = pick(item.sub, s[AT.sub], false);
    if (item.sup || item.sub) item.fontSize *= 0.58;
    const lineHeight = pick(item.lineHeight, s[AT.lineHeight], 1);
    item.width = this.widthOfText(item.text, item);
    item.height = item.font.lineHeight(item.fontSize) * lineHeight;
    if (!item.leadingCut) item.leadingCut = 0;
    if (!pick(item.preserveLeadingSpaces, s[AT.preserveLeadingSpaces], false)) {
      const leadingSpaces = item.text.match(LEADING);
      if (leadingSpaces) item.leadingCut += this.widthOfText(leadingSpaces[0]!, item);
    }
    item.trailingCut = 0;
    if (!pick(item.preserveTrailingSpaces, s[AT.preserveTrailingSpaces], false)) {
      const trailingSpaces = item.text.match(TRAILING);
      if (trailingSpaces) item.trailingCut = this.widthOfText(trailingSpaces[0]!, item);
    }
  }
  return array;
};

/** Look up styles as above (`on`), or as pdfmake does, kept to compare against. */
export function sharedInlineStyles(on: boolean): void {
  Inlines.prototype.measure = on ? measure : pdfmakeMeasure;
}
sharedInlineStyles(true);
