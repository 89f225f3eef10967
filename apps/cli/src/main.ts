// Engines load inside the handlers that use them, so `--help` and `templates` start quickly.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { blank } from './commands/blank.ts';
import { demo } from './commands/demo.ts';
import { extract } from './commands/extract.ts';
import { generate } from './commands/generate.ts';
import { status } from './commands/status.ts';
import { templates } from './commands/templates.ts';
import { validate } from './commands/validate.ts';
import { failureText } from './failure.ts';
import { UsageError } from './usage-error.ts';

/** Exit status: 0 all good, 1 a file or input is not valid, 2 the command was called wrongly. */
const USAGE = 2;

try {
  await yargs(hideBin(process.argv))
    .scriptName('tianbao')
    .locale('zh_CN')
    .usage('$0 <命令> [选项]\n\n填报：生成、填写、检查政府报表')
    .command(templates)
    .command(blank)
    .command(generate)
    .command(extract)
    .command(validate)
    .command(status)
    .command(demo)
    .demandCommand(1, '请指定命令')
    .recommendCommands()
    .strict()
    .example('$0 templates', '列出表样')
    .example('$0 validate 报送/', '检查文件夹中的全部报表')
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(null)
    .fail((msg, err) => {
      if (err && !(err instanceof UsageError)) throw err;
      console.error(`${msg ?? err?.message}\n（tianbao --help 查看用法）`);
      process.exit(USAGE);
    })
    .parseAsync();
} catch (e) {
  console.error(e instanceof UsageError ? `${e.message}\n（tianbao --help 查看用法）` : `出错：${failureText(e, process.argv.slice(2).join(' '))}`);
  process.exitCode = e instanceof UsageError ? USAGE : 1;
}
