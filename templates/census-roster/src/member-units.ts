import { textKey } from '@tianbao/form';

/**
 * The member units the notice names (市政府办公室、市委宣传部、政法委、编办和
 * 市统计局、发展改革委、民政局、财政局、税务局、市场监督管理局), each with the
 * ways a post names it. A county's roster names its own offices (县统计局 …),
 * so the words are matched without the level. The government office is also
 * represented by its 副秘书长, as in the city's roster; the 示范区 by its 管委会.
 */
export const MEMBER_UNITS: { name: string; words: string[] }[] = [
  { name: '政府办公室', words: ['政府办公室', '政府办', '政府副秘书长', '政府秘书长', '管委会办公室', '党政办公室'] },
  { name: '宣传部', words: ['宣传部'] },
  { name: '政法委', words: ['政法委'] },
  { name: '编办', words: ['编办', '编委办', '机构编制委员会办公室'] },
  { name: '统计局', words: ['统计局'] },
  { name: '发展改革委', words: ['发展改革委', '发改委', '发展和改革委员会', '发展改革委员会', '发展和改革局', '发改局'] },
  { name: '民政局', words: ['民政局'] },
  { name: '财政局', words: ['财政局'] },
  { name: '税务局', words: ['税务局'] },
  { name: '市场监督管理局', words: ['市场监督管理局', '市场监管局'] },
];

/** The member units none of `posts` (单位及职务) names. */
export function missingMemberUnits(posts: readonly string[]): string[] {
  const keys = posts.map(textKey);
  return MEMBER_UNITS.filter((unit) => !keys.some((p) => unit.words.some((w) => p.includes(w)))).map((unit) => unit.name);
}
