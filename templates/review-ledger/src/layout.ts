import type { Layout } from '@tianbao/form';
import { deadlines, items } from './cells.ts';

const KEY = '重点检视';

/** 焦政办〔2023〕24号 附件, as printed. */
export const layout = {
  sheet: '问题台账',
  title: '{unit}行政复议工作问题台账',
  placeholder: 'XX县（市、区）',
  infoLine: true,
  orientation: 'landscape',
  dataKey: 'rows',
  mergeDown: ['item'],
  columns: [
    { key: 'item', header: '项目', width: 12 },
    { key: 'content', header: '检视内容', width: 46 },
    { key: 'problems', header: '存在问题', width: 40, cell: items, rule: 'problems' },
    { key: 'measures', header: '改进措施', width: 40, cell: items, rule: 'measures' },
    {
      key: 'deadlines',
      header: '完成时限',
      width: 18,
      cell: deadlines,
      rule: 'deadline',
      hint: {
        title: '完成时限',
        prompt: '填写日期，如 2023年7月31日；多项问题可逐项填写（1.… 2.…）；长期任务填“长期坚持”或“持续推进”',
      },
    },
  ],
  rows: [
    {
      key: 'acceptance',
      label: '案件受理方面',
      fixed: {
        item: KEY,
        content: '案件受理方面：重点检视有案不受问题，如是否存在法律规定外增设申请条件、违法不予受理、怠于受理等。',
      },
    },
    {
      key: 'hearing',
      label: '案件审理方面',
      fixed: {
        item: KEY,
        content:
          '案件审理方面：重点检视审理不规范问题，如是否存在审理程序不规范、证据核查不严格、事实认定不清楚、法律适用不准确、超期审理等。',
      },
    },
    {
      key: 'drafting',
      label: '文书制发方面',
      fixed: {
        item: KEY,
        content: '文书制发方面：重点检视文书质量不高问题，如是否存在回应群众诉求不够精准、论证说理不够充分、文书内容不够规范等。',
      },
    },
    {
      key: 'enforcement',
      label: '文书履行方面',
      fixed: {
        item: KEY,
        content: '文书履行方面：重点检视监督履行不到位问题，如是否存在对文书履行情况不跟踪不了解、对不履行情形督促整改不力等。',
      },
    },
    {
      key: 'special',
      label: '专题检视',
      fixed: {
        item: '专题检视与征求意见情况',
        content:
          '针对行政复议败诉案件进行专题检视，深入分析败诉原因；采取书面征求意见、登门拜访、集体座谈、设立意见箱等多种形式，广泛听取人民法院、有关行政机关以及人大代表、政协委员、群众代表等对提升行政复议质量的意见建议。',
      },
    },
  ],
  notes: [
    '注：1.问题台账每月28日前报市政府办公室行政复议应诉科，首次报送时间为2023年6月28日；',
    '2.各县（市、区）典型案例原则上每月报送1个，如确实无案件，可顺延至下月报送。',
  ],
} as const satisfies Layout;
