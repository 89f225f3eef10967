import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import reviewLedger from '@tianbao/template-review-ledger';
import { describe, expect, it } from 'vitest';
import { removeStaleTemps } from '../src/atomic.ts';
import { locateForm, openWorkbook, readWorkbook, writeFileAtomic, writeWorkbook } from '../src/index.ts';

const sample = reviewLedger.samples[0]!;

describe('reader details', () => {
  it('reports meta, the blank info line, and the protection options', async () => {
    const blank = await writeWorkbook(reviewLedger, null);
    const wb = await readWorkbook(blank);
    const ws = wb.getWorksheet('问题台账')!;
    expect(ws.getCell('A2').text).toBe('填报单位：　　　　　　填报日期：　　年　月　日');
    expect(ws.getCell('A2').isMerged && ws.getCell('E2').master.address).toBe('A2');
    expect(ws.pageSetup.horizontalCentered).toBe(true);
    expect((ws as any).sheetProtection).toMatchObject({ sheet: true, formatRows: true, formatColumns: true });
    expect((ws as any).sheetProtection.insertRows).toBeUndefined();
    const loc = (await locateForm(await openWorkbook(blank), reviewLedger))!;
    expect(loc.meta).toEqual({ template: 'review-ledger', version: reviewLedger.version });
    expect(loc.info?.text).toContain('填报单位');
    expect(loc.rows.every((r) => r.row !== null && r.fixedMatches)).toBe(true);
    expect(Object.values(loc.rows[0]!.values!).slice(2)).toEqual([null, null, null]);
  });

  it('notices rows moved out of order or deleted', async () => {
    const wb = await readWorkbook(await writeWorkbook(reviewLedger, sample));
    const ws = wb.getWorksheet('问题台账')!;
    // Swap the texts of rows 5 and 6; overwrite row 8's fixed texts so it is lost.
    const b5 = ws.getCell('B5').value;
    ws.getCell('B5').value = ws.getCell('B6').value;
    ws.getCell('B6').value = b5;
    ws.getCell('A8').value = '其他';
    ws.getCell('B8').value = '其他';
    const loc = (await locateForm(await openWorkbook(Buffer.from(await wb.xlsx.writeBuffer())), reviewLedger))!;
    expect(loc.rows.map((r) => r.row)).toEqual([4, 6, 5, 7, null]);
    expect(loc.outOfOrder).toBe(true);
    expect(loc.missing).toEqual(['special']);
    expect(loc.meta).toMatchObject({ period: '2023-06', unit: sample.unit });
  });

  it('writes files atomically, leaving no temp file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xlsx-'));
    const file = join(dir, 'out.xlsx');
    const buf = await writeWorkbook(reviewLedger, sample);
    await writeFileAtomic(file, buf);
    expect(await readdir(dir)).toEqual(['out.xlsx']);
    expect(Buffer.compare(await readFile(file), buf)).toBe(0);
    expect((await locateForm(await openWorkbook(file), reviewLedger))?.title?.text).toBe(`${sample.unit}行政复议工作问题台账`);
    await expect(readWorkbook(join(dir, 'none.xlsx'))).rejects.toThrow(/无法打开文件/);
  });

  it('names the file it was to write when it fails, not its temp file', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'xlsx-')), 'no-such-folder', 'out.xlsx');
    await expect(writeFileAtomic(file, 'x')).rejects.toMatchObject({ code: 'ENOENT', path: file });
  });

  it('leaves no temp file when the write or the rename fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xlsx-'));
    // Fails after the temp file is open: what is written is not bytes.
    await expect(writeFileAtomic(join(dir, 'out.xlsx'), 42 as unknown as string)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
    // Fails at the rename: the name is a folder's.
    await mkdir(join(dir, 'folder'));
    await writeFile(join(dir, 'folder', 'inside'), '');
    await expect(writeFileAtomic(join(dir, 'folder'), 'x')).rejects.toMatchObject({ path: join(dir, 'folder') });
    expect((await readdir(dir)).sort()).toEqual(['folder']);
  });

  it('removes the temp files of processes no longer running, and nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xlsx-'));
    // A child that has exited: its process id is free (for the moment of the test).
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    const names = [`.tianbao-${gone}-0123abcd.tmp`, `.tianbao-${process.pid}-0123abcd.tmp`, `.tianbao-${gone}-xyz.tmp`, 'out.xlsx'];
    for (const name of names) await writeFile(join(dir, name), '');
    removeStaleTemps(dir);
    expect((await readdir(dir)).sort()).toEqual(names.slice(1).sort());
  });
});
