import { printedName, type PrintBlock } from '@tianbao/form';
import type { Role } from './roles.ts';
import type { CensusRoster } from './schema.ts';

/** Roles as the roster prints them, spaced out to three characters so the colons line up. */
const PRINTED_ROLE: Record<Role, string> = { 组长: '组\u3000长：', 副组长: '副组长：', 成员: '成\u3000员：' };

/**
 * The gazette's roster: `组　长：路红卫　市委常委、常务副市长`, a role written
 * once for its group, names in a column, then the office sentence.
 */
export function printBlocks(data: CensusRoster): PrintBlock[] {
  const rows = data.members.map((m, i) => [
    i > 0 && data.members[i - 1]!.role === m.role ? '' : PRINTED_ROLE[m.role],
    printedName(m.name),
    m.post,
  ]);
  // A name column as wide as the longest name and a space, at least the gazette's five characters.
  const nameWidth = Math.max(5, ...rows.map((r) => [...r[1]!].length + 1));
  const director = data.members.find((m) => m.name === data.officeDirector);
  // The gazette's sentence, whole: the office's duties between where it sits and who heads it.
  const office =
    `领导小组办公室设在${data.officeUnit}，负责领导小组的日常工作，研究提出需领导小组决策的建议事项，督促落实领导小组议定事项，` +
    `加强与有关地区和部门的沟通协调，承办领导小组交办的其他事项，办公室主任由${director ? director.post : ''}${data.officeDirector}同志兼任。`;
  return [
    { kind: 'heading', text: '附件' },
    // The gazette's two lines; a long unit name breaks the first between its phrases.
    { kind: 'title', lines: [[data.unit, '第五次全国经济普查', '领导小组'], ['组成人员名单']] },
    { kind: 'lines', rows, widths: [4, nameWidth] },
    { kind: 'paragraph', text: office },
  ];
}
