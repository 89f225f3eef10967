import { IsoDate, outputContext } from '@tianbao/form';
import type { CommandModule } from 'yargs';
import { formById, formIds } from '../forms.ts';
import { UsageError } from '../usage-error.ts';
import { readInput } from '../input.ts';
import { filledName, upToDate, writeOutput } from '../outputs.ts';
import { join } from 'node:path';
import { resolveUnits } from '../units.ts';

interface Args {
  template: string;
  data: string;
  out: string;
  format: string;
  units?: string;
  asOf?: string;
  force: boolean;
}

const FORMATS = ['xlsx', 'pdf'] as const;

export const generate: CommandModule<object, Args> = {
  command: 'generate <template>',
  describe: '按数据生成填好的表格（XLSX 和/或 PDF）',
  builder: (y) =>
    y
      .positional('template', { choices: formIds, describe: '表样编号' })
      .option('data', { type: 'string', demandOption: true, describe: '数据 JSON：一份表或一组表' })
      .option('out', { alias: 'o', type: 'string', default: 'out', describe: '输出文件夹' })
      .option('format', { type: 'string', default: 'xlsx,pdf', describe: '输出格式，逗号分隔：xlsx,pdf' })
      .option('units', { type: 'string', describe: '单位名单 JSON（默认焦作市名单）' })
      .option('force', { type: 'boolean', default: false, describe: '重新生成已比数据文件新的输出' })
      .option('as-of', { type: 'string', describe: '汇总、进度按此日期计算 YYYY-MM-DD（默认：填报日期，否则今天）' })
      .example('$0 generate review-ledger --data ledger.json -o out/ --format xlsx,pdf', '生成问题台账的 XLSX 和 PDF')
      .example('$0 generate outfall-checklist --data outfalls.json --as-of 2024-12-31', '排污口台账，整治进度汇总截至2024年底') as any,
  handler: async (args) => {
    const def = formById(args.template);
    const formats = args.format.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
    if (bad.length || !formats.length) throw new UsageError(`--format 只能是 ${FORMATS.join('、')}，收到「${args.format}」`);
    if (args.asOf !== undefined && !IsoDate.safeParse(args.asOf).success)
      throw new UsageError(`--as-of 应写作 YYYY-MM-DD，如 2024-12-31，收到「${args.asOf}」`);
    const units = resolveUnits(args.units);
    const { data, problems } = readInput(args.data, def, units);
    if (problems.length) {
      for (const p of problems) console.error(p);
      console.error(`数据有 ${problems.length} 处问题，未生成任何文件`);
      process.exitCode = 1;
      return;
    }
    const { writeWorkbook } = await import('@tianbao/xlsx');
    const { renderPdf } = await import('@tianbao/pdf');
    // A re-run leaves alone what is newer than the data, unless --force.
    const fresh = (name: string) => !args.force && upToDate(join(args.out, name), args.data);
    for (const item of data) {
      const ctx = outputContext(item, units, args.asOf);
      for (const format of formats) {
        const name = filledName(def, item, format);
        if (fresh(name)) {
          console.error(`已是最新，跳过：${join(args.out, name)}（--force 重新生成）`);
          continue;
        }
        // A list too long to print is one failure; the other files are still written.
        try {
          const bytes = format === 'xlsx' ? await writeWorkbook(def, item, { ctx }) : await renderPdf(def, item, ctx);
          console.log(await writeOutput(args.out, name, bytes));
        } catch (e) {
          console.error(`${name}：${(e as Error).message}`);
          process.exitCode = 1;
        }
      }
    }
  },
};
