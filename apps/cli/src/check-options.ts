import { formIds } from '@tianbao/forms/list';
import { CHILD_LIMITS } from '@tianbao/isolate/defaults';
import type { TaskOptions } from '@tianbao/validate';
import type { Argv } from 'yargs';
import { UsageError, received } from './usage-error.ts';
import { UNITS_OPTION, namedUnits } from './units.ts';

/** The longest `--time-limit`, in seconds: a day. */
const MAX_TIME_LIMIT_SECONDS = 86_400;

export interface CheckArgs {
  template?: string;
  period?: string;
  asOf?: string;
  units?: string;
  timeLimit?: number;
  memoryLimit?: number;
}

/** The least `--memory-limit`, MB: a child process takes some 50 MB before it reads anything. */
const MIN_MEMORY_MB = 64;

/** The options validate and extract share. */
export function checkOptionsBuilder<T>(y: Argv<T>) {
  return y
    .option('template', { alias: 't', choices: formIds, describe: '按此表样检查（默认自动识别）' })
    .option('period', { type: 'string', describe: '报送月份 YYYY-MM，文件中和文件名中都没有时使用' })
    .option('as-of', { type: 'string', describe: '判断完成时限是否逾期的日期 YYYY-MM-DD（默认：填报日期，否则今天）' })
    .option('units', UNITS_OPTION)
    .option('time-limit', { type: 'number', describe: '每个文件最多检查的秒数，到时即停止检查，记为一条错误（默认 60）' })
    .option('memory-limit', {
      type: 'number',
      describe: `检查每个文件最多可用的内存（MB），超过即停止检查，记为一条错误（默认 ${CHILD_LIMITS.residentMB}）`,
    });
}

/** The options of a check, as the child processes that check the files are sent them. */
export async function checkOptions(args: CheckArgs): Promise<TaskOptions> {
  // The form engine is loaded only to judge a date given.
  const form = args.period !== undefined || args.asOf !== undefined ? await import('@tianbao/form') : undefined;
  if (args.period !== undefined && !form!.Period.safeParse(args.period).success)
    throw new UsageError(`--period 应写作 YYYY-MM，如 2023-06，收到「${args.period}」`);
  // Node's timers hold at most 2^31 - 1 ms (about 24.8 days); a longer limit would fire at once.
  if (args.timeLimit !== undefined && !(args.timeLimit > 0 && args.timeLimit <= MAX_TIME_LIMIT_SECONDS))
    throw new UsageError(`--time-limit 应为大于 0、不超过 ${MAX_TIME_LIMIT_SECONDS} 的秒数，${received(args.timeLimit, ['time-limit'])}`);
  if (args.asOf !== undefined && !form!.IsoDate.safeParse(args.asOf).success)
    throw new UsageError(`--as-of 应写作 YYYY-MM-DD，如 2023-06-20，收到「${args.asOf}」`);
  if (args.memoryLimit !== undefined && !(args.memoryLimit >= MIN_MEMORY_MB))
    throw new UsageError(`--memory-limit 应为不小于 ${MIN_MEMORY_MB} 的数（MB），${received(args.memoryLimit, ['memory-limit'])}`);
  const units = await namedUnits(args.units);
  return {
    ...(units && { units }),
    ...(args.template ? { template: args.template } : {}),
    ...(args.period ? { period: args.period } : {}),
    ...(args.asOf ? { asOf: args.asOf } : {}),
    ...(args.timeLimit !== undefined ? { timeLimit: args.timeLimit } : {}),
  };
}
