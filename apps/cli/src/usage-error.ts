/** A mistake in how the command was called: exit status 2. */
export class UsageError extends Error {}

/** What an option was given, for its message: yargs reads a number option given a word as NaN, and the word is gone. */
export const received = (value: unknown) => (Number.isNaN(value) ? '收到的不是数字' : `收到「${String(value)}」`);
