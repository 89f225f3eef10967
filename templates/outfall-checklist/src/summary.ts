import { formatDateCn, type BarChart, type OutputContext, type Table } from '@tianbao/form';
import { basinOf } from './rivers.ts';
import type { Outfall, OutfallChecklist } from './schema.ts';

/** 工作目标: by each date, the share traced (溯源) and remediated (整治) over the main rivers. */
export const TARGETS = [
  { by: '2023-12-31', traced: 0.8, remediated: 0.3 },
  { by: '2024-12-31', traced: 0.8, remediated: 0.7 },
  // 基本完成 (essentially all), taken as 95%.
  { by: '2025-12-31', traced: 0.8, remediated: 0.95 },
] as const;

export type Target = (typeof TARGETS)[number];

/** The target in force on a day: the last one whose date has come; none before the first. */
export const targetOn = (asOf: string): Target | undefined => TARGETS.filter((t) => t.by <= asOf).at(-1);

export interface Progress {
  unit: string;
  surveyed: number;
  traced: number;
  /** Outfalls that need remediation: all but those kept (保留). */
  toRemediate: number;
  remediated: number;
}

/** A share; none (null) of nothing: 0 of 0 is no rate at all, not 100%. */
const ratio = (n: number, of: number) => (of === 0 ? null : n / of);
/** How a table shows a share of nothing. */
const NO_RATE = '—';

function count(unit: string, outfalls: Outfall[]): Progress {
  const toFix = outfalls.filter((o) => o.method !== '保留');
  return {
    unit,
    surveyed: outfalls.length,
    traced: outfalls.filter((o) => o.trace === '已溯源').length,
    toRemediate: toFix.length,
    remediated: toFix.filter((o) => o.progress === '已完成').length,
  };
}

/** Per unit (in the unit list's order) and in total, over outfalls on the main rivers. */
export function progressByUnit(data: OutfallChecklist, ctx: OutputContext): Progress[] {
  const main = data.outfalls.filter((o) => basinOf(o.river));
  const order = [ctx.units.city.name, ...ctx.units.units.map((u) => u.name)];
  const units = [...new Set(main.map((o) => o.county))].sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
  const rows = units.map((u) => count(u, main.filter((o) => o.county === u)));
  // The city's list always has its 全市 row, whatever its units; a unit's of one county, none.
  const city = data.unit === ctx.units.city.name;
  return units.length === 1 && !city ? rows : [...rows, count(city ? '全市' : '合计', main)];
}

const rank = (order: string[], name: string) => (order.includes(name) ? order.indexOf(name) : order.length);

const COLUMNS: Table['columns'] = [
  { header: '单位', width: 22 },
  { header: '排查数', width: 9 },
  { header: '已溯源', width: 9 },
  { header: '溯源率', width: 10, percent: true },
  { header: '需整治', width: 9 },
  { header: '已整治', width: 9 },
  { header: '整治率', width: 10, percent: true },
  { header: '溯源目标', width: 10, percent: true },
  { header: '整治目标', width: 10, percent: true },
];

export const summaryTitle = (data: OutfallChecklist, asOf: string) => `${data.unit}入河排污口排查整治进度汇总（截至${formatDateCn(asOf)}）`;

/** The summary table: rates below the target in force are marked. */
export function summaryTable(data: OutfallChecklist, ctx: OutputContext): Table {
  const target = targetOn(ctx.asOf);
  const progress = progressByUnit(data, ctx);
  const marks: Table['marks'] = [];
  const rows = progress.map((p, r) => {
    const traced = ratio(p.traced, p.surveyed);
    const remediated = ratio(p.remediated, p.toRemediate);
    if (target && traced !== null && traced < target.traced) marks.push({ row: r, column: 3, severity: 'error' });
    if (target && remediated !== null && remediated < target.remediated) marks.push({ row: r, column: 6, severity: 'error' });
    return [p.unit, p.surveyed, p.traced, traced ?? NO_RATE, p.toRemediate, p.remediated, remediated ?? NO_RATE, target?.traced ?? null, target?.remediated ?? null];
  });
  return { columns: COLUMNS, rows, marks };
}

export function summaryNotes(asOf: string): string[] {
  const target = targetOn(asOf);
  const next = TARGETS.find((t) => t.by > asOf);
  return [
    '注：1.只统计受纳水体在主要河流清单内的排污口；溯源率 = 已溯源 ÷ 排查数（无法溯源的不计入已溯源）；整治率 = 整治进度为已完成的 ÷ 需整治（整治方式不是“保留”的）；没有可计的（排查数或需整治为 0）记为“—”。',
    target
      ? `2.${formatDateCn(target.by)}目标：溯源 ${target.traced * 100}%，整治 ${target.remediated * 100}%；低于目标的比率以红色标出。`
      : `2.${formatDateCn(asOf)}尚无到期目标${next ? `；下一目标为${formatDateCn(next.by)}前溯源 ${next.traced * 100}%、整治 ${next.remediated * 100}%` : ''}。`,
    '3.2025年底前基本完成整治任务，按95%计。',
  ];
}

/** A unit's shortest name, so a chart's labels stay on one line (`示范区`). */
function shortName(name: string, ctx: OutputContext): string {
  const unit = ctx.units.units.find((u) => u.name === name);
  return [name, ...(unit?.aliases ?? [])].reduce((a, b) => (b.length < a.length ? b : a));
}

/** Traced and remediated shares per unit, with the targets in force as lines. */
export function summaryChart(data: OutfallChecklist, ctx: OutputContext): BarChart {
  const target = targetOn(ctx.asOf);
  const progress = progressByUnit(data, ctx);
  return {
    categories: progress.map((p) => shortName(p.unit, ctx)),
    series: [
      // A share of nothing draws no bar.
      { name: '溯源率', values: progress.map((p) => ratio(p.traced, p.surveyed) ?? 0), target: target?.traced },
      { name: '整治率', values: progress.map((p) => ratio(p.remediated, p.toRemediate) ?? 0), target: target?.remediated },
    ],
  };
}
