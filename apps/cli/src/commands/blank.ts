import { findReporter, outputContext, reporterNames } from '@tianbao/form';
import { formById, formIds } from '@tianbao/forms';
import type { CommandModule } from 'yargs';
import { UsageError } from '../usage-error.ts';
import { outputFolder } from '../files.ts';
import { blankName, writeOutput } from '../outputs.ts';
import { UNITS_OPTION, resolveUnits } from '../units.ts';

interface Args {
  template: string;
  unit?: string;
  out: string;
  units?: string;
}

export const blank: CommandModule<object, Args> = {
  command: 'blank <template>',
  describe: '生成供填报的空白工作簿（固定内容锁定，填报格可编辑）',
  builder: (y) =>
    y
      .positional('template', { choices: formIds, describe: '表样编号' })
      .option('unit', { type: 'string', describe: '填报单位，写入标题（如 修武县）；不填则保留 XX县（市、区）' })
      .option('out', { alias: 'o', type: 'string', default: 'out', describe: '输出文件夹' })
      .option('units', UNITS_OPTION)
      .example('$0 blank review-ledger --unit 修武县 -o out/', '修武县的空白问题台账') as any,
  handler: async (args) => {
    const def = formById(args.template);
    const units = resolveUnits(args.units);
    let unit: string | undefined;
    if (args.unit) {
      unit = findReporter(units, args.unit, def.cityReports)?.name;
      if (!unit) throw new UsageError(`单位「${args.unit}」不在${units.city.name}的报送单位名单中：${reporterNames(units, def.cityReports)}`);
    }
    const { writeWorkbook } = await import('@tianbao/xlsx');
    const bytes = await writeWorkbook(def, null, { unit, ctx: outputContext(null, units) });
    console.log(await writeOutput(outputFolder(args.out, '-o'), blankName(def, unit), bytes));
  },
};
