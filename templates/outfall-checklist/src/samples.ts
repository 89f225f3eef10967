import { creditCheckChar, defaultUnits, type Unit } from '@tianbao/form';
import { basinOf } from './rivers.ts';
import type { Outfall, OutfallChecklist } from './schema.ts';

/** A small seeded generator, so the samples are the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where each unit lies, and the rivers its outfalls drain into (a few not on the main list). */
const PLACES: Record<string, { lng: number; lat: number; rivers: string[]; other?: string; towns: string[] }> = {
  解放区: { lng: 113.23, lat: 35.24, rivers: ['大沙河'], other: '群英河', towns: ['王褚街道', '上白作街道', '焦北街道'] },
  中站区: { lng: 113.17, lat: 35.24, rivers: ['大沙河'], other: '普济河', towns: ['龙洞街道', '许衡街道', '府城街道'] },
  马村区: { lng: 113.32, lat: 35.27, rivers: ['大沙河'], towns: ['待王街道', '安阳城街道', '演马街道'] },
  山阳区: { lng: 113.27, lat: 35.22, rivers: ['大沙河'], other: '山门河', towns: ['百间房街道', '新城街道', '定和街道'] },
  修武县: { lng: 113.45, lat: 35.23, rivers: ['大沙河', '共产主义渠'], towns: ['城关镇', '郇封镇', '周庄镇', '王屯乡'] },
  博爱县: { lng: 113.06, lat: 35.17, rivers: ['丹河', '沁河', '大沙河'], towns: ['清化镇街道', '柏山镇', '许良镇', '金城乡'] },
  武陟县: { lng: 113.4, lat: 35.1, rivers: ['沁河', '黄河', '共产主义渠', '人民胜利渠'], towns: ['木城街道', '詹店镇', '西陶镇', '大封镇'] },
  温县: { lng: 113.08, lat: 34.94, rivers: ['黄河', '沁河', '济河', '新蟒河'], towns: ['温泉街道', '祥云镇', '赵堡镇', '黄庄镇'] },
  沁阳市: { lng: 112.94, lat: 35.09, rivers: ['沁河', '丹河', '济河', '蟒河'], towns: ['覃怀街道', '紫陵镇', '西向镇', '王曲乡'] },
  孟州市: { lng: 112.79, lat: 34.91, rivers: ['黄河', '蟒河', '新蟒河', '滩区涝河'], towns: ['会昌街道', '化工镇', '南庄镇', '槐树乡'] },
  焦作市城乡一体化示范区: { lng: 113.3, lat: 35.17, rivers: ['大沙河'], towns: ['文昌街道', '苏家作乡', '阳庙镇'] },
};

/** Kinds of outfall with their share of the samples. */
const KINDS: [string, number][] = [
  ['工矿企业排污口', 24],
  ['工矿企业雨洪排口', 7],
  ['工业及其他各类园区污水处理厂排污口', 3],
  ['城镇污水处理厂排污口', 5],
  ['城镇雨洪排口', 12],
  ['城镇生活污水散排口', 10],
  ['农村生活污水散排口', 15],
  ['农村污水处理设施排污口', 4],
  ['规模化畜禽养殖排污口', 8],
  ['规模以下畜禽养殖排污口', 5],
  ['大中型灌区排口', 4],
  ['其他排口', 3],
];

const FIRM = ['丰源', '恒达', '中原', '太行', '怀府', '瑞丰', '金鼎', '鑫源', '华强', '宏达', '昇辉', '堃泰'];
const TRADE = ['化工', '造纸', '铝业', '食品', '制药', '纺织', '建材', '机械', '热电', '皮革'];
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function weighted(rnd: () => number): string {
  const total = KINDS.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [k, w] of KINDS) if ((x -= w) < 0) return k;
  return KINDS[0]![0];
}

/** A valid 统一社会信用代码: authority and kind (`91` a company, `11` an office), the division, an organisation code, the check. */
function creditCode(rnd: () => number, kind: '91' | '11', division: string): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += CREDIT_CHARS[Math.floor(rnd() * (i < 8 ? 10 : CREDIT_CHARS.length))];
  const first = kind + division + org;
  return first + creditCheckChar(first);
}

/** A unit's outfalls: progress varies between units, so the summary shows some below target. */
function outfallsOf(unit: Unit, index: number, count: number): Outfall[] {
  const rnd = random(index + 11);
  const place = PLACES[unit.name]!;
  const short = unit.name.replace('焦作市城乡一体化', '');
  const gov = unit.name.includes('示范区') ? '焦作市城乡一体化示范区管委会' : `${unit.name}人民政府`;
  const city = `${short}城市管理局`;
  // Units differ in how far they are: a couple trail the 80% tracing and 30% remediation targets.
  const traceRate = [0.92, 0.88, 0.74, 0.9, 0.86, 0.95, 0.83, 0.9, 0.78, 0.93, 0.87][index % 11]!;
  const doneRate = [0.45, 0.38, 0.25, 0.5, 0.36, 0.55, 0.41, 0.33, 0.22, 0.47, 0.4][index % 11]!;
  const out: Outfall[] = [];
  let firm: { owner: string; credit: string } | null = null;
  for (let k = 0; k < count; k++) {
    // A few drain into a smaller river that is not on the main list.
    const river = place.other && rnd() < 0.08 ? place.other : pick(rnd, place.rivers);
    const basin = basinOf(river) ?? '海河流域';
    const type = weighted(rnd);
    const town = pick(rnd, place.towns);
    const industrial = type.startsWith('工矿企业') || type === '工业及其他各类园区污水处理厂排污口';
    // Now and then a firm has a second outfall, which its discharge permit allows.
    const second = type === '工矿企业排污口' && firm !== null && rnd() < 0.15;
    if (industrial && !second)
      firm = { owner: `焦作市${pick(rnd, FIRM)}${pick(rnd, TRADE)}有限公司`, credit: creditCode(rnd, '91', unit.code) };
    const owners: Record<string, { owner: string; credit?: string }> = {
      城镇污水处理厂排污口: { owner: `${short}污水处理有限公司`, credit: creditCode(rnd, '91', unit.code) },
      城镇雨洪排口: { owner: city, credit: creditCode(rnd, '11', unit.code) },
      城镇生活污水散排口: { owner: city, credit: creditCode(rnd, '11', unit.code) },
      农村生活污水散排口: { owner: `${town}人民政府` },
      农村污水处理设施排污口: { owner: `${town}人民政府` },
      规模化畜禽养殖排污口: { owner: `${short}${pick(rnd, FIRM)}牧业有限公司`, credit: creditCode(rnd, '91', unit.code) },
      规模以下畜禽养殖排污口: { owner: `${town}养殖户` },
      大中型灌区排口: { owner: `${short}水利局`, credit: creditCode(rnd, '11', unit.code) },
      其他排口: { owner: `${town}人民政府` },
    };
    const x = rnd();
    const trace = x < traceRate ? '已溯源' : x < traceRate + (1 - traceRate) / 2 ? '无法溯源' : '未溯源';
    const who: { owner?: string; credit?: string } = trace === '未溯源' ? {} : trace === '无法溯源' ? { owner: gov } : industrial ? firm! : owners[type]!;
    const p = rnd();
    const protectedArea = p < 0.03 ? '饮用水水源保护区' : p < 0.05 && basin === '黄河流域' ? '自然保护地' : p < 0.06 ? '其他需要特殊保护区域' : '否';
    const m = rnd();
    const method =
      protectedArea !== '否'
        ? '取缔'
        : type.includes('生活污水散排口')
          ? m < 0.75
            ? '清理合并'
            : '规范整治'
          : type === '城镇雨洪排口'
            ? m < 0.6
              ? '规范整治'
              : '保留'
            : m < 0.55
              ? '规范整治'
              : m < 0.85
                ? '保留'
                : m < 0.95
                  ? '清理合并'
                  : '取缔';
    const d = rnd();
    const progress = method === '保留' ? undefined : d < doneRate ? '已完成' : d < doneRate + 0.4 ? '整治中' : '未启动';
    const deadline =
      method === '保留' ? undefined : progress === '已完成' ? pick(rnd, ['2023-09-30', '2023-11-30', '2023-12-31']) : pick(rnd, ['2024-06-30', '2024-09-30', '2024-12-31', '2025-06-30']);
    const no = String(k + 1).padStart(4, '0');
    const name = industrial ? `${who.owner ?? town}${second ? '2号' : ''}${type === '工矿企业雨洪排口' ? '雨水排口' : '排污口'}` : `${town}${river}${type.replace(/排污口|排口/, '')}排口`;
    out.push({
      code: `${unit.code}-${no}`,
      name: trace === '未溯源' ? `${town}${river}未明排口${no.slice(2)}` : name,
      county: unit.name,
      river,
      basin,
      type,
      lng: Math.round((place.lng + (rnd() - 0.5) * 0.08) * 1e4) / 1e4,
      lat: Math.round((place.lat + (rnd() - 0.5) * 0.06) * 1e4) / 1e4,
      ...(who.owner ? { owner: who.owner } : {}),
      ...(who.credit ? { credit: who.credit } : {}),
      protected: protectedArea as Outfall['protected'],
      trace,
      method,
      ...(progress ? { progress } : {}),
      ...(deadline ? { deadline } : {}),
      sign: progress === '已完成' || method === '保留' ? '是' : '否',
      ...(second ? { remark: '排污许可证载明设2个排放口' } : {}),
    } as Outfall);
  }
  return out;
}

const REPORTED = '2024-01-08';

/** Each unit's checklist (the past year's work, reported in early January), then the city's, which holds them all. */
export function samples(): OutfallChecklist[] {
  const byUnit: OutfallChecklist[] = defaultUnits.units.map((u, i) => ({
    unit: u.name,
    filler: `${u.name.replace('焦作市城乡一体化', '')}生态环境分局`,
    reportDate: REPORTED,
    outfalls: outfallsOf(u, i, 24 + ((i * 7) % 13)),
  }));
  return [...byUnit, { unit: defaultUnits.city.name, filler: '焦作市生态环境局', reportDate: REPORTED, outfalls: byUnit.flatMap((c) => c.outfalls) }];
}
