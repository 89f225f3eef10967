import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formIds } from '@tianbao/forms/list';
import { loadForm } from '../load-form.ts';
import type { CommandModule } from 'yargs';
import { jobsOption, jobsSpec } from '../batch.ts';
import { outputFolder } from '../files.ts';
import { UsageError } from '../usage-error.ts';
import { UNITS_OPTION, resolveUnits } from '../units.ts';

interface Args {
  template: string;
  data: string;
  out: string;
  format: string;
  units?: string;
  asOf?: string;
  force: boolean;
  allowErrors: boolean;
  paper: Paper;
  jobs?: number;
}

const FORMATS = ['xlsx', 'pdf'] as const;
type Format = (typeof FORMATS)[number];
const PAPERS = ['A4', 'A3'] as const;
type Paper = (typeof PAPERS)[number];

export const generate: CommandModule<object, Args> = {
  command: 'generate <template>',
  describe: '按数据生成填好的表格（XLSX 和/或 PDF）',
  builder: (y) =>
    y
      .positional('template', { choices: formIds, describe: '表样编号' })
      .option('data', { type: 'string', demandOption: true, describe: '数据 JSON：一份表或一组表' })
      .option('out', { alias: 'o', type: 'string', default: 'out', describe: '输出文件夹' })
      .option('format', { type: 'string', default: 'xlsx,pdf', describe: '输出格式，逗号分隔：xlsx,pdf' })
      .option('units', UNITS_OPTION)
      .option('paper', { choices: PAPERS, default: 'A4' as Paper, coerce: (p: unknown) => (typeof p === 'string' ? p.toUpperCase() : p), describe: 'PDF 的纸张（A3 容得下更宽的表格、每页更多行）' })
      .option('force', { type: 'boolean', default: false, describe: '重新生成已是最新（由相同数据和选项生成）的输出' })
      .option('allow-errors', { type: 'boolean', default: false, describe: '数据有错误（validate 会判为不通过）时仍生成，只作草稿' })
      .option('as-of', { type: 'string', describe: '汇总、进度按此日期计算 YYYY-MM-DD（默认：填报日期，否则今天）' })
      .option('jobs', jobsSpec('生成文件的进程数，每个进程同时做两份数据', '生成的文件和打印的内容与 1 相同、顺序不变'))
      .example('$0 generate review-ledger --data ledger.json -o out/ --format xlsx,pdf', '生成问题台账的 XLSX 和 PDF')
      .example('$0 generate outfall-checklist --data outfalls.json --as-of 2024-12-31', '排污口台账，整治进度汇总截至2024年底')
      .example('$0 generate outfall-checklist --data outfalls.json --format pdf --paper A3', '全市排污口清单打印在 A3 纸上') as any,
  handler: async (args) => {
    // Each format once: a format named twice would be two tasks writing one file.
    const formats = [...new Set(args.format.split(',').map((s) => s.trim()).filter(Boolean))];
    const bad = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
    if (bad.length || !formats.length) throw new UsageError(`--format 只能是 ${FORMATS.join('、')}，收到「${args.format}」`);
    const jobs = jobsOption(args.jobs);
    // The first child starts before the form and the data are loaded here: its own loading is what the run waits for.
    const { generateChildren, generateBatch } = await import('../generate-batch.ts');
    const pool = generateChildren(args.template, formats as Format[], jobs);
    try {
      const def = await loadForm(args.template);
      const [{ IsoDate, printable }, { readInput }, { checkItems }, { isDraft }, { outputProblems }, { filledName }] = await Promise.all([
        import('@tianbao/form'),
        import('../input.ts'),
        import('../item-check.ts'),
        import('../output-digest.ts'),
        import('../output-check.ts'),
        import('../outputs.ts'),
      ]);
      if (args.asOf !== undefined && !IsoDate.safeParse(args.asOf).success)
        throw new UsageError(`--as-of 应写作 YYYY-MM-DD，如 2024-12-31，收到「${args.asOf}」`);
      const units = await resolveUnits(args.units);
      const { data, at, problems } = readInput(args.data, def, units);
      if (!problems.length && !data.length) {
        console.error(`${args.data}：数据文件中没有任何表，未生成文件`);
        process.exitCode = 1;
        return;
      }
      if (!problems.length) {
        const inputs = [args.data, ...(args.units ? [args.units] : [])];
        problems.push(...outputProblems(def, { dataFile: args.data, data, at, formats, out: args.out, inputs }));
      }
      if (problems.length) {
        // A value quoted in a message may hold a control character (a unit's name with a BEL in it): shown, not sent to the terminal.
        for (const p of problems) console.error(printable(p));
        console.error(`数据有 ${problems.length} 处问题，未生成任何文件`);
        process.exitCode = 1;
        return;
      }
      // The form's rules, before anything is made: an item with errors is not written (unless a draft is asked for).
      const checked = checkItems(def, { dataFile: args.data, data, at }, { units, asOf: args.asOf, allowErrors: args.allowErrors });
      for (const line of checked.lines) console.error(line);
      // A draft an earlier run made of an item now refused stays where it is, but is not to be taken for the form.
      for (const { data, item } of checked.refused)
        for (const format of formats) {
          const path = join(args.out, filledName(def, data, format));
          if (existsSync(path) && (await isDraft(path))) console.error(`${item}：输出文件夹中的「${path}」是先前的草稿，请勿报送`);
        }
      const run = { pool, units, out: outputFolder(args.out, '-o'), formats: formats as Format[], paper: args.paper, force: args.force, asOf: args.asOf, jobs };
      if ((await generateBatch(def, checked.kept, run)) > 0 || checked.faulty > 0) process.exitCode = 1;
    } finally {
      // Every task is done by then: only a child still loading for a run that ends early has work to leave.
      await pool.close(true);
    }
  },
};
