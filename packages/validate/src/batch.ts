import { CHILD_LIMITS, memoryLimits, runTasks, type ChildPool, type Failure, type Outcome } from '@tianbao/isolate';
import { RESAVE } from '@tianbao/xlsx/file-rules';
import type { CheckOptions, FileReport } from './check.ts';
import { TIME_LIMIT_SECONDS } from './time-limit.ts';
import type { EngineRuleId } from './check-rules.ts';
import type { Explanation } from './explained.ts';
import { FormsNotBuilt, NOT_CHECKED_COPY, type CheckTask, type CheckedCopy, type CopyOutcome, type MarkUpTask, type NotBuilt, type TaskOptions } from './child-tasks.ts';
import { timedOut, unchecked } from './report.ts';
import type { SheetCells, SheetCellsTask } from './sheet-cells.ts';

export interface BatchOptions {
  /** Files at once, each in a child process (1: one after the other, in one child). */
  jobs: number;
  /**
   * The child program (a JavaScript file, see `@tianbao/isolate/serve`) with
   * the methods `check(CheckTask): FileReport` and `checkAndMarkUp(MarkUpTask): CheckedCopy`
   * (see `childMethods`).
   */
  script: string;
  /** A child's whole memory, MB (its heap half of it); default 1024 (`CHILD_LIMITS`). */
  memoryMB?: number;
  /** More options for node in each child. */
  nodeOptions?: readonly string[];
  /** Show what children write to stderr, for a developer. */
  showStderr?: boolean;
  /**
   * Children kept beyond this batch (of `script`, with `memoryMB`), shared with other work: the files wait
   * in its queue for a free child rather than starting children of their own.
   */
  pool?: ChildPool;
  /** Called by `checkFiles` as each file is done, in the order they finish; `done` counts them. */
  onReport?: (report: FileReport, done: number) => void;
}

/** The rules of a file that could not be checked in its child: such a file gets no marked-up copy either. */
const NOT_CHECKED: ReadonlySet<string> = new Set<EngineRuleId>(['file.timeout', 'file.too-much-memory', 'file.crashed']);

/**
 * Check `files`, each in a child process, `jobs` at once; with one job too,
 * so that no file can take the run down with it. The reports come back in the
 * order of `files`, exactly as one job gives them. A file whose child runs
 * past the time limit (`options.timeLimit`, else 60 s), outgrows its memory or
 * dies has one error of its own (`file.timeout`, `file.too-much-memory`,
 * `file.crashed`) and the others are checked as they would be alone. This
 * process never opens the files. Throws `FormsNotBuilt` when the children
 * could not build the forms to check with: no file is judged by them.
 */
export async function checkFiles(files: readonly string[], options: TaskOptions, batch: BatchOptions): Promise<FileReport[]> {
  const seconds = options.timeLimit ?? TIME_LIMIT_SECONDS;
  const tasks = files.map((file): CheckTask => ({ file, options }));
  const reports: FileReport[] = new Array(files.length);
  const built = new Built();
  let done = 0;
  await runTasks<CheckTask, FileReport | NotBuilt>('check', tasks, {
    ...poolOptions(batch, seconds),
    onResult: (o, i) => {
      const report = 'result' in o ? o.result : failedReport(files[i]!, o.failed, seconds, memoryOf(batch));
      if (built.not(report)) return;
      reports[i] = report;
      batch.onReport?.(report, ++done);
    },
  });
  built.orThrow();
  return reports;
}

/**
 * Check `files` as `checkFiles` does, and write each one's marked-up copy to
 * the path chosen for it (`paths`, see `copyNames`) from the same reading of
 * it: the file is not read again. A child has the time limit twice over, once
 * for the check and once for the copy. A child that fails (past the time
 * limit, out of memory, dead) takes its report with it: that file alone is
 * checked again without a copy, so a copy too large to make costs only the
 * copy. A file that could not be checked gets no
 * copy. `explanations`: a file's explanations given beside it (see `annotate`), by position. The reports
 * (as checked, without those explanations), and one copy outcome a file, in order.
 */
export async function checkAndAnnotateFiles(
  files: readonly string[],
  paths: readonly string[],
  options: TaskOptions,
  batch: BatchOptions,
  explanations: readonly (readonly Explanation[])[] = [],
): Promise<{ reports: FileReport[]; copies: CopyOutcome[] }> {
  const seconds = options.timeLimit ?? TIME_LIMIT_SECONDS;
  const tasks = files.map((file, i): MarkUpTask => ({ file, options, copy: paths[i]!, ...(explanations[i]?.length && { explanations: explanations[i] }) }));
  const reports: FileReport[] = new Array(files.length);
  const copies: CopyOutcome[] = new Array(files.length);
  const failed: { at: number; failed: Failure }[] = [];
  const built = new Built();
  let done = 0;
  await runTasks<MarkUpTask, CheckedCopy | NotBuilt>('checkAndMarkUp', tasks, {
    ...poolOptions(batch, 2 * seconds),
    onResult: (o, i) => {
      if (!('result' in o)) return void failed.push({ at: i, failed: o.failed });
      if (built.not(o.result)) return;
      ({ report: reports[i], copy: copies[i] } = o.result);
      batch.onReport?.(reports[i]!, ++done);
    },
  });
  built.orThrow();
  if (failed.length) {
    const again = await checkFiles(
      failed.map((f) => files[f.at]!),
      options,
      { ...batch, onReport: (report) => batch.onReport?.(report, ++done) },
    );
    failed.forEach(({ at, failed }, k) => {
      reports[at] = again[k]!;
      copies[at] = NOT_CHECKED.has(again[k]!.issues[0]?.rule ?? '') ? NOT_CHECKED_COPY : copyOutcome({ failed }, seconds, memoryOf(batch));
    });
  }
  return { reports, copies };
}

/** Whether the children could build the forms of a batch: a result saying they could not stops it. */
class Built {
  private why: string | undefined;

  /** The result says the forms could not be built (noted), rather than being a task's. */
  not(result: object): result is NotBuilt {
    if (!('notBuilt' in result)) return false;
    this.why ??= (result as NotBuilt).notBuilt;
    return true;
  }

  orThrow(): void {
    if (this.why !== undefined) throw new FormsNotBuilt(this.why);
  }
}

const memoryOf = (batch: BatchOptions) => batch.pool?.limits.residentMB ?? batch.memoryMB ?? CHILD_LIMITS.residentMB;

function poolOptions(batch: BatchOptions, seconds: number) {
  if (batch.pool) return { pool: batch.pool, jobs: batch.jobs, limits: { timeMs: seconds * 1000 } };
  return {
    script: batch.script,
    jobs: batch.jobs,
    limits: { ...memoryLimits(memoryOf(batch)), timeMs: seconds * 1000 },
    ...(batch.nodeOptions && { nodeOptions: batch.nodeOptions }),
    ...(batch.showStderr && { showStderr: true }),
  };
}

/** The report of a file whose child did not give one. */
function failedReport(file: string, failed: Failure, seconds: number, memoryMB: number): FileReport {
  if (failed === 'timeout') return timedOut(file, seconds);
  if (failed === 'memory')
    return unchecked(
      file,
      'file.too-much-memory',
      `检查此文件占用的内存超过上限（${memoryMB} MB），已停止检查。文件可能有异常（如大量空行、超大图片、隐藏的内容）：${RESAVE}；确实很大的表，请按单位拆分成几个文件分别提交`,
    );
  return unchecked(
    file,
    'file.crashed',
    `检查此文件时检查进程意外退出，未能完成检查。${RESAVE}；仍然如此的，请把此文件发给维护人员`,
  );
}

function copyOutcome(outcome: Outcome<CopyOutcome>, seconds: number, memoryMB: number): CopyOutcome {
  if ('result' in outcome) return outcome.result;
  const why: Record<Failure, string> = {
    timeout: `生成批注副本超过 ${seconds} 秒仍未完成，已停止`,
    memory: `生成批注副本占用的内存超过上限（${memoryMB} MB），已停止；表很大的，请按单位拆分后再检查`,
    crashed: '生成批注副本时进程意外退出；请把此文件发给维护人员',
  };
  return { failed: why[outcome.failed] };
}

/**
 * `sheet` of `file` as text, for drawing it (see `readSheetCells`): read in a child of `batch.script`, which
 * serves `sheetCells` (see `childMethods`), within a check's time limit. Null when it could not be read
 * there, or has no such sheet.
 */
export async function sheetCells(
  file: string,
  sheet: string,
  batch: Omit<BatchOptions, 'jobs'>,
  size: { maxRows: number; maxColumns: number } = { maxRows: 1000, maxColumns: 60 },
): Promise<SheetCells | null> {
  const [outcome] = await runTasks<SheetCellsTask, SheetCells | null>('sheetCells', [{ file, sheet, ...size }], poolOptions({ ...batch, jobs: 1 }, TIME_LIMIT_SECONDS));
  return outcome && 'result' in outcome ? outcome.result : null;
}
