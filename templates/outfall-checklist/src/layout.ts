import { choice, creditCode, date, decimal, text, type Layout } from '@tianbao/form';
import { BASINS } from './rivers.ts';
import { BOUNDS, METHODS, OUTFALL_TYPES, PROGRESS, PROTECTED, TRACE, YES_NO } from './values.ts';

const required = { required: true } as const;

/** The checklist's columns, in the order FORMS.md gives them. */
export const layout: Layout = {
  sheet: '排污口清单',
  title: '{unit}入河排污口排查整治台账',
  placeholder: 'XX县（市、区）',
  infoLine: true,
  orientation: 'landscape',
  dataKey: 'outfalls',
  blankRows: 200,
  freezeHeader: true,
  columns: [
    { key: 'no', header: '序号', width: 5, serial: true },
    { key: 'code', header: '排污口编码', width: 13, cell: text(required), rule: 'code' },
    { key: 'name', header: '排污口名称', width: 22, cell: text(required), rule: 'name' },
    { key: 'county', header: '所在县（市、区）', width: 10, cell: text(required), rule: 'county' },
    { key: 'river', header: '受纳水体', width: 10, cell: text(required), rule: 'river' },
    { key: 'basin', header: '所属流域', width: 9, cell: choice(BASINS, required), rule: 'basin' },
    { key: 'type', header: '排污口类型', width: 18, cell: choice(OUTFALL_TYPES, required), rule: 'type' },
    {
      key: 'lng',
      header: '经度',
      width: 11,
      cell: decimal({ min: BOUNDS.lng[0], max: BOUNDS.lng[1], example: '113.2418', required: true }),
      rule: 'lng',
      hint: { title: '经度', prompt: `十进制度数，如 113.2418（焦作市约在东经 ${BOUNDS.lng[0]}–${BOUNDS.lng[1]}）` },
    },
    {
      key: 'lat',
      header: '纬度',
      width: 11,
      cell: decimal({ min: BOUNDS.lat[0], max: BOUNDS.lat[1], example: '35.2157', required: true }),
      rule: 'lat',
      hint: { title: '纬度', prompt: `十进制度数，如 35.2157（焦作市约在北纬 ${BOUNDS.lat[0]}–${BOUNDS.lat[1]}）` },
    },
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
};
