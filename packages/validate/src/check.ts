import { type FormDefinition, type Issue, type UnitList } from '@tianbao/form';
import { FileRefused, ReadAgain, type InspectedFile } from '@tianbao/xlsx/read';
import type { EarlierReturn } from './earlier.ts';
import { judge } from './judge.ts';
import { locate } from './locate.ts';
import { open } from './open.ts';
import { read } from './read.ts';
import { located, notPlaced, settled } from './streamed.ts';
import { internalError, reportOf, timedOut, unchecked, type IssueCounts } from './report.ts';
import { TIME_LIMIT_SECONDS } from './time-limit.ts';

export interface CheckOptions {
  forms: readonly FormDefinition<any>[];
  /** Check as this form instead of recognising it. */
  template?: string;
  units: UnitList;
  /** Period from the command line: the last source tried. */
  period?: string;
  /** Judge time limits against this day; default: the 填报日期, else today. */
  asOf?: string;
  /**
   * Seconds a file may take. Reading stops at the limit (it is checked
   * between chunks of a sheet); every other step is bounded by the size limits.
   */
  timeLimit?: number;
  /** Keep a valid file's data in its report (the default); a run that only judges drops it, not to hold long lists to its end. */
  keepData?: boolean;
  /**
   * A sheet inflating to more bytes than this is inflated as it is read, not
   * held from the inspection of the file's bytes to its reading (default
   * `STREAMED_BYTES`, 16 MB; 0: every sheet), unless the reading is kept for a
   * marked-up copy (`checkKeeping`).
   */
  streamAbove?: number;
  /** Earlier months' valid returns: each file is compared with the latest of its form and unit before its month (`--previous`, see `earlierReturn`). */
  previous?: readonly EarlierReturn[];
}

/** What told which form a workbook is: `--template`, tianbao's own metadata, the title, or the header row. */
export type Clue = 'template' | 'metadata' | 'title' | 'header';

export interface FileReport {
  file: string;
  template: string | null;
  /** How the form was recognised; null when it was not. */
  detectedBy: Clue | null;
  /** The sheet judged as the submission; null when none was. */
  sheet: string | null;
  unit: string | null;
  period: string | null;
  valid: boolean;
  issues: Issue[];
  /**
   * Only on a file with more than `MAX_ISSUES` findings: those not listed, by severity, and the warnings of
   * them explained (of the first `KEPT_ISSUES` warnings; those past are counted, not judged). The last
   * issue, `file.too-many-issues`, says so in words. `issueCounts` adds them to the listed.
   */
  unlisted?: IssueCounts;
  /** The submission's data, when it has no error. */
  data?: Record<string, unknown>;
}

export { TIME_LIMIT_SECONDS };

/**
 * Check one submitted workbook. Never throws: an unreadable file is one error,
 * and so is one that takes longer than the time limit.
 */
export async function checkFile(file: string, opts: CheckOptions): Promise<FileReport> {
  return (await timed(file, opts, null)).report;
}

/**
 * Check a file as `checkFile` does, keeping all that was read of it: its
 * bytes and the parts they inflated to, from which its marked-up copy is made
 * without reading it again. `source` is null for a file that could not be
 * opened, or was given up at the time limit.
 */
export async function checkKeeping(file: string, opts: CheckOptions): Promise<{ report: FileReport; source: InspectedFile | null }> {
  const kept: Kept = { source: null };
  const { report, late } = await timed(file, opts, kept);
  return { report, source: late ? null : kept.source };
}

/** What a check kept of the file it read, for a marked-up copy. */
type Kept = { source: InspectedFile | null };

async function timed(file: string, opts: CheckOptions, kept: Kept | null): Promise<{ report: FileReport; late: boolean }> {
  const seconds = opts.timeLimit ?? TIME_LIMIT_SECONDS;
  const stop = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ report: FileReport; late: boolean }>((resolve) => {
    timer = setTimeout(() => {
      stop.abort();
      resolve({ report: timedOut(file, seconds), late: true });
    }, seconds * 1000);
  });
  try {
    return await Promise.race([check(file, opts, stop.signal, kept).then((report) => ({ report, late: false })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A file through the stages of a check, in one pass: open → locate → read →
 * judge → report (one `Submission` passing through, see submission.ts). Each
 * part of the file is inflated once; `kept`: none is let go of, and the
 * reading is kept there. Otherwise a large sheet is inflated as it is read
 * (see `settled`), and in the rare file where that does not hold the file is
 * read again, inspected first.
 */
async function check(file: string, opts: CheckOptions, stop: AbortSignal, kept: Kept | null): Promise<FileReport> {
  try {
    if (kept === null)
      try {
        return await checkOnce(file, opts, stop, null, true);
      } catch (e) {
        if (!(e instanceof ReadAgain)) throw e;
      }
    return await checkOnce(file, opts, stop, kept, false);
  } catch (e) {
    // A refusal from the reader is one Chinese error for this file; the batch goes on.
    if (e instanceof FileRefused) return unchecked(file, e.rule, e.message, e.place);
    // Stopped at the time limit: `timed` has given the timeout's report already.
    if (stop.aborted) throw e;
    return internalError(file, e);
  }
}

async function checkOnce(file: string, opts: CheckOptions, stop: AbortSignal, kept: Kept | null, stream: boolean): Promise<FileReport> {
  const opened = await open(file, opts, stop, kept !== null, stream);
  try {
    if (kept) kept.source = opened.wb.source;
    const placed = locate(opened);
    if (!('def' in placed)) return await notPlaced(opened, placed);
    const where = located(placed);
    return reportOf(judge(await settled(await read(placed), where, locate)));
  } catch (e) {
    // A sheet read as it inflates meets its damage before its size and CRC-32 can be checked, at its end: a row
    // refused may be the damage's. Inflated to its end, a damaged sheet is refused for that, as when held.
    if (stream && e instanceof FileRefused) await opened.wb.book.finish();
    throw e;
  } finally {
    // A reading given up (read again, refused, out of time) leaves no sheet inflating, nor the file open.
    await opened.wb.book.close();
  }
}
