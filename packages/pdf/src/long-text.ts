/**
 * pdfmake copies the rest of a text's pieces (a CJK character is one) for
 * each piece it places on a line, so a text takes time growing with the
 * square of its length, steeply past some 16,000 pieces: one cell of 16,000
 * characters lays out in 1.7 s, of 32,765 in 36 s. A longer text is printed
 * as one paragraph a line, and a line longer than this is refused.
 */
export const MAX_LINE_CHARS = 10_000;

/** What a document holds to print: its characters of text, and its longest line. */
export interface PrintedText {
  chars: number;
  longestLine: string;
}

/**
 * Measure the text of a pdfmake content tree (strings under `text`, and lines
 * given as arrays of pieces), and
 * split, in place, each text longer than MAX_LINE_CHARS into a stack of its
 * lines, which prints the same lines.
 */
export function measureText(node: unknown): PrintedText {
  const out: PrintedText = { chars: 0, longestLine: '' };
  walk(node, out);
  return out;
}

function walk(node: unknown, out: PrintedText, inText = false): void {
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

/** Count a text, note its longest line; its lines when it is too long for one text. */
function measure(text: string, out: PrintedText): string[] {
  out.chars += text.length;
  const lines = text.length > MAX_LINE_CHARS ? text.split('\n') : [text];
  for (const line of lines) if (line.length > out.longestLine.length) out.longestLine = line;
  return lines;
}
