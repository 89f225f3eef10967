import type { CompiledPart } from '@tianbao/form';
import { loadForm } from './load-form.ts';
import type { EarlierReturn, FileReport, TaskOptions } from '@tianbao/validate';
import { checkBatch, childProgram, jobsFor, type BatchArgs } from './batch.ts';
import { expandInputs } from './files.ts';
import { UsageError } from './usage-error.ts';

/** `--previous` of every command that compares with last month. */
export const PREVIOUS_OPTION = {
  type: 'string',
  describe:
    '之前各月的报表（文件或文件夹；可给出多次，如前几个月的各一份）：每份报表与本单位同一种表在其月份之前最近一个月的一份对比，列出未再列出的问题（此前未作说明的一并列出）、推迟的完成时限',
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

/** An earlier month's return as `--previous` gave it: what a later month of its form and unit is compared with, and its file. */
export type EarlierPart = CompiledPart & EarlierReturn;

/**
 * The earlier months' returns (`--previous`), read through the checker as any submission is: of each form
 * and unit, its valid one of each month (received last), checked oldest first, each against the one before
 * (不见实效不予销号: what a month dropped without a word stays to be answered). Every month's, as that month's
 * next is compared with it (see `FormDefinition.compared`): each file checked takes the latest before its own
 * month (`earlierReturn`). A file not valid, or of no known month, is not compared with, and said so on stderr.
 */
export async function previousReturns(files: readonly string[], template: string | undefined, opts: Pick<TaskOptions, 'units' | 'timeLimit'>, args: BatchArgs): Promise<EarlierPart[]> {
  // Each file's own month, not this run's --period; its time limits are not judged here.
  const options: TaskOptions = { ...(opts.units && { units: opts.units }), ...(template && { template }), keepData: true, ...(opts.timeLimit && { timeLimit: opts.timeLimit }) };
  const chains = [...(await monthsOf(await checkBatch(files, options, args))).values()];
  const parts: EarlierPart[] = [];
  const take = async (r: FileReport, previous?: EarlierPart) => {
    const def = await loadForm(r.template!);
    const data = def.compared?.(r.data, r.issues, previous?.data) ?? r.data!;
    const part = { form: r.template!, unit: r.unit!, period: r.period!, file: r.file, data, issues: r.issues };
    parts.push(part);
    return part;
  };
  const last: EarlierPart[] = [];
  for (const [first] of chains) last.push(await take(first!));
  // The second month of every chain at once, then the third, …: each against its chain's month before.
  for (let k = 1; ; k++) {
    const at = chains.flatMap((m, c) => (m.length > k ? [c] : []));
    if (!at.length) break;
    const reports = await checkBatch(at.map((c) => chains[c]![k]!.file), { ...options, previous: at.map((c) => last[c]!) }, args);
    // One that cannot be read again now (its child failed) is taken as first read, compared with nothing.
    for (const [i, r] of reports.entries()) last[at[i]!] = await (r.valid && r.data ? take(r, last[at[i]!]) : take(chains[at[i]!]![k]!));
  }
  return parts;
}

/** Each form's and unit's valid returns, one a month (of several, received last), oldest first; the others said on stderr. */
async function monthsOf(reports: readonly FileReport[]): Promise<Map<string, FileReport[]>> {
  const { receivedAt } = await import('./received.ts');
  const latest = new Map<string, { report: FileReport; received: string }>();
  for (const r of reports) {
    if (!r.valid || !r.unit || !r.data || !r.template) {
      const first = r.issues.find((i) => i.severity === 'error');
      console.error(`上月报表「${r.file}」${first ? `未通过检查（${first.cell ? `${first.cell} ` : ''}${first.message}）` : '找不到写明单位的标题'}，不作为上月报表采用`);
      continue;
    }
    if (!r.period) {
      const def = await loadForm(r.template);
      console.error(`上月报表「${r.file}」${def.monthly ? '无法确定报送月份（表中、文件名中都没有）' : `是${def.name}，不按月报送`}，不作为上月报表采用`);
      continue;
    }
    const key = `${r.template} ${r.unit} ${r.period}`;
    const received = receivedAt(r.file) ?? '';
    const was = latest.get(key);
    if (!was || received >= was.received) latest.set(key, { report: r, received });
  }
  const months = new Map<string, FileReport[]>();
  const ordered = [...latest.values()].map((l) => l.report).sort((a, b) => a.period!.localeCompare(b.period!));
  for (const r of ordered) months.set(`${r.template} ${r.unit}`, [...(months.get(`${r.template} ${r.unit}`) ?? []), r]);
  return months;
}

/** Why an earlier return is not taken: its month is not before `checked`'s. */
export const notBefore = (part: EarlierPart, checked: string) => `上月报表「${part.file}」报送月份是 ${part.period}，不在${checked}之前`;

/**
 * On stderr, what `--previous` gave that no file checked is compared with (another form's, a month not before
 * the unit's), and each file checked that is compared with nothing: the clerk is to know when nothing was.
 */
export async function sayUncompared(parts: readonly EarlierPart[], reports: readonly FileReport[]): Promise<void> {
  const [{ earlierReturn }, { formatPeriodCn }] = await Promise.all([import('@tianbao/validate'), import('@tianbao/form')]);
  const checked = reports.filter((r) => r.template && r.unit);
  for (const part of parts) {
    if (!checked.some((r) => r.template === part.form)) {
      console.error(`上月报表「${part.file}」是${(await loadForm(part.form)).name}，所检查的报表中没有这种表，不与之对比`);
      continue;
    }
    const months = checked.flatMap((r) => (r.template === part.form && r.unit === part.unit && r.period ? [r.period] : []));
    const latest = months.sort().at(-1);
    if (latest && part.period >= latest) console.error(`${notBefore(part, `所检查的${part.unit}报表的报送月份 ${latest} `)}，不与之对比`);
  }
  for (const r of checked) {
    if (earlierReturn(parts, r.template!, r.unit!, r.period)) continue;
    const form = (await loadForm(r.template!)).name;
    console.error(
      r.period
        ? `「${r.file}」：--previous 中没有${r.unit}${formatPeriodCn(r.period)}之前的${form}，未与之前的月份对比`
        : `「${r.file}」：无法确定报送月份，未与之前的月份对比`,
    );
  }
}
