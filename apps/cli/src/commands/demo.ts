import { join } from 'node:path';
import { loadForms } from '../load-form.ts';
import type { CommandModule } from 'yargs';
import { checkBatch } from '../batch.ts';
import { outputFolder } from '../files.ts';
import { paintFor } from '../paint.ts';
import { resolveUnits } from '../units.ts';

export const demo: CommandModule<object, { out: string }> = {
  command: 'demo',
  describe: '用各表样自带的示例数据生成全部单位的 XLSX 和 PDF，并逐一检查',
  builder: (y) =>
    y
      .option('out', { alias: 'o', type: 'string', default: join('out', 'demo'), describe: '输出文件夹' })
      .example('$0 demo', '写入 out/demo/') as any,
  handler: async ({ out }) => {
    const [{ renderPdf }, { formatText, summarize }, { writeWorkbook }, { outputContext }, { filledName, writeOutput }] = await Promise.all([
      import('@tianbao/pdf'),
      import('@tianbao/validate'),
      import('@tianbao/xlsx'),
      import('@tianbao/form'),
      import('../outputs.ts'),
    ]);
    const units = await resolveUnits(undefined);
    const written: string[] = [];
    for (const def of await loadForms()) {
      const dir = outputFolder(join(out, def.id), '-o');
      for (const sample of def.samples) {
        const ctx = outputContext(sample, units);
        written.push(await writeOutput(dir, filledName(def, sample, 'xlsx'), await writeWorkbook(def, sample, { ctx })));
        await writeOutput(dir, filledName(def, sample, 'pdf'), await renderPdf(def, sample, ctx));
        console.log(`已生成 ${join(dir, filledName(def, sample, '{xlsx,pdf}'))}`);
      }
    }
    // Checked as any submission is: each workbook in a child process.
    const report = summarize(await checkBatch(written, { units, keepData: false }, {}));
    console.log(formatText(report, paintFor(process.stdout)));
    process.exitCode = report.summary.invalid > 0 ? 1 : 0;
  },
};
