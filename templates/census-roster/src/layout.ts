import { choice, personName, text, type Layout } from '@tianbao/form';
import { ROLES } from './roles.ts';

/** 焦政〔2023〕9号 附件, as a table: one row per person, the office under it. */
export const layout = {
  sheet: '领导小组名单',
  title: '{unit}第五次全国经济普查领导小组组成人员名单',
  placeholder: 'XX县（市、区）',
  infoLine: false,
  orientation: 'portrait',
  dataKey: 'members',
  blankRows: 20,
  columns: [
    { key: 'no', header: '序号', width: 6, serial: true },
    {
      key: 'role',
      header: '领导小组职务',
      width: 14,
      // `组长：` as printed, and the titles spelt out.
      cell: choice(ROLES, { required: true, aliases: { '组长：': '组长', '副组长：': '副组长', '成员：': '成员', 领导小组组长: '组长', 领导小组副组长: '副组长', 领导小组成员: '成员' } }),
      rule: 'role',
      fillDown: true,
      hint: { title: '领导小组职务', prompt: '从下拉列表选择组长、副组长或成员；与上一行职务相同时可留空' },
    },
    { key: 'name', header: '姓名', width: 12, cell: personName, rule: 'name' },
    { key: 'post', header: '单位及职务', width: 44, cell: text({ required: true }), rule: 'post' },
  ],
  fields: {
    labelColumn: 'role',
    valueColumn: 'name',
    items: [
      { key: 'officeUnit', label: '办公室设在', cell: text({ required: true }), rule: 'office' },
      { key: 'officeDirector', label: '办公室主任', cell: personName, rule: 'director' },
    ],
  },
  notes: [],
} as const satisfies Layout;
