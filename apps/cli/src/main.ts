import { hideBin } from 'yargs/helpers';
import { printable } from '@tianbao/form/light';
import { CommandLineRefused, runCommandLine } from './command-line.ts';
import { failureText } from './failure.ts';
import { guardOutput } from './pipes.ts';

/** Exit status: 0 all good, 1 a file or input is not valid, 2 the command was called wrongly. */
const USAGE = 2;

const argv = hideBin(process.argv);
guardOutput(process.stdout, '标准输出');
guardOutput(process.stderr, '标准错误输出');

try {
  await runCommandLine(argv);
} catch (e) {
  if (e instanceof CommandLineRefused) {
    // A path or value typed may hold a control character: shown by its code, a line at a time.
    console.error(e.message.split('\n').map(printable).join('\n'));
    process.exit(USAGE);
  }
  console.error(`出错：${failureText(e, argv.join(' '))}`);
  process.exitCode = 1;
  // A handle a failure left open (a pool, a connection) must not keep a failed command alive: unref'd, the
  // timer holds nothing, and fires only if something else still does.
  setTimeout(() => process.exit(1), 5000).unref();
}
