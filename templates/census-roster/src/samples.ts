import { defaultUnits } from '@tianbao/form';
import type { CensusRoster, Member } from './schema.ts';

/** The city's roster exactly as 焦政〔2023〕9号 prints it. */
const city: CensusRoster = {
  unit: '焦作市',
  members: [
    { role: '组长', name: '路红卫', post: '市委常委、常务副市长' },
    { role: '副组长', name: '刘文忠', post: '市政府副秘书长' },
    { role: '副组长', name: '靳莲', post: '市统计局局长' },
    { role: '副组长', name: '李备战', post: '市委宣传部常务副部长' },
    { role: '成员', name: '刘祖国', post: '市委政法委副书记' },
    { role: '成员', name: '郭利', post: '市委编办副主任' },
    { role: '成员', name: '景国红', post: '市发展改革委副主任' },
    { role: '成员', name: '徐明安', post: '市民政局副局长' },
    { role: '成员', name: '温红霞', post: '市财政局二级调研员' },
    { role: '成员', name: '冯刚', post: '市市场监督管理局副局长' },
    { role: '成员', name: '王亚平', post: '市税务局副局长' },
    { role: '成员', name: '田亮', post: '市统计局副局长' },
  ],
  officeUnit: '市统计局',
  officeDirector: '靳莲',
};

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
// Some given names use rare characters (堃 喆 㛃 昇 玥 珺 赟 頔), which every output must keep.
const GIVEN = ['建国', '海燕', '志强', '丽娟', '堃', '喆', '晓㛃', '卫东', '红梅', '国庆', '昇', '玥', '新民', '秀英', '振华', '珺', '文博', '赟', '頔', '永生', '俊杰', '静', '涛', '亚军', '利民', '雪芳', '明', '勇', '春华', '德胜'];

/** A different name for each person of each unit, two to four characters. */
function namer(seed: number): () => string {
  const used = new Set<string>();
  let k = seed * 7;
  return () => {
    for (;;) {
      const name = SURNAMES[(k * 13) % SURNAMES.length]! + GIVEN[(k * 5 + seed) % GIVEN.length]!;
      k++;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}

/** A county's roster: the same group as the city's, with its own offices, some in their common short forms. */
function countyRoster(unit: string, index: number): CensusRoster {
  const next = namer(index + 1);
  const level = unit.endsWith('县') ? '县' : unit.endsWith('区') && !unit.includes('示范区') ? '区' : unit.endsWith('市') ? '市' : '示范区';
  const zone = level === '示范区';
  const party = zone ? '示范区党工委' : `${level}委`;
  const gov = zone ? '示范区管委会' : `${level}政府`;
  const p = zone ? '示范区' : level;
  const head = level === '县' ? '县长' : level === '区' ? '区长' : '市长';
  const statHead = next();
  const m = (role: Member['role'], post: string, name = next()): Member => ({ role, name, post });
  const members: Member[] = [
    m('组长', zone ? '示范区党工委委员、管委会副主任' : `${party}常委、常务副${head}`),
    m('副组长', zone ? '示范区管委会办公室主任' : `${gov}办公室主任`),
    m('副组长', `${p}统计局局长`, statHead),
    m('副组长', `${party}宣传部副部长`),
    m('成员', `${party}政法委副书记`),
    m('成员', `${party}编办副主任`),
    // Counties write these offices in full or short, as the notice says they do.
    m('成员', index % 2 ? `${p}发改委副主任` : `${p}发展和改革委员会副主任`),
    m('成员', `${p}民政局副局长`),
    m('成员', `${p}财政局副局长`),
    m('成员', index % 3 ? `${p}市场监管局副局长` : `${p}市场监督管理局副局长`),
    m('成员', `${p}税务局副局长`),
    m('成员', `${p}统计局副局长`),
  ];
  return { unit, members, officeUnit: `${p}统计局`, officeDirector: statHead };
}

/** The city's roster, then one for each unit of the default list. */
export const samples = (): CensusRoster[] => [city, ...defaultUnits.units.map((u, i) => countyRoster(u.name, i))];
