/**
 * A deliberate refusal: tianbao cannot handle this input, and `message` says
 * why in Chinese, under the stable rule id `rule` (`file.corrupt`,
 * `pdf.too-many-rows`). It is shown to the user as it is. Any other exception
 * is a bug in tianbao: its text is English and is never shown (see `unexpected`).
 */
export class Refusal extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/** Set to 1 to have the detail of an unexpected exception written to stderr. */
export const DEBUG_VARIABLE = 'TIANBAO_DEBUG';

/**
 * Note an exception that no one meant to throw, about `what` (a file, a
 * command). The user is told in Chinese by the caller; the English detail
 * (its stack) goes to stderr only when TIANBAO_DEBUG=1, as rustc does with
 * RUST_BACKTRACE and gh with GH_DEBUG: a clerk never sees a stack trace, and
 * a maintainer gets one by running the same command again.
 */
export function unexpected(e: unknown, what: string): void {
  if (process.env[DEBUG_VARIABLE] !== '1') return;
  const detail = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
  process.stderr.write(`[${DEBUG_VARIABLE}] ${what}\n${detail}\n`);
}
