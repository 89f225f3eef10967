import { creditCheckChar, defaultUnits, type Size } from '@tianbao/form';
import type { Contact, FireSafetyContacts } from './schema.ts';
import { required, type Category } from './staffing.ts';

/** An organisation of a sample: kind of registration (`12` an institution, `91` a company, `52` a social service body), and its posts in order. */
interface OrgSample {
  name: string;
  kind: '12' | '52' | '91';
  category: Category;
  size: Size;
  posts: string[];
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾田董潘袁蔡蒋余杜程魏苏吕丁沈姚卢崔钟';
const GIVEN = ['建国', '海燕', '志强', '丽娟', '卫东', '红梅', '国庆', '新民', '秀英', '振华', '文博', '永生', '俊杰', '静', '涛', '亚军', '利民', '雪芳', '明', '勇', '春华', '德胜', '晓燕', '磊'];
const POSTS = ['消防安全管理人', '保卫科科长', '安全员', '后勤主任', '值班经理'];

/** Each unit's organisations: every category, sizes on both sides of 第七条's thresholds. */
function orgsOf(unit: string): OrgSample[] {
  const short = unit.replace(/(县|区|市)$/, '');
  return [
    { name: `${unit}人民医院`, kind: '12', category: '医院', size: '二级甲等', posts: ['保卫科科长', '后勤副院长'] },
    { name: `${unit}中医院`, kind: '12', category: '医院', size: '二级乙等', posts: ['总务科科长'] },
    { name: `${unit}第一高级中学`, kind: '12', category: '学校', size: 3260, posts: ['副校长', '保卫处主任'] },
    { name: `${unit}实验小学`, kind: '12', category: '学校', size: 980, posts: ['安全办主任'] },
    { name: `${short}新天地购物中心`, kind: '91', category: '公众聚集场所', size: 12500, posts: ['消防安全管理人', '工程部经理', '安保主管', '值班经理'] },
    { name: `${short}大剧院`, kind: '12', category: '公众聚集场所', size: 4200, posts: ['办公室主任', '安全员'] },
    { name: `${unit}社会福利院`, kind: '12', category: '福利院', size: 86, posts: ['院长'] },
    { name: `${unit}颐康养老院`, kind: '52', category: '养老院', size: 160, posts: ['院长', '护理部主任'] },
    { name: `${short}城关镇日间照料中心`, kind: '52', category: '日间照料中心', size: 45, posts: ['负责人'] },
    { name: `焦作${short}纺织有限公司`, kind: '91', category: '劳动密集型企业', size: 1260, posts: ['安全科科长', '生产部经理', '车间主任'] },
  ];
}

/** A unit's report: each organisation with the persons 第七条 asks of it, its details on its first row only, as a clerk fills it. */
function report(unitIndex: number, reportDate: string, filler: string): FireSafetyContacts {
  const unit = defaultUnits.units[unitIndex]!;
  const people: Contact[] = [];
  let k = unitIndex * 11;
  const nextName = () => SURNAMES[(k * 7) % SURNAMES.length]! + GIVEN[(k++ * 5 + unitIndex) % GIVEN.length]!;
  orgsOf(unit.name).forEach((o, j) => {
    const serial = String(100_000_000 + unitIndex * 1000 + j * 37).slice(1);
    const first = `${o.kind}${unit.code}${serial}${'ABCDEFGHJ'[j % 9]}`;
    const credit = `${first}${creditCheckChar(first)}`;
    const day = String(5 + (j % 10)).padStart(2, '0');
    const count = Math.max(required(o.category, o.size).count, o.posts.length);
    for (let n = 0; n < count; n++) {
      // Every other person gives a desk line with the area code, the rest a mobile.
      const phone = n % 2 ? `0391-${7_100_000 + unitIndex * 10_000 + j * 100 + n}` : `1${[3, 5, 8][n % 3]}${String(900_000_000 - k * 7919 - unitIndex).padStart(9, '0')}`;
      people.push({
        org: o.name,
        ...(n === 0 ? { credit, category: o.category, size: o.size } : {}),
        name: nextName(),
        post: o.posts[n] ?? POSTS[n % POSTS.length]!,
        phone,
        date: `${reportDate.slice(0, 8)}${day}`,
      });
    }
  });
  return { unit: unit.name, filler, reportDate, people };
}

/** Three counties' reports, made by their fire brigades and checked on their 填报日期. */
export const samples = (): FireSafetyContacts[] => [
  report(4, '2023-06-20', '修武县消防救援大队'),
  report(6, '2023-06-21', '武陟县消防救援大队'),
  report(0, '2023-06-19', '解放区消防救援大队'),
];
