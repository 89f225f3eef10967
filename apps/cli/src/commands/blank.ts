import { formIds } from '@tianbao/forms/list';
import { loadForm } from '../load-form.ts';
import type { CommandModule } from 'yargs';
import { UsageError } from '../usage-error.ts';
import { outputFolder } from '../files.ts';
import { notBefore, previousFiles, previousReturns, withChildren, type PreviousArg } from '../previous.ts';
import { UNITS_OPTION, resolveUnits } from '../units.ts';

interface Args {
  template: string;
  unit?: string;
  out: string;
  units?: string;
  period?: string;
  previous?: PreviousArg;
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
      .option('period', { type: 'string', describe: '报送月份 YYYY-MM，写入工作簿（检查时据此确定月份）' })
      .option('previous', {
        type: 'string',
        describe: '上月报表（文件或文件夹，取本单位 --period 之前最近一个月的一份）：把其中的内容（如问题台账的问题、改进措施和完成时限，及此前未再列出也未说明的问题）带入本月，供更新；须同时给出 --period',
      })
      .example('$0 blank review-ledger --unit 修武县 -o out/', '修武县的空白问题台账')
      .example('$0 blank review-ledger --unit 修武县 --period 2023-07 --previous 修武县2023年6月问题台账.xlsx -o out/', '修武县7月的台账，带入6月的问题') as any,
  handler: async (args) => {
    const def = await loadForm(args.template);
    const [{ Period, Refusal, findReporter, outputContext, reporterNames }, { blankName, filledName, writeOutput }] = await Promise.all([
      import('@tianbao/form'),
      import('../outputs.ts'),
    ]);
    const units = await resolveUnits(args.units);
    if (args.period !== undefined && !def.monthly) throw new UsageError(`${def.name}不按月报送，请去掉 --period`);
    if (args.period !== undefined && !Period.safeParse(args.period).success) throw new UsageError(`--period 应写作 YYYY-MM，如 2023-07，收到「${args.period}」`);
    let unit: string | undefined;
    if (args.unit) {
      unit = findReporter(units, args.unit, def.cityReports)?.name;
      if (!unit) throw new UsageError(`单位「${args.unit}」不在${units.city.name}的报送单位名单中：${reporterNames(units, def.cityReports)}`);
    }
    const { writeWorkbook } = await import('@tianbao/xlsx');
    const out = outputFolder(args.out, '-o');
    if (args.previous === undefined) {
      const bytes = await writeWorkbook(def, null, { unit, ...(args.period && { period: args.period }), ctx: outputContext(null, units) });
      return void console.log(await writeOutput(out, blankName(def, unit), bytes));
    }
    if (!def.carry) throw new UsageError(`「${def.id}」（${def.name}）没有可带入下月的内容，不能用 --previous`);
    if (!args.period) throw new UsageError('用 --previous 带入上月内容时，请用 --period 指定本月，如 --period 2023-07');
    // A folder of last month's returns gives the unit's own.
    const earlier = previousFiles(args.previous);
    const given = [args.previous].flat().join('、');
    const returns = await withChildren(earlier.length, {}, (batch) => previousReturns(earlier, def.id, { units }, batch));
    if (!returns.length) throw new Refusal('previous.invalid', `上月报表「${given}」未通过检查，不能带入；请先改正`);
    // Of several units' returns, which is the unit's own is not to be guessed.
    const found = [...new Set(returns.map((r) => r.unit))];
    if (!unit && found.length > 1) throw new UsageError(`上月报表「${given}」中有 ${found.length} 个单位的报表（${found.join('、')}），请用 --unit 指定本单位`);
    const ofUnit = returns.filter((r) => r.unit === (unit ?? found[0]));
    if (!ofUnit.length) throw new UsageError(`上月报表「${given}」是${found.join('、')}的，不是${unit}的`);
    // The unit's latest month before this one: a later month, or this one, is not last month.
    const { earlierReturn } = await import('@tianbao/validate');
    const last = earlierReturn(ofUnit, def.id, ofUnit[0]!.unit, args.period);
    if (!last) throw new UsageError(notBefore(ofUnit[0]!, ` --period ${args.period} `));
    const data = def.carry(last.data, args.period);
    // Dated by the month's first day: the same files give the same bytes.
    const bytes = await writeWorkbook(def, data, { ctx: outputContext(null, units, `${args.period}-01`) });
    console.log(await writeOutput(out, filledName(def, data, 'xlsx'), bytes));
  },
};
