// Builds the CLI into dist/: the workspace's TypeScript bundled into ES modules split in shared
// chunks, so that a command, and a child process checking one file, load only what they use.
// Libraries stay external and are loaded from node_modules, as declared in package.json.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { build } from 'esbuild';

const here = new URL('.', import.meta.url);
const dist = new URL('dist/', here);
/**
 * Built beside dist/ and swapped in whole at the end, so that a run of the CLI while it builds (a test,
 * another terminal) finds either the old build or the new one, never a half-written or missing one.
 */
const next = new URL(`dist-${process.pid}.tmp/`, here);
const old = new URL(`dist-${process.pid}-old.tmp/`, here);
/** The programs: the CLI, and what each child process runs. */
const entryPoints = ['src/main.ts', 'src/child.ts'].map((p) => new URL(p, here).pathname);

/**
 * Libraries left for Node to load from node_modules; the rest (zod, yargs and exceljs: many small files,
 * whose finding and loading one by one took most of a start-up: exceljs alone is 627 modules; workerpool
 * and pidusage, some 20 files that the CLI and every child process found and loaded) is bundled in.
 * pdfmake stays files because it reads its own data, and pdfkit's font loader is swapped in Node's
 * module cache (see packages/pdf). The portal's database drivers
 * (better-sqlite3 and argon2 are native, pg has an optional native binding) and its server, Fastify with
 * its plugins, are loaded as installed too.
 */
const EXTERNAL = /^(?:pdfmake|better-sqlite3|pg|pg-boss|fastify|@fastify\/[^/]+|@node-rs\/[^/]+)(?:\/|$)/;
const libraries = {
  name: 'libraries-external',
  setup(b) {
    b.onResolve({ filter: EXTERNAL }, () => ({ external: true }));
  },
};

/**
 * yargs reads its Chinese messages from locales/ beside its own files, found from where its Node shim
 * sits: bundled, the shim is told where yargs is installed (a dependency of this package), so that it
 * reads the same files, and finds the same package.json, as unbundled.
 */
const SHIM_HERE = 'const __dirname = fileURLToPath(import.meta.url);';
const yargsInstalled = {
  name: 'yargs-installed',
  setup(b) {
    b.onLoad({ filter: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      if (!source.includes(SHIM_HERE)) throw new Error(`${path}: yargs changed how it finds its locales (build.mjs, yargsInstalled)`);
      const installed = "const __dirname = join(dirname(createRequire(import.meta.url).resolve('yargs/package.json')), 'lib/platform-shims/esm.mjs');";
      return { contents: source.replace(SHIM_HERE, installed), loader: 'js' };
    });
  },
};

/**
 * yargs lays out the whole help of a command before running it, in case a failure should show it (some 30 ms
 * of every run: each line measured for its width). Ours never does (`.fail` in src/main.ts says what was wrong
 * and where to read the help), and `--help` lays it out when asked: the command runs without it.
 */
const CACHE_HELP = 'yargs.getInternalMethods().getUsageInstance().cacheHelpMessage();';
const noHelpCached = {
  name: 'yargs-no-help-cached',
  setup(b) {
    b.onLoad({ filter: /[\\/]yargs[\\/]build[\\/]lib[\\/]command\.js$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      if (source.split(CACHE_HELP).length !== 2) throw new Error(`${path}: yargs changed where it lays out the help (build.mjs, noHelpCached)`);
      return { contents: source.replace(CACHE_HELP, ''), loader: 'js' };
    });
  },
};

/**
 * string-width (yargs and its cliui each bundle a version) builds a grapheme segmenter and, in 8.x, the
 * emoji expression `\p{RGI_Emoji}` when loaded: some 20 ms of every run, though widths are measured only
 * to lay out help. Both are made on first use.
 */
const LAZY_WIDTH = [
  ['const segmenter = new Intl.Segmenter();', 'let segmenterMade;\nconst segmenter = { segment: (s) => (segmenterMade ??= new Intl.Segmenter()).segment(s) };'],
  ['const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', 'let rgiEmojiMade;\nconst rgiEmojiRegex = { test: (s) => (rgiEmojiMade ??= /^\\p{RGI_Emoji}$/v).test(s) };'],
];
const lazyWidths = {
  name: 'string-width-lazy',
  setup(b) {
    b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, ({ path }) => {
      let source = readFileSync(path, 'utf8');
      if (!source.includes(LAZY_WIDTH[0][0])) throw new Error(`${path}: string-width changed how it segments (build.mjs, lazyWidths)`);
      for (const [made, lazy] of LAZY_WIDTH) source = source.replace(made, () => lazy);
      // Any other use of the two than the one replaced would now fail: there is none in the versions installed.
      if (/segmenter\.(?!segment\()|rgiEmojiRegex\.(?!test\()/.test(source)) throw new Error(`${path}: string-width uses its segmenter otherwise (build.mjs, lazyWidths)`);
      return { contents: source, loader: 'js' };
    });
  },
};

rmSync(next, { recursive: true, force: true });
const { metafile } = await build({
  entryPoints,
  outdir: next.pathname,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // Each process parses every module it loads: without the layout and comments there is less to parse
  // (some 2-4% of a start-up). Names are kept, so that a stack trace names its functions; the source map
  // gives the lines of the sources.
  minifyWhitespace: true,
  minifySyntax: true,
  // Beside the programs, so that any module finds child.js next to itself.
  chunkNames: '[name]-[hash]',
  plugins: [libraries, yargsInstalled, noHelpCached, lazyWidths],
  // The CommonJS bundled in (exceljs and what it uses) requires Node's own modules: give each chunk a require.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
});

// Every library left out must be found from dist/ (Node looks in node_modules up the tree):
// a dependency missing from package.json fails the build, not a user's run.
const builtins = new Set(builtinModules);
const packageOf = (path) => path.split('/').slice(0, path.startsWith('@') ? 2 : 1).join('/');
const found = (pkg) => ['node_modules', '../node_modules', '../../node_modules'].some((d) => existsSync(new URL(`${d}/${pkg}/package.json`, here)));
const missing = new Set();
for (const out of Object.values(metafile.outputs))
  for (const imp of out.imports)
    if (imp.external && !imp.path.startsWith('node:') && !builtins.has(imp.path) && !found(packageOf(imp.path))) missing.add(packageOf(imp.path));
if (missing.size) {
  console.error(`apps/cli/package.json must list what the bundle imports: ${[...missing].join(', ')}`);
  rmSync(next, { recursive: true, force: true });
  process.exit(1);
}

// Two builds at once: the last to swap wins, each taking the other's dist/ out of its way.
for (;;) {
  try {
    renameSync(dist, old);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  try {
    renameSync(next, dist);
    break;
  } catch (e) {
    if (e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST') throw e;
  } finally {
    rmSync(old, { recursive: true, force: true });
  }
}
