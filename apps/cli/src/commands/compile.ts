import { statSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { formIds } from '@tianbao/forms/list';
import { loadForm, loadForms } from '../load-form.ts';
import type { CommandModule } from 'yargs';
import { CHECK_JOBS, checkBatch, type BatchArgs } from '../batch.ts';
import { checkOptions, type CheckArgs } from '../check-options.ts';
import { outputFolder, receivedFiles } from '../files.ts';
import { UsageError } from '../usage-error.ts';
import { PREVIOUS_OPTION, previousFiles, previousReturns, sayUncompared, withChildren, type EarlierPart, type PreviousArg } from '../previous.ts';
import { UNITS_OPTION } from '../units.ts';
import { unprintableNotice } from '../unprintable.ts';
import { within } from './status.ts';

interface Args extends CheckArgs {
  template: string;
  paths: string[];
  out: string;
  format: string;
  jobs?: number;
  previous?: PreviousArg;
}

const FORMATS = ['xlsx', 'pdf'] as const;

export const compile: CommandModule<object, Args> = {
  command: 'compile <template> <paths..>',
  describe: '汇总各单位报来的报表：逐个检查，取各单位最后报送且通过的一份，生成全市汇总工作簿和 PDF',
  builder: (y) =>
    y
      .positional('template', { choices: formIds, describe: '表样编号' })
      .positional('paths', { type: 'string', array: true, describe: '收到的报表所在文件夹或文件' })
      .option('period', { type: 'string', describe: '报送月份 YYYY-MM（按月报送的表必填）' })
      .option('as-of', { type: 'string', describe: '截至日期 YYYY-MM-DD：判定完成时限是否逾期、哪些文件已收到（默认今天）' })
      .option('units', UNITS_OPTION)
      .option('out', { alias: 'o', type: 'string', default: 'out', describe: '输出文件夹' })
      .option('format', { type: 'string', default: 'xlsx,pdf', describe: '输出格式，逗号分隔：xlsx,pdf' })
      .option('jobs', CHECK_JOBS)
      .option('previous', PREVIOUS_OPTION)
      .option('time-limit', { type: 'number', describe: '每个文件最多检查的秒数（默认 60）' })
      .option('memory-limit', { type: 'number', describe: '检查每个文件最多可用的内存（MB）' })
      .example('$0 compile review-ledger 收件箱/ --period 2023-06 --as-of 2023-07-05 -o 汇总/', '6月问题台账全市汇总')
      .epilog(
        '每个单位按 status 的判定取其最后收到的一份；不通过或缺报的单位列为“未纳入”并写明原因；文件按其在所给文件夹中的位置列出。' +
          '退出码：0 已生成，1 已生成但有错误（如两个单位共用一个排污口编码）或未能生成 PDF，2 用法错误；没有纳入任何单位的报表时也是 1',
      ) as any,
  handler: async (args) => {
    const def = await loadForm(args.template);
    if (!def.compile)
      throw new UsageError(`「${def.id}」（${def.name}）尚不能汇总；可汇总的表样：${(await loadForms()).filter((f) => f.compile).map((f) => f.id).join('、')}`);
    if (def.monthly && !args.period) throw new UsageError('请用 --period 指定报送月份，如 --period 2023-06');
    const formats = [...new Set(args.format.split(',').map((s) => s.trim()).filter(Boolean))];
    if (!formats.length || formats.some((f) => !(FORMATS as readonly string[]).includes(f)))
      throw new UsageError(`--format 只能是 ${FORMATS.join('、')}，收到「${args.format}」`);
    const [{ defaultUnits, today }, { safeName, writeOutput }, { receivedAt }] = await Promise.all([import('@tianbao/form'), import('../outputs.ts'), import('../received.ts')]);
    const opts = await checkOptions(args);
    // The compilation names every unit of the list: the Jiaozuo one too, which the children are left to take.
    const units = opts.units ?? defaultUnits;
    const asOf = args.asOf ?? today();
    const files = receivedFiles(args.paths);
    // Written among the returns, the compilation would be taken for one the next time.
    const inbox = args.paths.find((dir) => statSync(dir).isDirectory() && (resolve(dir) === resolve(args.out) || within(dir, args.out)));
    if (inbox) throw new UsageError(`-o 不能写入收到的报表所在的文件夹「${inbox}」：下次汇总时汇总文件会被当作收到的文件；请换一个位置`);
    const out = outputFolder(args.out, '-o');
    const { compilation, earlierReturn, unitStatus } = await import('@tianbao/validate');
    // The data of each valid file comes back from its child: the compile works on validated data only.
    const check = (batch: BatchArgs, previous?: EarlierPart[]) => checkBatch(files, { ...opts, keepData: true, ...(previous && { previous }) }, batch);
    const earlier = args.previous === undefined ? [] : previousFiles(args.previous);
    const { previous, reports } = earlier.length
      ? await withChildren(earlier.length + files.length, args, async (batch) => {
          const previous = await previousReturns(earlier, def.id, opts, batch);
          const reports = await check(batch, previous);
          await sayUncompared(previous, reports);
          return { previous, reports };
        })
      : { previous: undefined, reports: await check(args) };
    const received = new Map(files.map((f) => [f, receivedAt(f)] as [string, string]).filter(([, d]) => d));
    const status = unitStatus(def, args.period ?? '', reports, received, units, asOf);
    const byFile = new Map(reports.map((r) => [r.file, r]));
    // A file as the clerk sees it in the inbox: within the folder given, else by its name.
    const shown = (file: string) => {
      const dir = args.paths.find((p) => statSync(p).isDirectory() && within(p, file));
      return dir ? relative(dir, file) : basename(file);
    };
    // Each unit's last month: its latest return before the compile's.
    const lastMonth = previous && [...new Set(previous.map((p) => p.unit))].flatMap((unit) => earlierReturn(previous, def.id, unit, args.period) ?? []);
    const made = compilation(def, status, (u) => byFile.get(u.file!), units, lastMonth, shown);
    if (formats.includes('xlsx')) {
      const { writeCompiledWorkbook } = await import('@tianbao/xlsx');
      console.log(await writeOutput(out, safeName(`${made.title}.xlsx`), await writeCompiledWorkbook(def, made)));
    }
    if (formats.includes('pdf')) {
      const { renderCompiledPdf } = await import('@tianbao/pdf');
      const unprintable = new Map<string, string>();
      const name = safeName(`${made.title}.pdf`);
      console.log(await writeOutput(out, name, await renderCompiledPdf(def, made, undefined, unprintable)));
      if (unprintable.size) console.error(unprintableNotice(name, unprintable));
    }
    console.error(made.counts);
    for (const fault of made.faults) console.error(fault);
    // The files the counts end with 「未纳入（见下）」, as the cover lists them.
    for (const other of made.others) console.error(other);
    if (!made.parts.length) console.error('没有纳入任何单位的报表：汇总是空的');
    // Made, but with what is wrong across the units (a code two units use), or with nothing in it: as a check with errors.
    if (made.faults.length || !made.parts.length) process.exitCode = 1;
  },
};
