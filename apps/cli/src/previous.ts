import type { CompiledPart } from '@tianbao/form';
import { loadForm } from '@tianbao/forms/list';
import type { FileReport, TaskOptions } from '@tianbao/validate';
import { checkBatch, childProgram, jobsFor, type BatchArgs } from './batch.ts';
import { receivedAt } from './commands/status.ts';
import { expandInputs } from './files.ts';
import { UsageError } from './usage-error.ts';

/** `--previous` of every command that compares with last month. */
export const PREVIOUS_OPTION = {
  type: 'string',
  describe: '上月报表（文件或文件夹；可给出多次，如前几个月的各一份）：与之对比，列出未再列出的问题（此前未作说明的一并列出）、推迟的完成时限',
} as const;

/** `--previous` as given: once, or several times. */
export type PreviousArg = string | string[];

/** The workbooks `--previous` names; none is a usage error. */
export function previousFiles(given: PreviousArg): string[] {
  const paths = [given].flat();
  const files = expandInputs(paths);
  if (files.length === 0) throw new UsageError(`--previous：在 ${paths.join('、')} 中没有找到 .xlsx 文件`);
  return files;
}

/**
 * `run` on children kept for the whole command: last months' files and this month's are checked on the
 * same ones, rather than each batch starting children of its own (a child takes a third to half a second
 * of processor time to start, longer than checking a ledger). `tasks`: the files of the whole command.
 */
export async function withChildren<R>(tasks: number, args: BatchArgs, run: (batch: BatchArgs) => Promise<R>): Promise<R> {
  const { ChildPool, memoryLimits } = await import('@tianbao/isolate');
  const { script, nodeOptions, showStderr } = childProgram();
  const pool = new ChildPool({
    script,
    size: jobsFor(args.jobs, tasks),
    nodeOptions,
    ...(showStderr && { showStderr }),
    ...(args.memoryLimit !== undefined && { limits: memoryLimits(args.memoryLimit) }),
  });
  try {
    return await run({ ...args, pool });
  } finally {
    await pool.close();
  }
}

/**
 * The earlier months' returns (`--previous`), read through the checker as any submission is: of each
 * unit, its valid one of each month (received last), checked oldest first, each against the one before
 * (不见实效不予销号: what a month dropped without a word stays to be answered). Each unit's latest
 * month's, as the next month is compared with it (see `FormDefinition.compared`). A file not valid is
 * not compared with, and said so on stderr.
 */
export async function previousReturns(files: readonly string[], template: string | undefined, opts: TaskOptions, args: BatchArgs): Promise<CompiledPart[]> {
  // Each file's own month, not this run's --period; its time limits are not judged here.
  const options: TaskOptions = { units: opts.units, ...(template && { template }), keepData: true, ...(opts.timeLimit && { timeLimit: opts.timeLimit }) };
  const months = monthsByUnit(await checkBatch(files, options, args));
  const compared = new Map<string, CompiledPart>();
  const take = async (r: FileReport, previous?: CompiledPart) => {
    const def = await loadForm(r.template!);
    const data = def.compared?.(r.data, r.issues, previous?.data) ?? r.data!;
    compared.set(r.unit!, { unit: r.unit!, file: r.file, data, issues: r.issues });
  };
  for (const [first] of months.values()) await take(first!);
  // The second month of every unit at once, then the third, …: each against its unit's month before.
  for (let k = 1; ; k++) {
    const next = [...months.values()].filter((m) => m.length > k).map((m) => m[k]!);
    if (!next.length) break;
    const previous = Object.fromEntries(next.map((r) => [r.unit!, compared.get(r.unit!)!.data]));
    const reports = await checkBatch(next.map((r) => r.file), { ...options, previous }, args);
    // One that cannot be read again now (its child failed) is taken as first read, compared with nothing.
    for (const [i, r] of reports.entries()) await (r.valid && r.data ? take(r, compared.get(r.unit!)) : take(next[i]!));
  }
  return [...compared.values()];
}

/** Each unit's valid returns, one a month (of several, received last), oldest first; the others said on stderr. */
function monthsByUnit(reports: readonly FileReport[]): Map<string, FileReport[]> {
  const latest = new Map<string, { report: FileReport; received: string }>();
  for (const r of reports) {
    if (!r.valid || !r.unit || !r.data || !r.template) {
      const first = r.issues.find((i) => i.severity === 'error');
      console.error(`上月报表「${r.file}」${first ? `未通过检查（${first.cell ? `${first.cell} ` : ''}${first.message}）` : '找不到写明单位的标题'}，不作为上月报表采用`);
      continue;
    }
    const key = `${r.unit} ${r.period ?? ''}`;
    const received = receivedAt(r.file) ?? '';
    const was = latest.get(key);
    if (!was || received >= was.received) latest.set(key, { report: r, received });
  }
  const months = new Map<string, FileReport[]>();
  const ordered = [...latest.values()].map((l) => l.report).sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''));
  for (const r of ordered) months.set(r.unit!, [...(months.get(r.unit!) ?? []), r]);
  return months;
}

/** Parts by unit, as the checker takes them (`CheckOptions.previous`). */
export const byUnit = (parts: readonly CompiledPart[]) => Object.fromEntries(parts.map((p) => [p.unit, p.data]));
