import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir, tianbao } from './run.ts';

// `tianbao extract` on rosters other programs wrote. A roster holds no date, so this runs in China's zone only;
// the corpus and the real files with dates are read in every zone (corpus.test.ts, real-files.test.ts), and extracted in corpus-extract.test.ts.
describe('tianbao extract of a roster', () => {
  it('prints libreoffice-merged-roster.xlsx of the corpus as expected', async () => {
    const r = await tianbao(['extract', join(FIXTURES, 'corpus', 'libreoffice-merged-roster.xlsx')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(FIXTURES, 'corpus', 'libreoffice-merged-roster.expected.json'), 'utf8'));
  });

  it('makes rows of one number one row: real-files/修武县经济普查领导小组名单-row-per-cell.xlsx', async () => {
    const out = join(tempDir(), 'data.json');
    const r = await tianbao(['extract', join(FIXTURES, 'real-files', '修武县经济普查领导小组名单-row-per-cell.xlsx'), '-o', out]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).members).toHaveLength(12);
  });
});
