import type { Paint } from '@tianbao/validate';

const code = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

/** Colour only on a terminal, and never when NO_COLOR is set. */
export function paintFor(stream: NodeJS.WriteStream): Paint | undefined {
  if (!stream.isTTY || (process.env.NO_COLOR ?? '') !== '') return undefined;
  return { red: code(31, 39), yellow: code(33, 39), green: code(32, 39), bold: code(1, 22), dim: code(2, 22) };
}

/** A one-line progress counter on stderr, on a terminal only. */
export function progress(total: number): { tick(label: string): void; done(): void } {
  const tty = process.stderr.isTTY && total > 1;
  let n = 0;
  return {
    tick(label) {
      n++;
      if (tty) process.stderr.write(`\r\x1b[K检查 ${n}/${total}  ${label}`);
    },
    done() {
      if (tty) process.stderr.write('\r\x1b[K');
    },
  };
}
