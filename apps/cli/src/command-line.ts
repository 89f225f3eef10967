// Engines load inside the handlers that use them, so `--help` and `templates` start quickly.
import yargs, { type Argv } from 'yargs';
import { printable } from '@tianbao/form/light';
import { UnknownForm, formIds } from '@tianbao/forms/list';
import cli from '../package.json' with { type: 'json' };
import { blank } from './commands/blank.ts';
import { compile } from './commands/compile.ts';
import { demo } from './commands/demo.ts';
import { extract } from './commands/extract.ts';
import { generate } from './commands/generate.ts';
import { serve } from './commands/serve.ts';
import { status } from './commands/status.ts';
import { templates } from './commands/templates.ts';
import { users } from './commands/users.ts';
import { validate } from './commands/validate.ts';
import { UsageError } from './usage-error.ts';
import { YARGS_STRINGS, commandMissing, typedCommand, typedOptionFaults, usageHint, usageText, type KnownOptions } from './usage-messages.ts';

export const COMMANDS = [templates, blank, generate, extract, validate, status, compile, demo, serve, users];

/**
 * Every option that takes a value, of any command: given without one (`--data` last, or
 * followed by another option) it is a usage error, not an empty path or a default.
 */
const VALUE_OPTIONS = ['data', 'out', 'format', 'units', 'unit', 'as-of', 'period', 'template', 'time-limit', 'memory-limit', 'jobs', 'annotate', 'xlsx', 'paper', 'previous', 'port', 'host', 'database', 'name', 'role'];

/** A command called wrongly (exit status 2): what was wrong, then where to read how to call it. */
export class CommandLineRefused extends Error {
  constructor(argv: readonly string[], what: string) {
    super(`${what}\n${usageHint({ argv, commands: COMMANDS })}`);
  }
}

/** The command line `argv` (the words after `tianbao`) as yargs reads it; a usage error throws CommandLineRefused. */
export function commandLine(argv: readonly string[]): Argv {
  let line = yargs([...argv])
    .scriptName('tianbao')
    .locale('zh_CN')
    // Its types take only plain strings; y18n takes the singular and plural forms too.
    .updateStrings(YARGS_STRINGS as unknown as Record<string, string>)
    .usage('$0 <命令> [选项]\n\n填报：生成、填写、检查政府报表');
  for (const command of COMMANDS) line = line.command(command as any);
  return line
    // After yargs' own checks: a misspelt option given twice is unknown first.
    .middleware(givenOnce, false)
    .demandCommand(1, commandMissing(COMMANDS))
    .recommendCommands()
    .strict()
    .requiresArg(VALUE_OPTIONS)
    .example('$0 templates', '列出表样')
    .example('$0 validate 报送/', '检查文件夹中的全部报表')
    .help()
    // Help and the version printed, the process ends by itself, so that output that could not be written fails it (see `guardOutput`).
    .exitProcess(false)
    .alias('h', 'help')
    .version(cli.version)
    .wrap(null)
    .fail((msg, err, state) => {
      // yargs' own checks fail with a message (a parse error of the command line comes as a YError); a handler's exception is rethrown.
      if (err && err.name !== 'YError') throw err;
      const describe = (state as unknown as { getDescriptions?(): Record<string, string | undefined> }).getDescriptions?.();
      // An unknown option, or one short of its value, is named first: what yargs says then is only what followed from it.
      const typed = typedCommand({ argv, commands: COMMANDS }) ? typedOptionFaults(argv, (line as unknown as { getOptions(): KnownOptions }).getOptions(), VALUE_OPTIONS) : null;
      throw new CommandLineRefused(argv, typed ?? usageText(msg ?? err?.message ?? '', { argv, commands: COMMANDS, choices: { template: formIds }, ...(describe && { describe }) }));
    });
}

/** The options a command takes more than once: the earlier months' returns (`--previous 6月 --previous 7月`). */
const REPEATABLE = new Set(['_', 'paths', 'previous']);

/**
 * An option given twice (`--format xlsx --format pdf`) is a usage error: yargs would make its value a list,
 * which no command takes but those of `REPEATABLE`. Each option is named once, by its long name (yargs also
 * sets its alias and its camel-case name).
 */
function givenOnce(args: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(args)) {
    if (!Array.isArray(value) || REPEATABLE.has(key) || key.length < 2 || /[A-Z]/.test(key)) continue;
    throw new UsageError(`--${key} 只能给一次，收到了 ${value.length} 个：${value.map((v) => `「${printable(String(v))}」`).join('')}`);
  }
}

/** Runs the command of `argv`; a usage error, found by yargs or by the command, throws CommandLineRefused. */
export async function runCommandLine(argv: readonly string[]): Promise<void> {
  try {
    await commandLine(argv).parseAsync();
  } catch (e) {
    // A command refuses its arguments; the registry refuses a form it does not have (yargs' choices stop a mistyped one before).
    if (e instanceof UsageError || e instanceof UnknownForm) throw new CommandLineRefused(argv, usageText(e.message, { argv, commands: COMMANDS }));
    throw e;
  }
}
