/** A mistake in how the command was called: exit status 2. */
export class UsageError extends Error {}

/**
 * What a number option was given, for its message, as typed after the option
 * or one of its `names` (`jobs`, `j`): yargs reads a word given to a number
 * option as NaN, and an empty value as 0.
 */
export function received(value: unknown, names: readonly string[], argv: readonly string[] = process.argv): string {
  const flags = names.map((n) => (n.length === 1 ? `-${n}` : `--${n}`));
  let typed: string | undefined;
  argv.forEach((a, i) => {
    const [flag, value] = a.split(/=(.*)/s);
    if (flags.includes(flag!)) typed = value ?? argv[i + 1];
  });
  if (typed === '') return '收到的是空值';
  if (!Number.isNaN(value)) return `收到「${typed ?? String(value)}」`;
  return typed === undefined ? '收到的不是数字' : `收到「${typed}」，不是数字`;
}
