import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

// Virtual file names; pdfmake reads fonts from its in-memory file system by these.
export const FILES = {
  'NotoSerifSC-Regular.ttf': ['@expo-google-fonts/noto-serif-sc', '400Regular/NotoSerifSC_400Regular.ttf'],
  'NotoSerifSC-Bold.ttf': ['@expo-google-fonts/noto-serif-sc', '700Bold/NotoSerifSC_700Bold.ttf'],
  'NotoSansSC-Bold.ttf': ['@expo-google-fonts/noto-sans-sc', '700Bold/NotoSansSC_700Bold.ttf'],
} as const;

export type FontFile = keyof typeof FILES;

const pathOf = (name: FontFile) => join(packageDir(FILES[name][0]), FILES[name][1]);
const bytes = new Map<FontFile, Buffer>();

/** A font file's bytes, read once per process (or taken from `readFontFiles`). */
export function fontFile(name: FontFile): Buffer {
  let b = bytes.get(name);
  if (!b) bytes.set(name, (b = readFileSync(pathOf(name))));
  return b;
}

/**
 * Read every font file (40 MB) on Node's thread pool, for `fontFile`: a process about to make
 * documents starts it before it loads the engines, which then take the main thread meanwhile.
 * Rejects as the file system does.
 */
export async function readFontFiles(): Promise<void> {
  await Promise.all(
    (Object.keys(FILES) as FontFile[]).map(async (name) => {
      if (!bytes.has(name)) {
        const read = await readFile(pathOf(name));
        if (!bytes.has(name)) bytes.set(name, read);
      }
    }),
  );
}
