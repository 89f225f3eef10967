import type { CommandModule } from 'yargs';
import { checkOptions, checkOptionsBuilder, type CheckArgs } from '../check-options.ts';
import { checkBatch } from '../batch.ts';
import { inputFile, outputFolder } from '../files.ts';
import { basename, dirname } from 'node:path';
import { INTERNAL_FAILURE } from '../failure.ts';
import { paintFor } from '../paint.ts';

interface Args extends CheckArgs {
  file: string;
  out?: string;
}

export const extract: CommandModule<object, Args> = {
  command: 'extract <file>',
  describe: '从填好的工作簿读出数据（与 generate 所用 JSON 同一格式）',
  builder: (y) =>
    checkOptionsBuilder(y)
      .positional('file', { type: 'string', describe: '.xlsx 文件' })
      .option('out', { alias: 'o', type: 'string', describe: '写入此 JSON 文件（默认输出到屏幕）' })
      .example('$0 extract 修武县2023年6月行政复议工作问题台账.xlsx -o ledger.json', '读出台账数据')
      .epilog('有错误时不输出数据，列出错误并以 1 退出') as any,
  handler: async (args) => {
    const [{ formatText, summarize }, { notAnInput, writeOutput }] = await Promise.all([import('@tianbao/validate/report'), import('../outputs.ts')]);
    const file = inputFile(args.file);
    if (args.out) {
      notAnInput(args.out, [file]);
      outputFolder(dirname(args.out), '-o');
    }
    const report = (await checkBatch([file], await checkOptions(args), args))[0]!;
    if (report.issues.length) console.error(formatText(summarize([report]), paintFor(process.stderr)));
    if (!report.valid || !report.data) {
      // A file found valid has its data: one without is tianbao's fault, said rather than exiting in silence.
      if (report.valid) console.error(`出错：${INTERNAL_FAILURE}`);
      process.exitCode = 1;
      return;
    }
    const json = JSON.stringify(report.data, null, 2) + '\n';
    if (args.out) console.log(await writeOutput(dirname(args.out), basename(args.out), Buffer.from(json)));
    else process.stdout.write(json);
  },
};
