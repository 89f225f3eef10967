/**
 * Text from a file or the data (a file's name, a sheet's name, a cell quoted
 * in a message) as one printable line: a line break or a terminal's control
 * sequence in it could forge a line of a report or hide one. Shown as `\n`, `\x1b`.
 */
export const printable = (text: string): string =>
  text.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => (c === '\n' ? '\\n' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
