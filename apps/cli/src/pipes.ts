/**
 * A reader that goes away (`tianbao validate 报送/ | head -1`) is no error of
 * the run: what is left to print has nowhere to go and is dropped, the work is
 * finished and the exit status is the one the run would have had. Node ignores
 * SIGPIPE, so without this each write after the reader left would raise EPIPE
 * and print a stack trace.
 */
export function quietWhenReaderLeaves(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}
