import { describe, expect, it } from 'vitest';
import { breakLine, textLines } from '../src/column-widths.ts';
import type { Piece } from '../src/pieces.ts';

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
});
