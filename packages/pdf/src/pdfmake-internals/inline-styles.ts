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

/** What the stack gives each style property `measure` looks up, with `item`'s own named styles above it when given (as pdfmake's `auto` pushes them). */
function inherited(stack: StyleStack | undefined, item?: Inline) {
  const pushed = stack && item ? stack.autopush(item) : 0;
  const get = (property: string): any => stack?.getProperty(property);
  const out = {
    leadingIndent: get('leadingIndent'),
    font: get('font'),
    bold: get('bold'),
    italics: get('italics'),
    alignment: get('alignment'),
    fontSize: get('fontSize'),
    fontFeatures: get('fontFeatures'),
    characterSpacing: get('characterSpacing'),
    color: get('color'),
    decoration: get('decoration'),
    decorationColor: get('decorationColor'),
    decorationStyle: get('decorationStyle'),
    decorationThickness: get('decorationThickness'),
    background: get('background'),
    link: get('link'),
    linkToPage: get('linkToPage'),
    linkToDestination: get('linkToDestination'),
    noWrap: get('noWrap'),
    opacity: get('opacity'),
    sup: get('sup'),
    sub: get('sub'),
    lineHeight: get('lineHeight'),
    preserveLeadingSpaces: get('preserveLeadingSpaces'),
    preserveTrailingSpaces: get('preserveTrailingSpaces'),
  };
  if (pushed > 0) stack!.pop(pushed);
  return out;
}

/** As pdfmake's `getStyleProperty`: the inline's own value, else the stack's, else the default. */
const pick = (own: unknown, stacked: unknown, defaultValue: unknown): any =>
  own !== undefined && own !== null ? own : stacked !== undefined && stacked !== null ? stacked : defaultValue;

/**
 * pdfmake looks up each of some twenty style properties of every inline it
 * measures (a Chinese character is one) by pushing the inline onto the style
 * stack and walking the whole stack, a tenth of a document's layout. The stack
 * is the same for every inline of one text: here each property is looked up
 * in it once per text, then taken from the inline itself when it has it. An
 * inline with named styles of its own (`style`) is looked up with them, as
 * pdfmake does. The rest is pdfmake 0.3.11's `measure` as it is.
 */
const measure: TextInlines['measure'] = function (this: TextInlines, array, stack) {
  const shared = inherited(stack);
  const styled = (item: Inline) => (stack && (item.style || item.section !== undefined) ? inherited(stack, item) : shared);
  if (array.length) {
    const leadingIndent = pick(array[0]!.leadingIndent, styled(array[0]!).leadingIndent, 0);
    if (leadingIndent) {
      array[0]!.leadingCut = -leadingIndent;
      array[0]!.leadingIndent = leadingIndent;
    }
  }
  for (const item of array) {
    const s = styled(item);
    item.font = this.pdfDocument.provideFont(pick(item.font, s.font, 'Roboto'), pick(item.bold, s.bold, false), pick(item.italics, s.italics, false));
    item.alignment = pick(item.alignment, s.alignment, 'left');
    item.fontSize = pick(item.fontSize, s.fontSize, 12);
    item.fontFeatures = pick(item.fontFeatures, s.fontFeatures, null);
    item.characterSpacing = pick(item.characterSpacing, s.characterSpacing, 0);
    item.color = pick(item.color, s.color, 'black');
    item.decoration = pick(item.decoration, s.decoration, null);
    item.decorationColor = pick(item.decorationColor, s.decorationColor, null);
    item.decorationStyle = pick(item.decorationStyle, s.decorationStyle, null);
    item.decorationThickness = pick(item.decorationThickness, s.decorationThickness, null);
    item.background = pick(item.background, s.background, null);
    item.link = pick(item.link, s.link, null);
    item.linkToPage = pick(item.linkToPage, s.linkToPage, null);
    item.linkToDestination = pick(item.linkToDestination, s.linkToDestination, null);
    item.noWrap = pick(item.noWrap, s.noWrap, null);
    item.opacity = pick(item.opacity, s.opacity, 1);
    item.sup = pick(item.sup, s.sup, false);
    item.sub = pick(item.sub, s.sub, false);
    if (item.sup || item.sub) item.fontSize *= 0.58;
    const lineHeight = pick(item.lineHeight, s.lineHeight, 1);
    item.width = this.widthOfText(item.text, item);
    item.height = item.font.lineHeight(item.fontSize) * lineHeight;
    if (!item.leadingCut) item.leadingCut = 0;
    if (!pick(item.preserveLeadingSpaces, s.preserveLeadingSpaces, false)) {
      const leadingSpaces = item.text.match(LEADING);
      if (leadingSpaces) item.leadingCut += this.widthOfText(leadingSpaces[0]!, item);
    }
    item.trailingCut = 0;
    if (!pick(item.preserveTrailingSpaces, s.preserveTrailingSpaces, false)) {
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
