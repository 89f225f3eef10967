import { defineRules, printedName, textKey, type Finding, type RuleContext } from '@tianbao/form';
import { missingMemberUnits } from './member-units.ts';
import type { CensusRoster } from './schema.ts';

/** The roster's own rules (its cells' and every form's come from its layout). */
export const catalogue = defineRules({
  'roster.leader.count': { severity: 'error', title: '没有组长，或组长不止一位', fix: '填写一位组长，其余改为副组长' },
  'roster.deputy.missing': { severity: 'error', title: '没有副组长', fix: '至少填写一位副组长' },
  'roster.name.duplicate': { severity: 'error', title: '同一人在名单中出现两次', fix: '删去重复的一行' },
  'roster.director.member': { severity: 'error', title: '办公室主任不在领导小组名单中', fix: '核对姓名，或把其补入名单' },
  'roster.office.bureau': { severity: 'warning', title: '领导小组办公室不在统计局', fix: '核实办公室所在单位' },
  'roster.unit.missing': { severity: 'warning', title: '通知列明的成员单位没有人员', fix: '核实是否漏报' },
});
const { error, warning } = catalogue;

/** What the notice implies: one 组长, deputies, nobody twice, the office in the statistics bureau, every member unit. */
export function rules(data: CensusRoster, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const { members } = data;
  const leaders = members.flatMap((m, i) => (m.role === '组长' ? [i] : []));
  // What the roster lacks is judged only on a whole list (see RuleContext.partial).
  const whole = !ctx.partial;
  if (leaders.length === 0 && whole)
    out.push(error('roster.leader.count', '名单中没有组长。领导小组组长由政府分管领导担任，请在第一行填写组长', ['members', 0, 'role']));
  for (const i of leaders.slice(1))
    out.push(
      error('roster.leader.count', `名单中有${leaders.length}位组长（${leaders.map((k) => members[k]!.name).join('、')}），组长只能有一位，其余请改为副组长`, ['members', i, 'role']),
    );
  if (!members.some((m) => m.role === '副组长') && whole)
    out.push(error('roster.deputy.missing', '名单中没有副组长，请至少填写一位副组长', ['members', leaders[0] ?? 0, 'role']));

  const seen = new Map<string, number>();
  members.forEach((m, i) => {
    const first = seen.get(m.name);
    if (first === undefined) seen.set(m.name, i);
    else out.push(error('roster.name.duplicate', `${printedName(m.name)}在名单中出现两次（第${first + 1}位和第${i + 1}位），每人只列一次，请删去重复的一行`, ['members', i, 'name']));
  });

  if (!seen.has(data.officeDirector) && whole)
    out.push(
      error('roster.director.member', `办公室主任${data.officeDirector}不在领导小组名单中。办公室主任应由领导小组成员兼任，请核对姓名或把其补入名单`, ['officeDirector']),
    );
  if (!textKey(data.officeUnit).includes('统计局'))
    out.push(warning('roster.office.bureau', `领导小组办公室设在“${data.officeUnit}”。通知要求办公室设在统计局，请核实`, ['officeUnit']));

  for (const unit of whole ? missingMemberUnits(members.map((m) => m.post)) : [])
    out.push(warning('roster.unit.missing', `名单中没有${unit}的人员。通知列明${unit}为成员单位，请核实是否漏报`, ['members']));
  return out;
}
