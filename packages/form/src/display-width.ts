/**
 * How wide text shows: CJK and full-width characters take two columns, in a
 * terminal as in an Excel column; everything else one.
 */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;

/** Display width of `text` in columns. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

/** `text` padded with spaces to `width` columns, on the right (`end`) or on the left (`start`, for numbers). */
export function padDisplay(text: string, width: number, side: 'end' | 'start' = 'end'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return side === 'end' ? text + fill : fill + text;
}

/**
 * The cells of `rows` padded to line up as columns on a terminal, the last
 * column left as it is; columns listed in `right` (numbers) are aligned right.
 * Join each row's cells with a separator, after colouring any, and trim the end
 * of a row shorter than the others.
 */
export function padColumns(rows: readonly (readonly string[])[], right: readonly number[] = []): string[][] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, k) => (widths[k] = Math.max(widths[k] ?? 0, displayWidth(cell))));
  return rows.map((row) => row.map((cell, k) => (k === widths.length - 1 ? cell : padDisplay(cell, widths[k]!, right.includes(k) ? 'start' : 'end'))));
}
