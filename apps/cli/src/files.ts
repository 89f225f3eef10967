import { readdirSync, statSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { systemText } from './failure.ts';
import { UsageError } from './usage-error.ts';

/**
 * Files and folders from the command line, folders searched for workbooks.
 * A path that is not there (or cannot be looked at) is a usage error naming
 * it: a mistyped name is the command's fault, not a submission's.
 */
export function expandInputs(inputs: readonly string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    if (!statInput(input).isDirectory()) out.push(input);
    else for (const name of walk(input)) out.push(name);
  }
  return out;
}

/** A file named on the command line (`extract <file>`): there, and not a folder. */
export function inputFile(path: string): string {
  if (statInput(path).isDirectory()) throw new UsageError(`「${path}」是文件夹，请给出一个 .xlsx 文件`);
  return path;
}

/**
 * The folder an option (`-o`) has a command write into, made if need be: a
 * usage error naming the option when it, or the nearest part of it that
 * exists, is a file.
 */
export function outputFolder(path: string, option: string): string {
  for (let at = path; ; at = dirname(at)) {
    let stat: Stats;
    try {
      stat = statSync(at);
    } catch (e) {
      const { code } = e as NodeJS.ErrnoException;
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(at) !== at) continue;
      throw asUsageError(e, at);
    }
    if (stat.isDirectory()) return path;
    throw new UsageError(`${option} 无法写入：「${at}」是文件，不是文件夹`);
  }
}

/** What the command line names; a usage error saying why when the system cannot tell. */
function statInput(path: string): Stats {
  try {
    return statSync(path);
  } catch (e) {
    throw asUsageError(e, path);
  }
}

function walk(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw asUsageError(e, dir);
  }
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return walk(path);
      // ~$ files are Excel's lock files, not submissions.
      return /\.xlsx$/i.test(e.name) && !e.name.startsWith('~$') ? [path] : [];
    });
}

const asUsageError = (e: unknown, path: string) => {
  const text = systemText(e, path);
  return text ? new UsageError(text) : e;
};
