/** A mistake in how the command was called: exit status 2. */
export class UsageError extends Error {}

/**
 * What a number option was given, for its message. yargs reads a word given
 * to a number option as NaN, so the word is taken from the command line, as
 * typed after the option or one of its `names` (`jobs`, `j`).
 */
export function received(value: unknown, names: readonly string[], argv: readonly string[] = process.argv): string {
  if (!Number.isNaN(value)) return `收到「${String(value)}」`;
  const flags = names.map((n) => (n.length === 1 ? `-${n}` : `--${n}`));
  let typed: string | undefined;
  argv.forEach((a, i) => {
    const [flag, value] = a.split(/=(.*)/s);
    if (flags.includes(flag!)) typed = value ?? argv[i + 1];
  });
  return typed === undefined ? '收到的不是数字' : `收到「${typed}」，不是数字`;
}
