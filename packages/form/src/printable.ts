/** Line ends and tab as a programmer writes them. */
const NAMED_CONTROLS: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from a file or the data (a file's name, a sheet's name, a cell quoted
 * in a message) as one printable line: a line break or a terminal's control
 * sequence in it could forge a line of a report or hide one, and a bidi
 * override (U+202E) or an invisible character could make `报表.exe.xlsx` look
 * like another name; half of a surrogate pair and U+FFFF print as a box or
 * nothing. Shown as `\n`, `\r`, `\t`, `\x1b`, `\u202e`, `\ud842`.
 */
export const printable = (text: string): string =>
  text.replace(/[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029\ufffe\uffff]/gu, (c) => {
    const named = NAMED_CONTROLS[c];
    if (named) return named;
    const code = c.codePointAt(0)!;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });

/**
 * Characters no one types and no list shows as they are: control characters (a line break, ESC), format
 * characters (a zero-width space, a bidi override, U+FEFF) and the Hangul fillers that look blank.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115f\u1160\u3164\uffa0]/u;

/** A character named by its code point, as Unicode writes it: `U+202E`, `U+20BB7`; half of a surrogate pair by its own. */
export const codePointName = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first character of `text` that cannot be seen or typed, as `U+202E`; null when there is none. */
export function invisibleIn(text: string): string | null {
  const bad = INVISIBLE.exec(text);
  return bad && codePointName(bad[0]);
}
