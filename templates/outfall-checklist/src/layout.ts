import { choice, code, creditCode, date, decimal, text, unitName, type Layout } from '@tianbao/form';
import { BASINS } from './rivers.ts';
import { BOUNDS, METHODS, OUTFALL_TYPES, PROGRESS, PROTECTED, TRACE, YES_NO } from './values.ts';

const required = { required: true } as const;

/** 经度 or 纬度: decimal degrees inside the city's bounds. */
function coordinate<K extends 'lng' | 'lat'>(key: K, header: string, example: string, side: string) {
  const [min, max] = BOUNDS[key];
  return {
    key,
    header,
    width: 11,
    cell: decimal({ min, max, example, required: true }),
    rule: key,
    hint: { title: header, prompt: `十进制度数，如 ${example}（焦作市约在${side} ${min}–${max}）` },
  };
}

/** The checklist's columns, in the order FORMS.md gives them. */
export const layout = {
  sheet: '排污口清单',
  title: '{unit}入河排污口排查整治台账',
  placeholder: 'XX县（市、区）',
  infoLine: true,
  orientation: 'landscape',
  dataKey: 'outfalls',
  blankRows: 200,
  freezeHeader: true,
  remarkColumn: 'remark',
  columns: [
    { key: 'no', header: '序号', width: 5, serial: true },
    { key: 'code', header: '排污口编码', width: 13, cell: code(required), rule: 'code' },
    { key: 'name', header: '排污口名称', width: 22, cell: text(required), rule: 'name' },
    { key: 'county', header: '所在县（市、区）', width: 10, cell: unitName, rule: 'county' },
    { key: 'river', header: '受纳水体', width: 10, cell: text(required), rule: 'river' },
    { key: 'basin', header: '所属流域', width: 9, cell: choice(BASINS, required), rule: 'basin' },
    { key: 'type', header: '排污口类型', width: 18, cell: choice(OUTFALL_TYPES, required), rule: 'type' },
    coordinate('lng', '经度', '113.2418', '东经'),
    coordinate('lat', '纬度', '35.2157', '北纬'),
    { key: 'owner', header: '责任主体', width: 20, cell: text(), rule: 'owner' },
    { key: 'credit', header: '统一社会信用代码', width: 20, cell: creditCode, rule: 'credit' },
    { key: 'protected', header: '特殊保护区域', width: 11, cell: choice(PROTECTED, required), rule: 'protected' },
    { key: 'trace', header: '溯源状态', width: 8, cell: choice(TRACE, required), rule: 'trace' },
    { key: 'method', header: '整治方式', width: 8, cell: choice(METHODS, required), rule: 'method' },
    { key: 'progress', header: '整治进度', width: 8, cell: choice(PROGRESS), rule: 'progress' },
    {
      key: 'deadline',
      header: '完成时限',
      width: 14,
      cell: date({ example: '2024年6月30日' }),
      rule: 'deadline',
      hint: { title: '完成时限', prompt: '填写日期，如 2024年6月30日；整治方式为“保留”的可不填' },
    },
    { key: 'sign', header: '树标立牌', width: 6, cell: choice(YES_NO, required), rule: 'sign' },
    { key: 'remark', header: '备注', width: 14, cell: text(), rule: 'remark' },
  ],
  notes: [],
} as const satisfies Layout;
