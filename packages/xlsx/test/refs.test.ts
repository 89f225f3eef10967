import { describe, expect, it } from 'vitest';
import { cellRef, columnLetter, columnNumber, MAX_COLUMN, MAX_ROW } from '../src/sheet/refs.ts';

describe('cell references', () => {
  it('turns every column number into its letters and back', () => {
    for (let n = 1; n <= MAX_COLUMN; n++) expect(columnNumber(columnLetter(n))).toBe(n);
    expect([columnLetter(1), columnLetter(26), columnLetter(27), columnLetter(28), columnLetter(MAX_COLUMN)]).toEqual(['A', 'Z', 'AA', 'AB', 'XFD']);
  });

  it('reads a reference inside a string, and stops past the last column or row', () => {
    expect({ ...cellRef('<c r="AB12" s="1">', 6) }).toEqual({ column: 28, row: 12 });
    expect(cellRef('XFE1').column).toBeGreaterThan(MAX_COLUMN);
    expect(cellRef(`A${'9'.repeat(100_000)}`).row).toBeGreaterThan(MAX_ROW);
    expect(cellRef('Z'.repeat(100_000)).column).toBeGreaterThan(MAX_COLUMN);
  });
});
