import { columnsOf, type CompileSpec, type Table } from '@tianbao/form';
import { missingMemberUnits } from './member-units.ts';
import type { CensusRoster } from './schema.ts';

const MISSING = 6;

/** The city's 汇总: each group's size, its 组长 and 副组长, its office, and the member units it lacks. */
export const compile: CompileSpec<CensusRoster> = {
  sheets: (parts, ctx) => {
    const marks: NonNullable<Table['marks']> = [];
    const rows = parts.map(({ unit, data }, r) => {
      const named = (role: string) => data.members.filter((m) => m.role === role).map((m) => m.name).join('、');
      const missing = missingMemberUnits(data.members.map((m) => m.post));
      if (missing.length) marks.push({ row: r, column: MISSING, severity: 'warning' });
      return [unit, data.members.length, named('组长'), named('副组长'), data.officeUnit, data.officeDirector, missing.join('、') || '无'];
    });
    return [
      {
        name: '汇总',
        title: `${ctx.units.city.name}第五次全国经济普查领导小组汇总`,
        table: {
          columns: columnsOf({ 单位: 22, 人数: 6, 组长: 10, 副组长: 24, 办公室设在: 16, 办公室主任: 10, 缺少的成员单位: 40 }),
          rows,
          marks,
        },
        notes: ['成员单位：市政府办公室、市委宣传部、政法委、编办和市统计局、发展改革委、民政局、财政局、税务局、市场监督管理局（焦政〔2023〕9号），各县（市、区）为本级相应单位。'],
      },
    ];
  },
};
