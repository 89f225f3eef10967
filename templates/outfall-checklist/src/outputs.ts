import type { OutputContext, PrintBlock, SheetSpec } from '@tianbao/form';
import { MAIN_RIVERS, RIVER_LIST_NOTE } from './rivers.ts';
import type { OutfallChecklist } from './schema.ts';
import { summaryChart, summaryNotes, summaryTable, summaryTitle } from './summary.ts';

/** The gazette's river list, as its own sheet. */
function riverSheet(ctx: OutputContext): SheetSpec {
  return {
    name: '主要河流清单',
    title: `${ctx.units.city.name}主要河流清单`,
    table: {
      columns: [
        { header: '流域', width: 14 },
        { header: '主要河流', width: 60 },
      ],
      rows: MAIN_RIVERS.map((b) => [b.basin, b.rivers.join('、')]),
    },
    notes: [RIVER_LIST_NOTE],
  };
}

/** The river list always; the progress summary when the checklist is filled. */
export function sheets(data: OutfallChecklist | null, ctx: OutputContext): SheetSpec[] {
  if (!data) return [riverSheet(ctx)];
  return [
    riverSheet(ctx),
    { name: '整治进度汇总', title: summaryTitle(data, ctx.asOf), table: summaryTable(data, ctx), notes: summaryNotes(ctx.asOf) },
  ];
}

/** The checklist, then on a new page the progress summary with its chart. */
export function printBlocks(data: OutfallChecklist, ctx: OutputContext): PrintBlock[] {
  return [
    { kind: 'form' },
    { kind: 'pageBreak' },
    { kind: 'heading', text: summaryTitle(data, ctx.asOf) },
    { kind: 'table', table: summaryTable(data, ctx) },
    ...summaryNotes(ctx.asOf).map((text): PrintBlock => ({ kind: 'paragraph', text })),
    { kind: 'bars', chart: summaryChart(data, ctx), caption: '各单位溯源率、整治率' },
  ];
}
