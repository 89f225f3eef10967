import { statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { loadForm } from '../load-form.ts';
import type { CommandModule } from 'yargs';
import { checkOptions, checkOptionsBuilder, type CheckArgs } from '../check-options.ts';
import { outputFolder, receivedFiles } from '../files.ts';
import { CHECK_JOBS, checkBatch } from '../batch.ts';
import { paintFor } from '../paint.ts';
import { UsageError } from '../usage-error.ts';

interface Args extends CheckArgs {
  paths: string[];
  format: string;
  xlsx?: string;
  jobs?: number;
}

/**
 * Where `--xlsx` may write the summary: not onto a folder or a file received,
 * and not into a folder received, where the next run would take it for a file
 * someone sent. Its folder is made here, before any file is checked.
 */
function summaryPath(xlsx: string, inputs: readonly string[], files: readonly string[], notAnInput: (path: string, files: readonly string[]) => void): void {
  if (statSync(xlsx, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--xlsx 应是一个 .xlsx 文件名，「${xlsx}」是文件夹`);
  notAnInput(xlsx, files);
  const inbox = inputs.find((dir) => statSync(dir).isDirectory() && within(dir, xlsx));
  if (inbox) throw new UsageError(`--xlsx 不能写入收到的报表所在的文件夹「${inbox}」：下次统计时它会被当作收到的文件；请换一个位置`);
  outputFolder(dirname(xlsx), '--xlsx');
}

export const within = (dir: string, path: string) => {
  const rel = relative(resolve(dir), resolve(path));
  return rel !== '' && !isAbsolute(rel) && rel.split(sep)[0] !== '..';
};

export const status: CommandModule<object, Args> = {
  command: 'status <paths..>',
  describe: '各单位报送情况：已报且通过、不通过、按时或逾期、缺报',
  builder: (y) =>
    checkOptionsBuilder(y)
      // A unit's submission is counted against one form: none is guessed.
      .describe('template', '统计哪一种表样的报送情况（必填）')
      // Here the month whose returns are counted, not a fallback for a file that names none.
      .describe('period', '统计哪个月的报送情况 YYYY-MM（按月报送的表样必填）；其他月份的文件列出但不计入')
      .positional('paths', { type: 'string', array: true, describe: '收到的报表所在文件夹或文件' })
      .option('format', { choices: ['text', 'json'], default: 'text', describe: '输出格式；json 供程序读取' })
      .option('xlsx', { type: 'string', describe: '另存为汇总工作簿（.xlsx）' })
      .option('jobs', CHECK_JOBS)
      .example('$0 status 收件箱/ --template review-ledger --period 2023-06 --as-of 2023-06-28', '6月问题台账的报送情况')
      .epilog('收到日期（时间）即文件的修改时间：文件夹里没有别的收件记录。退出码：0 全部单位已报且通过，1 有单位缺报或不通过，2 用法错误') as any,
  handler: async (args) => {
    if (!args.template) throw new UsageError('请用 --template 指定表样，如 --template review-ledger');
    const def = await loadForm(args.template);
    if (def.monthly && !args.period) throw new UsageError('请用 --period 指定报送月份，如 --period 2023-06');
    const [{ defaultUnits, formatDateCn, formatPeriodCn, today }, { notAnInput, writeOutput }, { receivedAt }] = await Promise.all([
      import('@tianbao/form'),
      import('../outputs.ts'),
      import('../received.ts'),
    ]);
    const opts = await checkOptions(args);
    // The table names every unit of the list: the Jiaozuo one too, which the children are left to take.
    const units = opts.units ?? defaultUnits;
    const period = args.period ?? '';
    const asOf = args.asOf ?? today();
    // A folder that is not there is a usage error (a mistyped path), not a month in which no unit reported.
    const files = receivedFiles(args.paths);
    const { filesTable, statusTable, unitStatus, RECEIVED_NOTE } = await import('@tianbao/validate');
    if (args.xlsx) summaryPath(args.xlsx, args.paths, files, notAnInput);
    const reports = await checkBatch(files, { ...opts, keepData: false }, args);
    const received = new Map(files.map((f) => [f, receivedAt(f)] as [string, string]).filter(([, d]) => d));
    const s = unitStatus(def, period, reports, received, units, asOf);

    const when = def.monthly ? formatPeriodCn(period) : '';
    const heading = (what: string) => `${units.city.name}${when}${def.name}${what}（截至${formatDateCn(asOf)}${s.due ? `，${formatDateCn(s.due)}前报送` : ''}）`;
    const title = heading('报送情况');
    if (args.xlsx) {
      const { writeTables } = await import('@tianbao/xlsx');
      const bytes = await writeTables([
        { name: '报送情况', title, table: statusTable(s), notes: [RECEIVED_NOTE] },
        { name: '收到的文件', title: heading('收到的文件'), table: filesTable(s), notes: [RECEIVED_NOTE] },
      ]);
      console.error(`汇总工作簿：${await writeOutput(dirname(args.xlsx), basename(args.xlsx), bytes)}`);
    }
    if (args.format === 'json') console.log(JSON.stringify(s));
    else {
      const { statusText } = await import('../status-text.ts');
      console.log(statusText(s, title, paintFor(process.stdout)).join('\n'));
    }
    process.exitCode = s.summary.missing > 0 || s.summary.invalid > 0 ? 1 : 0;
  },
};
