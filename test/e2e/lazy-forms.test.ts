import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formIds } from '@tianbao/forms/list';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT, tempDir } from './run.ts';

/** Each process of one run of the built CLI: its program (tianbao.js, child.js), and the workspace sources its loaded bundle holds. */
interface Loaded {
  program: string;
  sources: Set<string>;
}

/** Runs the built CLI with `args`, recording what each of its processes loaded (loaded-modules.mjs), the sources read from the bundle's source maps. */
async function run(args: string[]): Promise<{ code: number; stdout: string; processes: Loaded[] }> {
  const dir = tempDir();
  const hook = join(import.meta.dirname, 'loaded-modules.mjs');
  const env = { ...process.env, NO_COLOR: '', LOADED_MODULES_DIR: dir, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${hook}` };
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((done) =>
    execFile(BIN, args, { cwd: tempDir(), env }, (err, stdout) => done({ code: err ? Number(err.code) : 0, stdout })),
  );
  const processes = readdirSync(dir).map((pid) => {
    const files = readFileSync(join(dir, pid), 'utf8').trim().split('\n').map((url) => fileURLToPath(url));
    const sources = new Set<string>();
    for (const file of files.filter((f) => f.includes(`${join('apps', 'cli', 'dist')}/`))) {
      // Every chunk of the bundle has its map: without it, nothing here could be told.
      expect(existsSync(`${file}.map`), `${file}.map`).toBe(true);
      const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
      for (const s of map.sources) sources.add(relative(ROOT, resolve(join(file, '..'), s)));
    }
    return { program: basename(files.find((f) => /(tianbao|child)\.js$/.test(f)) ?? ''), sources };
  });
  return { code, stdout, processes };
}

/** The forms whose definition (any source of their folder but the listing, about.ts) a process loaded. */
const built = (p: Loaded) =>
  formIds.filter((id) => [...p.sources].some((s) => s.startsWith(join('templates', id, 'src') + '/') && basename(s) !== 'about.ts'));

// Listing the forms builds none of them; a command, or a child's task, builds only the form it is given.
describe('forms are built when a command needs them', () => {
  it('lists the forms without building any', async () => {
    const r = await run(['templates', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((f: { id: string }) => f.id)).toEqual(formIds);
    expect(r.processes.map((p) => p.program)).toEqual(['tianbao.js']);
    expect(r.processes[0]!.sources).toContain(join('templates', 'registry', 'src', 'list.ts'));
    expect(built(r.processes[0]!)).toEqual([]);
  });

  it('builds only the form of a blank', async () => {
    const r = await run(['blank', 'census-roster', '-o', tempDir()]);
    expect(r.code).toBe(0);
    expect(r.processes.map(built)).toEqual([['census-roster']]);
  });

  it('builds, in the child checking a file, only the form it is told to check against; the CLI none', async () => {
    const r = await run(['validate', '-t', 'review-ledger', join(FIXTURES, 'libreoffice', '温县2023年6月行政复议工作问题台账.xlsx')]);
    expect(r.code).toBe(0);
    const byProgram = Object.fromEntries(r.processes.map((p) => [p.program, built(p)]));
    expect(byProgram).toEqual({ 'tianbao.js': [], 'child.js': ['review-ledger'] });
  });

  // What the CLI would load for nothing: a long list's check is measured over both processes (see README, Speed).
  it('hands a file to its child and prints the report without loading zod, the form engine or the reader; the child loads them', async () => {
    const r = await run(['validate', join(FIXTURES, 'libreoffice', '温县2023年6月行政复议工作问题台账.xlsx')]);
    expect(r.code).toBe(0);
    const engines = (p: Loaded) => ({
      zod: [...p.sources].some((s) => s.includes(`${join('node_modules', '.pnpm')}/zod@`)),
      form: p.sources.has(join('packages', 'form', 'src', 'cells.ts')),
      reader: p.sources.has(join('packages', 'xlsx', 'src', 'sheet', 'rows.ts')),
    });
    const all = { zod: true, form: true, reader: true };
    expect(Object.fromEntries(r.processes.map((p) => [p.program, engines(p)]))).toEqual({ 'tianbao.js': { zod: false, form: false, reader: false }, 'child.js': all });
  });
});
