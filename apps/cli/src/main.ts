// Engines load inside the handlers that use them, so `--help` and `templates` start quickly.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { UnknownForm, formIds } from '@tianbao/forms';
import { blank } from './commands/blank.ts';
import { demo } from './commands/demo.ts';
import { extract } from './commands/extract.ts';
import { generate } from './commands/generate.ts';
import { serve } from './commands/serve.ts';
import { status } from './commands/status.ts';
import { templates } from './commands/templates.ts';
import { users } from './commands/users.ts';
import { validate } from './commands/validate.ts';
import { failureText } from './failure.ts';
import { quietWhenReaderLeaves } from './pipes.ts';
import { UsageError } from './usage-error.ts';
import { YARGS_STRINGS, commandMissing, typedCommand, typedOptionFaults, usageHint, usageText, type KnownOptions } from './usage-messages.ts';

/** Exit status: 0 all good, 1 a file or input is not valid, 2 the command was called wrongly. */
const USAGE = 2;

/**
 * Every option that takes a value, of any command: given without one (`--data` last, or
 * followed by another option) it is a usage error, not an empty path or a default.
 */
const VALUE_OPTIONS = ['data', 'out', 'format', 'units', 'unit', 'as-of', 'period', 'template', 'time-limit', 'memory-limit', 'jobs', 'annotate', 'xlsx', 'paper', 'port', 'host', 'database', 'name', 'role'];

const argv = hideBin(process.argv);
const commands = [templates, blank, generate, extract, validate, status, demo, serve, users];
quietWhenReaderLeaves(process.stdout);
quietWhenReaderLeaves(process.stderr);

const usageFailed = (message: string): never => {
  console.error(`${message}\n${usageHint({ argv, commands })}`);
  process.exit(USAGE);
};

try {
  let cli = yargs(argv)
    .scriptName('tianbao')
    .locale('zh_CN')
    // Its types take only plain strings; y18n takes the singular and plural forms too.
    .updateStrings(YARGS_STRINGS as unknown as Record<string, string>)
    .usage('$0 <命令> [选项]\n\n填报：生成、填写、检查政府报表');
  for (const command of commands) cli = cli.command(command as any);
  await cli
    .demandCommand(1, commandMissing(commands))
    .recommendCommands()
    .strict()
    .requiresArg(VALUE_OPTIONS)
    .example('$0 templates', '列出表样')
    .example('$0 validate 报送/', '检查文件夹中的全部报表')
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(null)
    .fail((msg, err, state) => {
      // yargs' own checks fail with a message (a parse error of the command line comes as a YError); a handler's exception is rethrown.
      if (err && !(err instanceof UsageError) && err.name !== 'YError') throw err;
      const describe = (state as unknown as { getDescriptions?(): Record<string, string | undefined> }).getDescriptions?.();
      // An unknown option, or one short of its value, is named first: what yargs says then is only what followed from it.
      const typed = !(err instanceof UsageError) && typedCommand({ argv, commands }) ? typedOptionFaults(argv, (cli as unknown as { getOptions(): KnownOptions }).getOptions(), VALUE_OPTIONS) : null;
      if (typed) usageFailed(typed);
      usageFailed(usageText(msg ?? err?.message ?? '', { argv, commands, choices: { template: formIds }, ...(describe && { describe }) }));
    })
    .parseAsync();
} catch (e) {
  // The registry refuses a form it does not have (yargs' choices stop a mistyped one before).
  if (e instanceof UsageError || e instanceof UnknownForm) usageFailed(e.message);
  console.error(`出错：${failureText(e, argv.join(' '))}`);
  process.exitCode = 1;
}
