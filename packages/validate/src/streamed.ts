import { LIMITS, ReadAgain, tooManyRows } from '@tianbao/xlsx/read';
import type { FileReport } from './check.ts';
import type { Placed, Read, Submission } from './submission.ts';

/**
 * A file whose large sheet was read as it inflated (see `openWorkbook`'s
 * `streamAbove`), once the rest of it has been inspected (`Book.finish`): its
 * reading stands unless what the inspection tells at a sheet's end would have
 * changed it; else `ReadAgain`, and the file is read held, as it always was.
 * A sheet's rows out of order are read so, in order; a sheet of more rows than
 * may be checked is refused, as one held is (a reading that stopped at the
 * table's end did not count them all). Merged ranges stand at the end of a sheet's XML, after its
 * rows, and one spreads its first cell's value over the others as the first
 * rows are looked at and the table is read. Those over the table change what
 * was read; those above it stand when the form, its table and what stands
 * above it are found the same with them (`locate` again), as a title or a
 * 填报 line merged over the table's width are. `where`: `located` of the file
 * as it was read.
 */
export async function settled(s: Read, where: string, locate: (s: Submission) => Placed | FileReport): Promise<Read> {
  const { book } = s.wb;
  const { mergedLate, unordered } = await book.finish();
  const again = () => new ReadAgain(s.start.sheet.part);
  if (book.rowCount(s.start.sheet) > LIMITS.rows) throw tooManyRows(s.start.sheet.name);
  if (unordered.length) throw again();
  if (!mergedLate.length) return s;
  if (book.merges(s.start.sheet).some((m) => m.bottom > s.start.headerRow)) throw again();
  const relocated = locate(s);
  if (!('def' in relocated) || located(relocated) !== where) throw again();
  return s;
}

/**
 * A file whose form or table was not found, once the rest of it has been
 * inspected: said so, unless a sheet's first rows were not what was looked at
 * (its rows out of order, merged ranges found at its end): `ReadAgain`.
 */
export async function notPlaced(s: Submission, report: FileReport): Promise<FileReport> {
  const { mergedLate, unordered } = await s.wb.book.finish();
  if (mergedLate.length || unordered.length) throw new ReadAgain('');
  return report;
}

/** What locating a file found (taken before its table is read, which adds to its issues), in one text to compare. */
export const located = (p: Placed): string =>
  JSON.stringify([p.def.id, p.clue, p.start.sheet.part, p.start.headerRow, p.start.columns, p.unit, p.period, p.formHead, p.found.issues]);
