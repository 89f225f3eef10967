import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import censusRoster from '@tianbao/template-census-roster';
import { defaultUnits, outputContext } from '@tianbao/form';
import { renderPdf } from '@tianbao/pdf';
import { writeWorkbook } from '@tianbao/xlsx';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { day } from './status-inbox.ts';
import { tempDir, tianbao } from './run.ts';

const pages = async (bytes: Uint8Array) => (await getDocumentProxy(new Uint8Array(bytes))).numPages;

describe('the compiled census PDF', () => {
  it('sets each unit’s roster on as many pages as its own PDF: a page a unit, after the cover', async () => {
    const dir = tempDir();
    for (const s of censusRoster.samples) {
      const file = join(dir, `${s.unit}${censusRoster.name}.xlsx`);
      writeFileSync(file, await writeWorkbook(censusRoster, s));
      utimesSync(file, day('2023-06-26'), day('2023-06-26'));
      expect(await pages(await renderPdf(censusRoster, s, outputContext(s, defaultUnits, '2023-07-05')))).toBe(1);
    }
    const out = tempDir();
    expect((await tianbao(['compile', 'census-roster', dir, '--as-of', '2023-07-05', '-o', out, '--format', 'pdf'])).code).toBe(0);
    const compiled = readFileSync(join(out, '焦作市第五次全国经济普查领导小组组成人员名单汇总.pdf'));
    expect(await pages(compiled)).toBe(1 + censusRoster.samples.length);
  }, 120_000);
});
