import type { BarChart } from '@tianbao/form';
import type { CanvasElement, Content } from 'pdfmake/interfaces.js';

const COLOURS = ['#2f5597', '#c55a11', '#548235', '#7030a0'];
const HEIGHT = 180;
const AXIS = 30;
const LABEL_SIZE = 8;

/**
 * Grouped bars as vector graphics: one group per category, a bar per series,
 * fractions from 0 to 100%, each series' target as a dashed line in its colour.
 */
export function barsBlock(chart: BarChart, caption: string, width: number): Content {
  const plot = width - AXIS;
  const group = plot / Math.max(1, chart.categories.length);
  // A bar no wider than 36 pt, however few the units; the group centred in its slot.
  const bar = Math.min(36, (group * 0.7) / Math.max(1, chart.series.length));
  const inset = (group - bar * chart.series.length) / 2;
  const y = (f: number) => HEIGHT - Math.max(0, Math.min(1, f)) * HEIGHT;
  const shapes: CanvasElement[] = [];
  for (const t of [0, 0.25, 0.5, 0.75, 1])
    shapes.push({ type: 'line', x1: AXIS, y1: y(t), x2: width, y2: y(t), lineWidth: t === 0 ? 0.8 : 0.3, lineColor: t === 0 ? '#000' : '#bbb' });
  chart.series.forEach((s, k) => {
    s.values.forEach((v, c) => {
      const x = AXIS + c * group + inset + k * bar;
      shapes.push({ type: 'rect', x, y: y(v), w: bar * 0.92, h: HEIGHT - y(v), color: COLOURS[k % COLOURS.length] });
    });
    if (s.target !== undefined)
      shapes.push({ type: 'line', x1: AXIS, y1: y(s.target), x2: width, y2: y(s.target), lineWidth: 1.2, dash: { length: 4, space: 3 }, lineColor: COLOURS[k % COLOURS.length] });
  });
  const ticks: Content[] = [0, 0.25, 0.5, 0.75, 1].map((t) => ({
    text: `${t * 100}%`,
    fontSize: LABEL_SIZE,
    lineHeight: 1,
    relativePosition: { x: 0, y: y(t) - LABEL_SIZE / 2 },
  }));
  const legend = chart.series
    .map((s, k) => `■ ${s.name}${s.target !== undefined ? `（虚线：目标 ${Math.round(s.target * 100)}%）` : ''}`)
    .map((text, k): Content => ({ text, color: COLOURS[k % COLOURS.length], fontSize: 9, width: 'auto', margin: [0, 0, 16, 0] }) as Content);
  return {
    unbreakable: true,
    stack: [
      { text: caption, bold: true, margin: [0, 0, 0, 6] },
      { stack: [...ticks, { canvas: shapes }] },
      {
        columns: [{ text: '', width: AXIS } as Content, ...chart.categories.map((c) => ({ text: c, width: group, fontSize: LABEL_SIZE, alignment: 'center' }) as Content)],
        columnGap: 0,
        margin: [0, 3, 0, 6],
      },
      legend,
    ],
  };
}
