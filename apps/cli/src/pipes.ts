import { systemText } from './failure.ts';

/**
 * What the command prints when the place its output goes to fails.
 *
 * A reader that goes away (`tianbao validate 报送/ | head -1`) is no error of
 * the run: what is left to print has nowhere to go and is dropped, the work is
 * finished and the exit status is the one the run would have had. Node ignores
 * SIGPIPE, so without this each write after the reader left would raise EPIPE
 * and print a stack trace.
 *
 * Output that cannot be written for another reason (`> 结果.json` on a full
 * disk) fails the run: exit status 1 and, on stderr, why in Chinese, once;
 * what else is printed to the failed stream is dropped.
 */
export function guardOutput(stream: NodeJS.WriteStream, name: string): void {
  let told = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || told) return;
    told = true;
    process.exitCode = 1;
    if (stream !== process.stderr) process.stderr.write(`出错：无法写出结果，${systemText(e, name) ?? `「${name}」写入失败`}\n`);
  });
}
