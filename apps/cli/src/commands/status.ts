import { statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { formatDateCn, formatPeriodCn, isoOf, today } from '@tianbao/form';
import type { CommandModule } from 'yargs';
import { checkOptions, checkOptionsBuilder, type CheckArgs } from '../check-options.ts';
import { expandInputs } from '../files.ts';
import { formById } from '../forms.ts';
import { notAnInput, writeOutput } from '../outputs.ts';
import { checkBatch } from '../batch.ts';
import { paintFor } from '../paint.ts';
import { UsageError } from '../usage-error.ts';

interface Args extends CheckArgs {
  paths: string[];
  format: string;
  xlsx?: string;
  jobs?: number;
}

/** The day a file was received: its modification date, in the machine's time zone. */
function receivedOn(file: string): string | null {
  try {
    const d = statSync(file).mtime;
    return isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate());
  } catch {
    return null;
  }
}

export const status: CommandModule<object, Args> = {
  command: 'status <paths..>',
  describe: '各单位报送情况：已报且通过、不通过、按时或逾期、缺报',
  builder: (y) =>
    checkOptionsBuilder(y)
      .positional('paths', { type: 'string', array: true, describe: '收到的报表所在文件夹或文件' })
      .option('format', { choices: ['text', 'json'], default: 'text', describe: '输出格式；json 供程序读取' })
      .option('xlsx', { type: 'string', describe: '另存为汇总工作簿（.xlsx）' })
      .option('jobs', {
        alias: 'j',
        type: 'number',
        describe: '同时检查的文件数，每个文件在单独的进程中检查（默认：文件多时用上全部 CPU 核，每核约 50 个文件起）；结果与 1 相同、顺序不变',
      })
      .example('$0 status 收件箱/ --template review-ledger --period 2023-06 --as-of 2023-06-28', '6月问题台账的报送情况')
      .epilog('以文件的修改日期为收到日期。退出码：0 全部单位已报且通过，1 有单位缺报或不通过，2 用法错误') as any,
  handler: async (args) => {
    if (!args.template) throw new UsageError('请用 --template 指定表样，如 --template review-ledger');
    const def = formById(args.template);
    if (def.monthly && !args.period) throw new UsageError('请用 --period 指定报送月份，如 --period 2023-06');
    const opts = checkOptions(args);
    const period = args.period ?? '';
    const asOf = args.asOf ?? today();
    const { statusTable, unitStatus, STATE_TEXT } = await import('@tianbao/validate');
    const files = expandInputs(args.paths);
    if (args.xlsx) notAnInput(args.xlsx, files);
    const reports = await checkBatch(files, { ...opts, keepData: false }, args);
    const received = new Map(files.map((f) => [f, receivedOn(f)] as [string, string]).filter(([, d]) => d));
    const s = unitStatus(def, period, reports, received, opts.units, asOf);

    const when = def.monthly ? formatPeriodCn(period) : '';
    const title = `${opts.units.city.name}${when}${def.name}报送情况（截至${formatDateCn(asOf)}${s.due ? `，${formatDateCn(s.due)}前报送` : ''}）`;
    if (args.xlsx) {
      const { writeTables } = await import('@tianbao/xlsx');
      const bytes = await writeTables([{ name: '报送情况', title, table: statusTable(s) }]);
      console.error(`汇总工作簿：${await writeOutput(dirname(args.xlsx), basename(args.xlsx), bytes)}`);
    }
    if (args.format === 'json') console.log(JSON.stringify(s));
    else {
      const paint = paintFor(process.stdout);
      const table = statusTable(s);
      const width = Math.max(...s.units.map((u) => u.unit.length));
      console.log(title);
      for (const [k, u] of s.units.entries()) {
        const row = table.rows[k]!;
        const state = String(row[1]);
        const shown = u.state === 'valid' ? (paint?.green(state) ?? state) : u.state === 'not-due' ? state : (paint?.red(state) ?? state);
        console.log(`  ${u.unit.padEnd(width, '　')}  ${shown}  ${[row[2], row[3], u.file ? `错误 ${u.errors} 条，提示 ${u.warnings} 条` : ''].filter(Boolean).join('  ')}`);
      }
      const m = s.summary;
      // A unit that sent only a file no one could read shows as missing: say which files those were.
      for (const u of s.unread) console.log(`  ${paint?.red('未能读取') ?? '未能读取'}  ${u.file}：${u.message}  [${u.rule}]`);
      console.log(`共 ${s.units.length} 个单位：${STATE_TEXT.valid} ${m.valid}，${STATE_TEXT.invalid} ${m.invalid}，${STATE_TEXT.missing} ${m.missing}${m['not-due'] ? `，${STATE_TEXT['not-due']} ${m['not-due']}` : ''}；逾期 ${m.late}`);
    }
    process.exitCode = s.summary.missing > 0 || s.summary.invalid > 0 ? 1 : 0;
  },
};
