import { realpathSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import type { Issue } from '@tianbao/form';
import type { CellMark, EarlierMarks, NewCell, NewSheet } from '@tianbao/xlsx';
import type { InspectedFile } from '@tianbao/xlsx/read';
import type { FileReport } from './check.ts';
import { withExplanations, type Explanation } from './explained.ts';
import { cellKey, clerkText, EXPLANATION_LABEL, kindOf, messagesAt, noteLine } from './own-notes.ts';
import { issueCounts } from './report.ts';

const FILL = { error: 'FFFFC7CE', warning: 'FFFFEB9C' } as const;
/** An issue's colour: none for a warning the clerk explained, which asks for nothing more. */
const fillOf = (i: Issue) => (i.severity === 'warning' && i.explained ? undefined : FILL[i.severity]);
const RESULT_SHEET = '审核结果';

/** A file name's most bytes on ext4 and APFS; NTFS allows 255 UTF-16 units, which 255 UTF-8 bytes never exceed. */
const NAME_BYTES = 255;
const MARK = '-批注';
/** A path as a file system that ignores case and Unicode form compares it. */
const key = (path: string) => path.normalize('NFC').toLowerCase();
const stemOf = (path: string) => basename(path, extname(path));

/**
 * The names of the marked-up copies of `inputs` in the folder `outDir`, one
 * per input, in order: `修武县台账.xlsx` → `修武县台账-批注.xlsx`. Inputs of the
 * same name in different folders are told apart by as many of their folders
 * as it takes (`a/同名.xlsx` → `a-同名-批注.xlsx`); a name that is an input of
 * the run, or another input's copy, takes a number (`X-批注-2.xlsx`), so that
 * no copy is written over an input or another copy. One input listed twice has
 * one copy. A name too long for the file system is shortened.
 *
 * Pure: `inputs` and `outDir` are absolute real paths (links resolved, see
 * `resolvedPath`); names are compared as a file system that ignores case would.
 */
export function copyNames(inputs: readonly string[], outDir: string): string[] {
  // The inputs of each name, each once.
  const byName = new Map<string, string[]>();
  for (const input of new Set(inputs)) {
    const same = byName.get(key(stemOf(input)));
    if (same) same.push(input);
    else byName.set(key(stemOf(input)), [input]);
  }
  const taken = new Set(inputs.map(key));
  const given = new Map<string, string>();
  return inputs.map((input) => {
    const known = given.get(input);
    if (known) return known;
    const others = byName.get(key(stemOf(input)))!.filter((f) => f !== input);
    const stem = `${folderPrefix(input, others)}${stemOf(input)}`;
    let name = fitted(stem, `${MARK}.xlsx`);
    for (let n = 2; taken.has(key(join(outDir, name))); n++) name = fitted(stem, `${MARK}-${n}.xlsx`);
    taken.add(key(join(outDir, name)));
    given.set(input, name);
    return name;
  });
}

/**
 * As many of the folders of `input` as tell it from `others`, inputs of its
 * name (`a-`); none when none is in another folder.
 */
function folderPrefix(input: string, others: readonly string[]): string {
  const folders = (f: string) => dirname(f).split(sep).filter(Boolean);
  const mine = folders(input);
  const theirs = others.filter((f) => key(dirname(f)) !== key(dirname(input))).map(folders);
  if (theirs.length === 0 || mine.length === 0) return '';
  const tail = (parts: string[], depth: number) => key(parts.slice(-depth).join(sep));
  let depth = 1;
  while (depth < mine.length && theirs.some((o) => tail(o, depth) === tail(mine, depth))) depth++;
  return `${mine.slice(-depth).join('-')}-`;
}

/** `stem` + `end`, the stem cut short so that the name fits `NAME_BYTES`. */
function fitted(stem: string, end: string): string {
  const chars = [...stem];
  while (Buffer.byteLength(chars.join('') + end) > NAME_BYTES) chars.pop();
  return chars.join('') + end;
}

/** `path` made absolute with its links resolved, as far as it exists (an output folder may not yet). */
export function resolvedPath(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync.native(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(resolvedPath(parent), basename(absolute));
  }
}

/** An issue's line in a comment or in 审核结果, and under it, for a warning explained beside the workbook, the clerk's text. */
const withText = (line: string, i: Issue) => (i.explanation === undefined ? line : `${line}\n${EXPLANATION_LABEL}${i.explanation}`);

/** The workbook editor, loaded only when a copy is marked up: checking alone does not need it. */
export const loadWriter = () => import('@tianbao/xlsx');

/**
 * A marked-up copy of a submission for the clerk, written to `path` (see
 * `copyNames`): cells in error filled red, warnings yellow (explained ones
 * not filled), each with a comment holding the message (after any comment
 * already there), and a first sheet 审核结果 listing every issue with a link to
 * its cell; everything else as the submission has it (see `markUpCopy`). The
 * submission itself is read, never written; `source`: as its check read it
 * (see `checkKeeping`), not read again. Null for a file that could not be
 * opened to be checked either; a checked file refused now throws its `FileRefused`.
 * `explanations`: the clerk's answers to warnings given beside the workbook (the portal's 上报说明): each
 * such warning is shown explained, not filled, its comment holding the clerk's text under the message.
 */
export async function annotate(given: FileReport, path: string, source?: InspectedFile, explanations: readonly Explanation[] = []): Promise<string | null> {
  const report = explanations.length ? { ...given, issues: withExplanations(given.issues, explanations) } : given;
  const { markUpCopy, writeFileAtomic } = await loadWriter();
  let copy: Buffer;
  try {
    copy = await markUpCopy(source ?? report.file, marks(report), resultSheet(report), earlier(report));
  } catch (e) {
    if (report.template === null) return null;
    throw e;
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, copy);
  return path;
}

/**
 * What a marking before this one (of the copy a clerk sent back) left: our
 * fills, and our lines in comments (see `clerkText`), which this one replaces.
 */
function earlier(report: FileReport): EarlierMarks {
  const messages = messagesAt(report.issues);
  return { fills: Object.values(FILL), kept: (sheet, cell, text) => clerkText(text, messages(sheet, cell)) };
}

/** One mark per flagged cell: its messages in order, red when any is an error, yellow when any warning is not explained. */
function marks(report: FileReport): CellMark[] {
  const byCell = new Map<string, CellMark>();
  for (const issue of report.issues) {
    if (!issue.sheet || !issue.cell) continue;
    const key = cellKey(issue.sheet, issue.cell);
    const note = withText(noteLine(issue), issue);
    const before = byCell.get(key);
    // An error outweighs a warning on the same cell.
    const fill = before?.fill === FILL.error ? FILL.error : (fillOf(issue) ?? before?.fill);
    byCell.set(key, { sheet: issue.sheet, cell: issue.cell, fill, note: before ? `${before.note}\n${note}` : note });
  }
  return [...byCell.values()];
}

function resultSheet(report: FileReport): NewSheet {
  const { errors, warnings, explained } = issueCounts(report);
  const bold = { bold: true };
  // Every line wrapped and at the top: a long message or sheet name takes more lines, never more width.
  const rows: NewCell[][] = [
    [{ value: `审核结果：${report.valid ? '通过' : '不通过'}（错误 ${errors} 条，提示 ${warnings} 条${explained ? `，其中已说明 ${explained} 条` : ''}）。错误须改正后重新报送；提示请核实，确认无误的在单元格批注或备注中说明`, style: bold }],
    ['序号', '位置', '类别', '说明', '规则'].map((value) => ({ value, style: bold })),
    ...report.issues.map((issue, i): NewCell[] => {
      const at = issue.sheet && issue.cell ? { sheet: issue.sheet, cell: issue.cell } : undefined;
      return [
        { value: i + 1, style: { wrap: true } },
        { value: at ? `${at.sheet}!${at.cell}` : '整个文件', link: at, style: { wrap: true } },
        { value: kindOf(issue), style: { fill: fillOf(issue), wrap: true } },
        { value: withText(issue.message, issue), style: { wrap: true } },
        { value: issue.rule, style: { wrap: true } },
      ];
    }),
  ];
  // 140 characters: the width of A4 landscape at 100 %, so the sheet prints unshrunk in the default font.
  return { name: RESULT_SHEET, widths: [6, 18, 14, 76, 26], rows, merges: ['A1:E1'], titleRow: 2 };
}
