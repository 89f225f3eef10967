import { choice, creditCode, date, personName, phone, text, type Layout } from '@tianbao/form';
import { CATEGORIES, size } from './staffing.ts';

const required = { required: true } as const;
const sameOrg = '同一单位有多名明白人时，下面各行可留空';

/** The report's columns, in the order FORMS.md gives them: one row per person, an organisation over several rows. */
export const layout = {
  sheet: '明白人报备',
  title: '{unit}消防安全明白人报备表',
  placeholder: 'XX县（市、区）',
  infoLine: true,
  orientation: 'landscape',
  dataKey: 'people',
  blankRows: 200,
  freezeHeader: true,
  remarkColumn: 'remark',
  columns: [
    { key: 'no', header: '序号', width: 5, serial: true },
    {
      key: 'org',
      header: '单位名称',
      width: 24,
      cell: text(required),
      rule: 'org',
      fillDown: true,
      hint: { title: '单位名称', prompt: `填写单位全称；${sameOrg}（沿用上一行的单位）` },
    },
    { key: 'credit', header: '统一社会信用代码', width: 20, cell: creditCode, rule: 'credit', hint: { title: '统一社会信用代码', prompt: `18位，按营业执照填写；${sameOrg}` } },
    { key: 'category', header: '单位类别', width: 14, cell: choice(CATEGORIES), rule: 'category', hint: { title: '单位类别', prompt: `从下拉列表选择；${sameOrg}` } },
    {
      key: 'size',
      header: '规模',
      width: 12,
      cell: size,
      rule: 'size',
      hint: {
        title: '规模（按单位类别）',
        prompt: '公众聚集场所填总建筑面积（平方米）；医院填等级，如二级甲等；学校填师生人数；养老院、福利院、日间照料中心填服务对象人数；劳动密集型企业填职工人数',
      },
    },
    { key: 'name', header: '姓名', width: 10, cell: personName, rule: 'name' },
    { key: 'post', header: '职务', width: 16, cell: text(required), rule: 'post' },
    {
      key: 'phone',
      header: '联系电话',
      width: 15,
      cell: phone({ required: true, example: '0391-3568123' }),
      rule: 'phone',
      hint: { title: '联系电话', prompt: '手机号11位，或带区号的固定电话，如 0391-3568123' },
    },
    { key: 'date', header: '报备日期', width: 14, cell: date({ example: '2023年6月15日', required: true }), rule: 'date' },
    { key: 'remark', header: '备注', width: 14, cell: text(), rule: 'remark' },
  ],
  notes: [],
} as const satisfies Layout;
