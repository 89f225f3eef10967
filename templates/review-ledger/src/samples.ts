import { defaultUnits } from '@tianbao/form';
import type { ReviewLedger } from './schema.ts';

/** Typical findings of the 2023 campaign, shared out among the units of the demo. */
const POOL = {
  acceptance: [
    ['补正通知未一次性告知需补正材料，申请人王堃往返三次', '制定补正材料清单，补正通知一次性列明全部事项', '2023-07-31'],
    ['个别案件受理审查超过5日法定期限', '建立受理审查台账，专人跟踪受理期限', '长期坚持'],
  ],
  hearing: [
    ['部分案件未听取申请人意见即作出决定', '对重大疑难案件一律听取意见，必要时组织听证', '2023-08-31'],
    ['证据核查不严格，对被申请人补充证据未组织质证', '规范证据交换和质证程序，印发审理工作指引', '2023-09-30'],
    ['2起案件超期审理', '实行审限预警，到期前10日提醒承办人', '持续推进'],
  ],
  drafting: [
    ['决定书说理不充分，对申请人李喆提出的主张未逐项回应', '推行决定书说理“逐项回应”，建立文书集体审核制度', '2023-08-31'],
    ['文书格式不统一，引用法条不规范', '统一文书模板，开展文书评查', '2023-07-31'],
  ],
  enforcement: [
    ['对责令履行的决定未跟踪履行情况', '建立履行情况回访制度，30日内回访', '2023-09-30'],
  ],
  special: [
    ['败诉案件原因分析不深入', '逐案召开败诉案件分析会，形成分析报告', '2023-10-31'],
    ['征求意见覆盖面不广，仅向法院征求意见', '向人大代表、政协委员及群众代表书面征求意见，设立意见箱，如张㛃等代表所提建议逐条办理', '2023-11-30'],
  ],
} as const;

type Key = keyof typeof POOL;

function ledgerFor(unit: string, index: number): ReviewLedger {
  const rows = {} as ReviewLedger['rows'];
  for (const [k, pool] of Object.entries(POOL) as [Key, (typeof POOL)[Key]][]) {
    // Each unit reports a different slice, so the demo shows one, several and no items.
    const picked = pool.filter((_, i) => (index + i + k.length) % 3 !== 0);
    rows[k] = {
      problems: picked.map((p) => p[0]),
      measures: picked.map((p) => p[1]),
      deadlines: picked.length > 0 && index % 2 === 0 ? [picked[0]![2]] : picked.map((p) => p[2]),
    };
  }
  return { unit, period: '2023-06', filler: `${unit}司法局`, reportDate: '2023-06-26', rows };
}

/** One June 2023 ledger for every unit of the default list. */
export const samples = (): ReviewLedger[] => defaultUnits.units.map((u, i) => ledgerFor(u.name, i));
