import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Files and folders from the command line, folders searched for workbooks. Missing paths are kept, to be reported. */
export function expandInputs(inputs: readonly string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    let isDir = false;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      out.push(input);
      continue;
    }
    if (!isDir) out.push(input);
    else for (const name of walk(input)) out.push(name);
  }
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return walk(path);
      // ~$ files are Excel's lock files, not submissions.
      return /\.xlsx$/i.test(e.name) && !e.name.startsWith('~$') ? [path] : [];
    });
}
