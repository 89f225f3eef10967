import { defineRules } from '@tianbao/form';

/** The ledger's own rules (its cells' and every form's come from its layout). */
export const catalogue = defineRules({
  'ledger.measures.missing': { severity: 'error', title: '列出问题但没有改进措施', fix: '逐条写明改进措施（1.… 2.…）' },
  'ledger.measures.count': { severity: 'warning', title: '问题与改进措施的数目不一致', fix: '按问题逐条对应填写改进措施' },
  'ledger.problems.missing': { severity: 'warning', title: '填写了改进措施但没有问题', fix: '补填对应的问题' },
  'ledger.deadline.missing': { severity: 'error', title: '列出问题但没有完成时限', fix: '填写如 2023年7月31日，或“长期坚持”' },
  'ledger.deadline.count': { severity: 'warning', title: '完成时限既不是一个统一时限，也不是逐项对应', fix: '填写一个统一时限或逐项对应填写' },
  'ledger.deadline.overdue': { severity: 'warning', title: '完成时限已过，问题仍在台账上', fix: '核实是否已整改销号，未完成的说明原因并更新时限' },
  'ledger.carry.dropped': { severity: 'warning', title: '上月台账列出的问题本月未再列出', fix: '已整改的在批注中写明整改情况（对账销号），未整改的继续列入台账' },
  'ledger.carry.postponed': { severity: 'warning', title: '问题的完成时限比上月推迟', fix: '在批注中说明推迟的原因' },
});
