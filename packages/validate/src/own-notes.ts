import type { Issue } from '@tianbao/form';

/** An issue's kind as a marked-up copy names it. */
export const kindOf = (i: Issue) => (i.severity === 'error' ? '错误' : i.explained ? '提示（已说明）' : '提示');

/** The line tianbao writes in a cell's comment for an issue: its kind in 【】, then its message. */
export const noteLine = (i: Issue) => `【${kindOf(i)}】${i.message}`;

/** A cell of a workbook as one key: its sheet and address. */
export const cellKey = (sheet: string, cell: string) => `${sheet}\u0000${cell}`;

/** The messages of the issues at each cell, in order: what `clerkText` finds in a comment as ours. */
export function messagesAt(issues: readonly Issue[]): (sheet: string, cell: string) => readonly string[] {
  const byCell = new Map<string, string[]>();
  for (const { sheet, cell, message } of issues) {
    if (!sheet || !cell) continue;
    const messages = byCell.get(cellKey(sheet, cell));
    if (messages) messages.push(message);
    else byCell.set(cellKey(sheet, cell), [message]);
  }
  return (sheet, cell) => byCell.get(cellKey(sheet, cell)) ?? [];
}

/** How each line tianbao writes begins (see `noteLine`): a clerk's reply never does. */
const OWN = /^\s*【(?:错误|提示|提示（已说明）)】/;

/** How the line under one of ours begins that holds the clerk's explanation given beside the workbook (the portal's 上报说明). */
export const EXPLANATION_LABEL = '上报说明：';

/**
 * What the clerk wrote in a cell's comment: the comment without the lines a
 * marked-up copy put there (`【提示】…`), so that a copy sent back unchanged
 * explains nothing. A line of ours that holds one of `messages` (the cell's
 * issues now) and goes on holds the clerk's reply after it; any other line of
 * ours (an earlier message, of a fault since mended or of another day) is ours whole.
 * The line under one of ours labelled `上报说明：` is the clerk's text in our label:
 * the text is kept, without the label, where the line above is kept, and dropped with it where it is ours whole.
 */
export function clerkText(note: string, messages: readonly string[]): string {
  const longestFirst = [...messages].sort((a, b) => b.length - a.length);
  const kept: string[] = [];
  // Whether the line before was ours, and if so whether what follows it is kept.
  let ours: 'kept' | 'whole' | null = null;
  for (const line of note.split(/\r\n|\r|\n/)) {
    const own = OWN.exec(line);
    if (own) {
      const rest = line.slice(own[0].length);
      const message = longestFirst.find((m) => rest.startsWith(m));
      if (message !== undefined) kept.push(rest.slice(message.length));
      ours = message === undefined ? 'whole' : 'kept';
    } else if (ours && line.startsWith(EXPLANATION_LABEL)) {
      if (ours === 'kept') kept.push(line.slice(EXPLANATION_LABEL.length));
      ours = null;
    } else {
      kept.push(line);
      ours = null;
    }
  }
  return kept.join('\n').trim();
}
