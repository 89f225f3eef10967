import { padColumns } from '@tianbao/form/light';
import { checkUnique, listed } from '@tianbao/forms/list';
import { refusedAsBuilt } from '../load-form.ts';
import type { CommandModule } from 'yargs';

export const templates: CommandModule<object, { format: string }> = {
  command: 'templates',
  describe: '列出可用表样（编号、名称、版本、依据）',
  builder: (y) =>
    y
      .option('format', { choices: ['text', 'json'], default: 'text', describe: '输出格式' })
      .example('$0 templates', '列出全部表样')
      .example('$0 templates --format json', '供脚本读取') as any,
  handler: async ({ format }) => {
    // The list is the registry's: refused as a form not built when two forms share an id or rule prefix.
    await refusedAsBuilt(Promise.resolve(listed).then(checkUnique), '有表样');
    const rows = listed.map(({ about: f }) => ({ id: f.id, name: f.name, version: f.version, source: f.source }));
    if (format === 'json') return void console.log(JSON.stringify(rows));
    // Columns line up on a terminal, a Chinese character taking two columns; scripts take --format json.
    for (const line of padColumns(rows.map((r) => [r.id, r.name, r.version, r.source]))) console.log(line.join('  '));
  },
};
