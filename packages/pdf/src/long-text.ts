/**
 * pdfmake copies the rest of a text's pieces (a CJK character is one) for
 * each piece it places on a line, so a text takes time growing with the
 * square of its length, steeply past some 16,000 pieces: one cell of 16,000
 * characters lays out in 1.7 s, of 32,765 in 36 s. A longer text is printed
 * as one paragraph a line, and a line longer than this is refused.
 */
export const MAX_LINE_CHARS = 10_000;

/**
 * What a document holds to print: its characters of text, its longest line,
 * and each character its font has no glyph for, with the first text it is in.
 */
export interface PrintedText {
  chars: number;
  longestLine: string;
  unprintable: Map<string, string>;
}

/**
 * Measure the text of a pdfmake content tree (strings under `text`, and lines
 * given as arrays of pieces), note the characters outside ASCII that
 * `printable` says no (by code point), and
 * split, in place, each text longer than MAX_LINE_CHARS into a stack of its
 * lines, which prints the same lines.
 */
export function measureText(node: unknown, printable: (codePoint: number) => boolean = () => true): PrintedText {
  const out: Measured = { chars: 0, longestLine: '', unprintable: new Map(), printable };
  walk(node, out);
  const { printable: _, ...text } = out;
  return text;
}

type Measured = PrintedText & { printable: (codePoint: number) => boolean };

function walk(node: unknown, out: Measured, inText = false): void {
  if (typeof node === 'string') {
    if (inText) measure(node, out);
  } else if (Array.isArray(node)) for (const x of node) walk(x, out, inText);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.text === 'string') {
      const lines = measure(o.text, out);
      if (lines.length > 1) {
        delete o.text;
        // A paragraph's first line alone is indented.
        o.stack = lines.map((text, i) => (i > 0 && o.leadingIndent ? { text, leadingIndent: 0 } : { text }));
      }
    } else if (Array.isArray(o.text)) {
      // A line in pieces (some kept from breaking): one line of text.
      measure(o.text.map((p) => (typeof p === 'string' ? p : String((p as { text: unknown }).text))).join(''), out);
    } else for (const [k, v] of Object.entries(o)) walk(v, out, k === 'text');
  }
}

/** Count a text, note its longest line and what of it cannot print; its lines when it is too long for one text. */
function measure(text: string, out: Measured): string[] {
  out.chars += text.length;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x80) continue;
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (!out.printable(cp)) {
      const c = String.fromCodePoint(cp);
      if (!out.unprintable.has(c)) out.unprintable.set(c, text);
    }
  }
  const lines = text.length > MAX_LINE_CHARS ? text.split('\n') : [text];
  for (const line of lines) if (line.length > out.longestLine.length) out.longestLine = line;
  return lines;
}
