/** Chinese text normalisation: what a clerk typed, made comparable. */

const FULLWIDTH_ASCII = /[\uFF01-\uFF5E]/g;

/** Full-width digits, letters and ASCII punctuation to half-width (`２０２３` → `2023`). */
export function toHalfWidth(text: string): string {
  return text.replace(FULLWIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Remove every kind of white space, including the ideographic space U+3000. */
export function stripSpaces(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, '');
}

const NEEDS_KEYING = /[\s\uFF01-\uFF5E():,;]/;

/**
 * The comparison key of a label or fixed text: no spaces, half-width letters
 * and digits, and the parentheses and colon a clerk may type either way.
 */
export function textKey(text: string): string {
  // Most cells need none of it: one test instead of six replacements.
  if (!NEEDS_KEYING.test(text)) return text;
  return stripSpaces(toHalfWidth(text))
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/:/g, '：')
    .replace(/,/g, '，')
    .replace(/;/g, '；');
}

/** A line break of any kind: a carriage return alone too, which a workbook shows as one, and Unicode's separators. */
export const LINE_BREAK = /[\r\n\u2028\u2029]/;

const UNTIDY = /^[\s\u3000]|[\s\u3000]$|[\r\n]/;

/** Trim each line and drop blank ones; keeps line breaks between items. */
export function tidyLines(text: string): string {
  // Most cells are one line with nothing to trim.
  if (!UNTIDY.test(text)) return text;
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((line) => line.length > 0)
    .join('\n');
}
