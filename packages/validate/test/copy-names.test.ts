import { describe, expect, it } from 'vitest';
import { copyNames } from '../src/annotate.ts';

describe('copyNames', () => {
  it('names a copy after its input', () => {
    expect(copyNames(['/in/修武县台账.xlsx', '/in/温县台账.XLSX'], '/back')).toEqual(['修武县台账-批注.xlsx', '温县台账-批注.xlsx']);
  });

  it('never names a copy after an input, written into the inputs’ own folder', () => {
    const inputs = ['/d/X.xlsx', '/d/X-批注.xlsx', '/d/x-批注-2.xlsx'];
    expect(copyNames(inputs, '/d')).toEqual(['X-批注-3.xlsx', 'X-批注-批注.xlsx', 'x-批注-2-批注.xlsx']);
    // Elsewhere, the copies keep their names.
    expect(copyNames(inputs, '/back')).toEqual(['X-批注.xlsx', 'X-批注-批注.xlsx', 'x-批注-2-批注.xlsx']);
  });

  it('tells inputs of the same name apart by as many of their folders as it takes', () => {
    expect(copyNames(['/in/a/同名.xlsx', '/in/b/同名.xlsx', '/in/c/other.xlsx'], '/back')).toEqual(['a-同名-批注.xlsx', 'b-同名-批注.xlsx', 'other-批注.xlsx']);
    expect(copyNames(['/x/a/同名.xlsx', '/y/a/同名.xlsx', '/z/b/同名.xlsx'], '/back')).toEqual(['x-a-同名-批注.xlsx', 'y-a-同名-批注.xlsx', 'b-同名-批注.xlsx']);
    // Names that differ only in case are one name where case is ignored.
    expect(copyNames(['/in/a/Ledger.xlsx', '/in/b/ledger.xlsx'], '/back')).toEqual(['a-Ledger-批注.xlsx', 'b-ledger-批注.xlsx']);
  });

  it('numbers a copy whose name another copy has', () => {
    // a/同名.xlsx's copy would be a-同名-批注.xlsx, as is the copy of a-同名.xlsx, listed first.
    expect(copyNames(['/in/a-同名.xlsx', '/in/a/同名.xlsx', '/in/b/同名.xlsx'], '/back')).toEqual(['a-同名-批注.xlsx', 'a-同名-批注-2.xlsx', 'b-同名-批注.xlsx']);
    // Same folder, names differing only in case.
    expect(copyNames(['/in/A.xlsx', '/in/a.xlsx'], '/back')).toEqual(['A-批注.xlsx', 'a-批注-2.xlsx']);
  });

  it('gives one input listed twice one copy', () => {
    expect(copyNames(['/in/a.xlsx', '/in/a.xlsx'], '/back')).toEqual(['a-批注.xlsx', 'a-批注.xlsx']);
  });

  it('shortens a name too long for the file system, keeping it apart from the others', () => {
    const long = '长'.repeat(84); // 252 bytes, and .xlsx: the longest name ext4 takes
    const names = copyNames([`/in/${long}.xlsx`, `/in/${long}-批注.xlsx`], '/back');
    for (const name of names) expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(names[0]).toMatch(/^长+-批注\.xlsx$/);
    expect(new Set(names).size).toBe(2);
  });
});
