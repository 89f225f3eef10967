import { join } from 'node:path';
import type { TaskOptions } from '@tianbao/validate';
import type { CommandModule } from 'yargs';
import { checkOptions, checkOptionsBuilder, type CheckArgs } from '../check-options.ts';
import { expandInputs, outputFolder } from '../files.ts';
import { UsageError } from '../usage-error.ts';
import { CHECK_JOBS, checkAndAnnotateBatch, checkBatch, type BatchArgs } from '../batch.ts';
import { paintFor } from '../paint.ts';
import { PREVIOUS_OPTION, previousFiles, previousReturns, sayUncompared, withChildren, type PreviousArg } from '../previous.ts';

interface Args extends CheckArgs {
  paths: string[];
  format: string;
  annotate?: string;
  previous?: PreviousArg;
  jobs?: number;
}

export const validate: CommandModule<object, Args> = {
  command: 'validate <paths..>',
  describe: '检查报送的工作簿（文件或文件夹），指出错误所在单元格及改法',
  builder: (y) =>
    checkOptionsBuilder(y)
      .positional('paths', { type: 'string', array: true, describe: '.xlsx 文件或文件夹' })
      .option('format', { choices: ['text', 'json'], default: 'text', describe: '输出格式；json 供程序读取' })
      .option('jobs', CHECK_JOBS)
      .option('previous', PREVIOUS_OPTION)
      .option('annotate', {
        type: 'string',
        describe: '把每份报表的批注副本（…-批注.xlsx）写入此文件夹：错误标红、提示标黄并加批注，首页“审核结果”；不会覆盖任何输入文件，同名文件以所在文件夹区分',
      })
      .example('$0 validate 报送/ --period 2023-06', '检查文件夹中全部台账')
      .example('$0 validate 修武县.xlsx --format json', '输出 JSON 报告')
      .example('$0 validate 报送/ --annotate 退回/', '检查并写出批注副本，退回各县修改')
      .epilog('退出码：0 全部通过，1 有文件不通过，2 用法错误') as any,
  handler: async (args) => {
    // The report's printing, not the engines: each file is read and judged in a child process.
    const { formatJson, formatText, summarize } = await import('@tianbao/validate/report');
    const opts = await checkOptions(args);
    const files = expandInputs(args.paths);
    if (files.length === 0) throw new UsageError(`在 ${args.paths.join('、')} 中没有找到 .xlsx 文件`);
    if (args.annotate) outputFolder(args.annotate, '--annotate');
    // Where the copies go is settled before any file is read: never onto an input, never two onto one name.
    let copies: string[] | undefined;
    if (args.annotate) {
      const { copyNames, resolvedPath } = await import('@tianbao/validate');
      copies = copyNames(files.map(resolvedPath), resolvedPath(args.annotate)).map((name) => join(args.annotate!, name));
    }
    // With copies, each is made from the reading its file was checked from.
    const check = async (batch: BatchArgs, previous?: TaskOptions['previous']) => {
      const judged = { ...opts, keepData: false, ...(previous && { previous }) };
      return copies ? await checkAndAnnotateBatch(files, copies, judged, batch) : { reports: await checkBatch(files, judged, batch), copies: [] };
    };
    const earlier = args.previous === undefined ? [] : previousFiles(args.previous);
    const { reports, copies: made } = earlier.length
      ? await withChildren(earlier.length + files.length, args, async (batch) => {
          const previous = await previousReturns(earlier, args.template, opts, batch);
          const checked = await check(batch, previous);
          await sayUncompared(previous, checked.reports);
          return checked;
        })
      : await check(args);
    const annotated: string[] = [];
    // No copy (null) is made of a file that could not be read: nothing in it to mark up, and the clerk is told so.
    for (const [i, copy] of made.entries())
      annotated.push(!copy ? `（未生成）${files[i]}：文件无法读取（${reports[i]!.issues[0]?.message ?? ''}）` : 'written' in copy ? copy.written : `（未生成）${files[i]}：${copy.failed}`);
    const report = summarize(reports);
    console.log(args.format === 'json' ? formatJson(report) : formatText(report, paintFor(process.stdout)));
    // Where the copies went, on stderr: stdout stays the report a script parses.
    for (const copy of annotated) console.error(`批注副本：${copy}`);
    process.exitCode = report.summary.invalid > 0 ? 1 : 0;
  },
};
