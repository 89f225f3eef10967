import { describe, expect, it } from 'vitest';
import { breakLine, leastWidth, measureTable, sizeColumns, textUnits, unitLines, type ColumnText, type MeasuredTable } from '../src/column-widths.ts';
import { freeLine, type Piece } from '../src/pieces.ts';

/** Lines a text takes at a width, `measure` giving widths in its unit. */
const textLines = (lines: Piece[][], width: number, measure: (text: string) => number) => unitLines(textUnits(lines, measure), width);

/** Widths as the embedded fonts give them, roughly: a Chinese character 1 em, Latin less, not a round number. */
const measure = (text: string) => [...text].reduce((s, c) => s + (c.charCodeAt(0) > 0x2e80 ? 1 : 0.553 + (c.charCodeAt(0) % 7) * 0.0131), 0);

/** A deterministic mixture of long runs of one character and short mixed text. */
function line(seed: number): Piece[] {
  const pieces: Piece[] = [];
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < 6; i++) {
    const kind = next() % 4;
    if (kind === 0) pieces.push({ text: '受'.repeat(next() % 3000), whole: false });
    else if (kind === 1) pieces.push({ text: 'a'.repeat(next() % 200), whole: false });
    else if (kind === 2) pieces.push({ text: `91410800MA${next() % 100000}X`, whole: true });
    else pieces.push({ text: '整改，“落实”。'.repeat(next() % 20), whole: false });
  }
  return pieces;
}

describe('counting the lines of a cell', () => {
  it('counts as many lines as breaking it one unit at a time gives, long runs of one character included', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const pieces = line(seed);
      for (const width of [0.4, 1, 3.7, 9.5, 20, 41.3]) expect(textLines([pieces], width, measure)).toBe(breakLine(pieces, width, measure).length || 1);
    }
  });

  it('counts the lines of units measured in em at a size as of units measured at that size', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const pieces = line(seed);
      const units = textUnits([pieces], measure);
      for (const size of [5.5, 9.25, 10.5, 12, 22])
        for (const width of [7, 30.3, 111.1, 420.7]) expect(unitLines(units, width, size)).toBe(textLines([pieces], width, (t) => measure(t) * size));
    }
  });
});

/** A random cell: empty, a short word, or lines of Chinese with punctuation, codes and dates, some long. */
function cell(next: () => number): Piece[][] {
  const kind = next() % 5;
  if (kind === 0) return [];
  if (kind === 1) return [[{ text: ['已完成', '长期坚持', '2023年7月31日', '410802-0001'][next() % 4]!, whole: true }]];
  return Array.from({ length: 1 + (next() % 4) }, () => {
    const pieces: Piece[] = [];
    for (let i = next() % 5; i >= 0; i--) {
      if (next() % 3 === 0) pieces.push({ text: `${next() % 2 === 0 ? '第' : ''}${next() % 1000}日`, whole: true });
      else pieces.push({ text: '整改落实情况（台账）：受理审查，“逐项回应”。'.slice(next() % 20, 20 + (next() % 40)).repeat(1 + (next() % 3)), whole: false });
    }
    return pieces;
  });
}

/** `sizeColumns` as first written: every step's scores found anew from the lines of every widening of every column. */
function sizeColumnsPlainly(columns: ColumnText[], table: MeasuredTable, available: number, known: Map<string, number[]>) {
  const bold = (t: string) => measure(t) * 1.07;
  // `known`: the lines found, by column and width, only to keep the test quick.
  const linesOf = (c: number, width: number) => {
    const key = `${c} ${width}`;
    if (!known.has(key)) known.set(key, [textLines(columns[c]!.header, width, bold), ...columns[c]!.cells.map((cell) => textLines(cell, width, measure))]);
    return known.get(key)!;
  };
  const total = leastWidth(table);
  const sizing = (widths: number[]) => {
    const all = widths.map((w, c) => linesOf(c, w));
    return { widths, lines: columns[0]!.cells.map((_, r) => all.map((col) => col[r + 1]!)), header: Math.max(...all.map((col) => col[0]!)) };
  };
  if (total >= available) return sizing(table.minimum.map((w) => (w * available) / total));
  const widths = [...table.minimum];
  const ahead = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40];
  let left = available - total;
  while (left >= 0.5) {
    const lines = widths.map((w, c) => linesOf(c, w));
    const top = lines[0]!.map((_, r) => Math.max(...lines.map((col) => col[r]!)));
    let best = { score: 0, column: -1, k: 0 };
    for (let c = 0; c < columns.length; c++) {
      if (widths[c]! >= table.most[c]!) continue;
      const others = top.map((_, r) => Math.max(0, ...lines.filter((_, o) => o !== c).map((col) => col[r]!)));
      for (const k of ahead.filter((k) => k * 0.5 <= left)) {
        const next = linesOf(c, widths[c]! + k * 0.5);
        let [over, height, own] = [0, 0, 0];
        top.forEach((top, r) => {
          const after = Math.max(next[r]!, others[r]!);
          over += Math.max(0, top - 4) - Math.max(0, after - 4);
          height += top - after;
          own += lines[c]![r]! - next[r]!;
        });
        const score = (over * 1e12 + height * 1e6 + own) / k;
        if (score > best.score) best = { score, column: c, k };
      }
    }
    if (best.column < 0) break;
    widths[best.column] = widths[best.column]! + best.k * 0.5;
    left -= best.k * 0.5;
  }
  const sum = widths.reduce((s, w) => s + w, 0);
  return sizing(widths.map((w) => w + (left * w) / sum));
}

describe('sizing the columns of a table', () => {
  it('gives the widths and lines of finding every step anew, at every width a table is sized to, in any order', () => {
    let s = 7;
    const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31);
    for (let t = 0; t < 80; t++) {
      const rows = 1 + (next() % 8);
      const columns: ColumnText[] = Array.from({ length: 1 + (next() % 6) }, () => ({
        header: [freeLine(['项目', '存在问题', '完成时限', '整治进度（%）', '备注'][next() % 5]!)],
        cells: Array.from({ length: rows }, () => cell(next)),
      }));
      const table = measureTable(columns, (text, bold) => measure(text) * (bold ? 1.07 : 1));
      const known = new Map<string, number[]>();
      // Some widths with room for every widening, some without, some short of the minimums; some twice.
      for (let i = 0; i < 8; i++) {
        const available = leastWidth(table) - 3 + (next() % 1300) / 17;
        expect(sizeColumns(table, available)).toEqual(sizeColumnsPlainly(columns, table, available, known));
      }
    }
  }, 60_000);
});
