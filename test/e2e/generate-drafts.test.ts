import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import reviewLedger from '@tianbao/template-review-ledger';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { tempDir, tianbao } from './run.ts';

const sample = reviewLedger.samples.find((s) => s.unit === '修武县')!;
/** 修武县's ledger with a problem listed and neither its measure nor its deadline: two errors. */
const faulty = { ...sample, rows: { ...sample.rows, acceptance: { problems: ['甲'], measures: [], deadlines: [] } } };

describe('generate --allow-errors', () => {
  it('marks a draft as one in the PDF, the workbook and their metadata; a later run that refuses the data says the draft is still there', async () => {
    const dir = tempDir();
    const data = join(dir, 'ledger.json');
    writeFileSync(data, JSON.stringify(faulty));
    const out = join(dir, 'out');
    const run = (...more: string[]) => tianbao(['generate', 'review-ledger', '--data', data, '-o', out, ...more]);

    const drafted = await run('--allow-errors');
    expect(drafted.code).toBe(1);
    const [xlsx, pdf] = drafted.stdout.trim().split('\n') as [string, string];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.getWorksheet('问题台账')!.headerFooter.oddHeader).toContain('草稿（有错误，不能报送）');
    const meta = wb.getWorksheet('_tianbao')!.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1, 3) : []));
    expect(meta).toContainEqual(['draft', '1']);
    const doc = await getDocumentProxy(new Uint8Array(readFileSync(pdf)));
    expect(((await doc.getMetadata()).info as { Custom?: Record<string, string> }).Custom).toMatchObject({ TianbaoDraft: '1' });
    // The watermark, on every page.
    for (const page of (await extractText(doc)).text) expect(page).toContain('草稿');

    // The same data without the flag: refused, the drafts left where they are, and said to be drafts.
    const refused = await run();
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    for (const file of [xlsx, pdf]) {
      expect(refused.stderr).toContain(`${data} $：输出文件夹中的「${file}」是先前的草稿，请勿报送\n`);
      expect(existsSync(file)).toBe(true);
    }

    // Corrected: made again, no longer a draft.
    writeFileSync(data, JSON.stringify(sample));
    const made = await run();
    expect([made.code, made.stdout.trim().split('\n')]).toEqual([0, [xlsx, pdf]]);
    const again = await getDocumentProxy(new Uint8Array(readFileSync(pdf)));
    expect(((await again.getMetadata()).info as { Custom?: Record<string, string> }).Custom).not.toHaveProperty('TianbaoDraft');
    expect((await extractText(again, { mergePages: true })).text).not.toContain('草稿');
  });
});
