import { mkdirSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { systemText } from './failure.ts';
import { UsageError } from './usage-error.ts';

/** Excel's and WPS's lock files (`~$…`) and hidden files (`.DS_Store`): never a submission. */
const notASubmission = (name: string) => name.startsWith('~$') || name.startsWith('.');
const workbook = (name: string) => /\.xlsx$/i.test(name) && !notASubmission(name);

/**
 * Files and folders from the command line, folders searched for workbooks.
 * A path that is not there (or cannot be looked at) is a usage error naming
 * it: a mistyped name is the command's fault, not a submission's.
 */
export function expandInputs(inputs: readonly string[]): string[] {
  return expand(inputs, workbook);
}

/**
 * Every file received (`status`): as `expandInputs`, but folders give every
 * file in them whatever its kind (a .xls, a PDF sent instead is received too),
 * all but lock files and hidden files, and a workbook's print beside it
 * (`修武县….pdf` by `修武县….xlsx`, as `generate` writes them), which is not a
 * submission of its own.
 */
export function receivedFiles(inputs: readonly string[]): string[] {
  const found = expand(inputs, (name) => !notASubmission(name));
  const workbooks = new Set(found.filter((f) => workbook(basename(f))).map(stem));
  return found.filter((f) => workbook(basename(f)) || !workbooks.has(stem(f)));
}

/** A path without its extension. */
const stem = (path: string) => path.slice(0, path.length - extname(path).length);

/** Each file once, as first named: a folder given twice (`inbox inbox/`), or a file of it given too, counts nothing twice. */
function expand(inputs: readonly string[], take: (name: string) => boolean): string[] {
  const seen = new Set<string>();
  return inputs
    .flatMap((input) => (statInput(input).isDirectory() ? walk(input, take) : [input]))
    .filter((file) => {
      const real = realPath(file);
      return !seen.has(real) && !!seen.add(real);
    });
}

/** Where a file really is (a link followed); a link to nothing, where it is named. */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

/** A file named on the command line (`extract <file>`): there, and not a folder. */
export function inputFile(path: string): string {
  if (statInput(path).isDirectory()) throw new UsageError(`「${path}」是文件夹，请给出一个 .xlsx 文件`);
  return path;
}

/**
 * The folder an option (`-o`) has a command write into, made if need be: a
 * usage error naming the option when it, or the nearest part of it that
 * exists, is a file, or when the system will not let it be made.
 */
export function outputFolder(path: string, option: string): string {
  const missing: string[] = [];
  for (let at = path; ; at = dirname(at)) {
    let stat: Stats;
    try {
      stat = statSync(at);
    } catch (e) {
      const { code } = e as NodeJS.ErrnoException;
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(at) !== at) {
        missing.unshift(at);
        continue;
      }
      throw asUsageError(e, at);
    }
    if (!stat.isDirectory()) throw new UsageError(`${option} 无法写入：「${at}」是文件，不是文件夹`);
    break;
  }
  // One part at a time: Node's recursive mkdir never returns where the system refuses a part as missing (/proc/nope).
  for (const part of missing) {
    try {
      mkdirSync(part);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && statSync(part).isDirectory()) continue;
      // ENOENT here means the parent, though there, takes no new folders (/proc): not that something is missing.
      const text = (e as NodeJS.ErrnoException).code === 'ENOENT' ? `「${part}」所在的位置不能新建文件夹` : systemText(e, part);
      throw text ? new UsageError(`${option} 无法创建文件夹：${text}`) : e;
    }
  }
  return path;
}

/** What the command line names; a usage error saying why when the system cannot tell. */
function statInput(path: string): Stats {
  try {
    return statSync(path);
  } catch (e) {
    throw asUsageError(e, path);
  }
}

function walk(dir: string, take: (name: string) => boolean): string[] {
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
      if (e.isDirectory()) return notASubmission(e.name) ? [] : walk(path, take);
      return take(e.name) ? [path] : [];
    });
}

const asUsageError = (e: unknown, path: string) => {
  const text = systemText(e, path);
  return text ? new UsageError(text) : e;
};
