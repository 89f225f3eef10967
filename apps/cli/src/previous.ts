import type { CompiledPart } from '@tianbao/form';
import type { TaskOptions } from '@tianbao/validate';
import { checkBatch, type BatchArgs } from './batch.ts';
import { receivedAt } from './commands/status.ts';
import { expandInputs } from './files.ts';
import { UsageError } from './usage-error.ts';

/** `--previous` of every command that compares with last month. */
export const PREVIOUS_OPTION = { type: 'string', describe: '上月报表（文件或文件夹）：与之对比，列出未再列出的问题、推迟的完成时限' } as const;

/**
 * Last month's returns (`--previous`), read through the checker as any
 * submission is: each unit's valid one, the latest month's, received last.
 * A file not valid is not compared with, and said so on stderr.
 */
export async function previousReturns(paths: readonly string[], template: string | undefined, opts: TaskOptions, args: BatchArgs): Promise<CompiledPart[]> {
  const files = expandInputs(paths);
  if (files.length === 0) throw new UsageError(`--previous：在 ${paths.join('、')} 中没有找到 .xlsx 文件`);
  // Each file's own month, not this run's --period; its time limits are not judged here.
  const reports = await checkBatch(files, { units: opts.units, ...(template && { template }), keepData: true, ...(opts.timeLimit && { timeLimit: opts.timeLimit }) }, args);
  const latest = new Map<string, { part: CompiledPart; key: string }>();
  for (const r of reports) {
    if (!r.valid || !r.unit || !r.data) {
      const first = r.issues.find((i) => i.severity === 'error');
      console.error(`上月报表「${r.file}」${first ? `未通过检查（${first.cell ? `${first.cell} ` : ''}${first.message}）` : '找不到写明单位的标题'}，不作为上月报表采用`);
      continue;
    }
    const key = `${r.period ?? ''} ${receivedAt(r.file) ?? ''}`;
    const was = latest.get(r.unit);
    if (!was || key >= was.key) latest.set(r.unit, { part: { unit: r.unit, file: r.file, data: r.data, issues: r.issues }, key });
  }
  return [...latest.values()].map((l) => l.part);
}

/** Parts by unit, as the checker takes them (`CheckOptions.previous`). */
export const byUnit = (parts: readonly CompiledPart[]) => Object.fromEntries(parts.map((p) => [p.unit, p.data]));
