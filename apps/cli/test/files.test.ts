import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandInputs, receivedFiles } from '../src/files.ts';

/** A folder holding `names`, each an empty file. */
function folder(names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tianbao-files-'));
  for (const name of names) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), '');
  }
  return dir;
}
const names = (dir: string, files: string[]) => files.map((f) => f.slice(dir.length + 1)).sort();

describe('the files a folder holds', () => {
  it('gives validate its workbooks, never lock files or hidden files', () => {
    const dir = folder(['修武县.xlsx', '温县.pdf', '~$修武县.xlsx', '.DS_Store', 'sub/孟州市.XLSX']);
    expect(names(dir, expandInputs([dir]))).toEqual(['sub/孟州市.XLSX', '修武县.xlsx'].sort());
  });

  it('gives status every file received, but not a workbook’s print beside it', () => {
    const dir = folder(['修武县.xlsx', '修武县.pdf', '温县.pdf', '孟州市.xls', '~$修武县.xlsx', 'sub/修武县.pdf']);
    // 温县 sent a PDF instead, 孟州市 an old .xls: received; 修武县's PDF is its workbook's print; the one in sub/ stands alone.
    expect(names(dir, receivedFiles([dir]))).toEqual(['sub/修武县.pdf', '孟州市.xls', '修武县.xlsx', '温县.pdf'].sort());
  });
});
