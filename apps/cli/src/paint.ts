import type { Paint } from '@tianbao/validate';

const code = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

/** Colour only on a terminal, and never when NO_COLOR is set. */
export function paintFor(stream: NodeJS.WriteStream): Paint | undefined {
  if (!stream.isTTY || (process.env.NO_COLOR ?? '') !== '') return undefined;
  return { red: code(31, 39), yellow: code(33, 39), green: code(32, 39), bold: code(1, 22), dim: code(2, 22) };
}

/**
 * A progress bar on stderr, on a terminal only: files done, errors so far,
 * time left. Off a terminal it prints nothing; the report says it all.
 */
export function progress(total: number): { tick(errors: number): void; done(): void } {
  const tty = process.stderr.isTTY && total > 1;
  const start = Date.now();
  let n = 0;
  let errors = 0;
  return {
    tick(more) {
      n++;
      errors += more;
      if (!tty) return;
      const width = 24;
      const filled = Math.round((n / total) * width);
      const left = n < total ? `，约剩 ${Math.ceil((((Date.now() - start) / n) * (total - n)) / 1000)} 秒` : '';
      process.stderr.write(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${n}/${total}  错误 ${errors} 条${left}`);
    },
    done() {
      if (tty) process.stderr.write('\r\x1b[K');
    },
  };
}
