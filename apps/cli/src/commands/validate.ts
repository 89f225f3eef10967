import type { FileReport } from '@tianbao/validate';
import type { CommandModule } from 'yargs';
import { checkOptions, checkOptionsBuilder, type CheckArgs } from '../check-options.ts';
import { expandInputs } from '../files.ts';
import { UsageError } from '../usage-error.ts';
import { paintFor, progress } from '../paint.ts';

interface Args extends CheckArgs {
  paths: string[];
  format: string;
}

export const validate: CommandModule<object, Args> = {
  command: 'validate <paths..>',
  describe: '检查报送的工作簿（文件或文件夹），指出错误所在单元格及改法',
  builder: (y) =>
    checkOptionsBuilder(y)
      .positional('paths', { type: 'string', array: true, describe: '.xlsx 文件或文件夹' })
      .option('format', { choices: ['text', 'json'], default: 'text', describe: '输出格式；json 供程序读取' })
      .example('$0 validate 报送/ --period 2023-06', '检查文件夹中全部台账')
      .example('$0 validate 修武县.xlsx --format json', '输出 JSON 报告')
      .epilog('退出码：0 全部通过，1 有文件不通过，2 用法错误') as any,
  handler: async (args) => {
    const { checkFile, formatJson, formatText, summarize } = await import('@tianbao/validate');
    const opts = checkOptions(args);
    const files = expandInputs(args.paths);
    if (files.length === 0) throw new UsageError(`在 ${args.paths.join('、')} 中没有找到 .xlsx 文件`);
    const bar = progress(files.length);
    const reports: FileReport[] = [];
    for (const file of files) {
      bar.tick(file);
      reports.push(await checkFile(file, opts));
    }
    bar.done();
    const report = summarize(reports);
    console.log(args.format === 'json' ? formatJson(report) : formatText(report, paintFor(process.stdout)));
    process.exitCode = report.summary.invalid > 0 ? 1 : 0;
  },
};
