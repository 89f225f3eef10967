import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type Pdfmake from 'pdfmake';
import './pdfkit-internals/index.ts';
import './pdfmake-internals/inline-styles.ts';

/** Font family names as the document definition uses them. */
export const BODY = 'NotoSerifSC';
export const HEADING = 'NotoSansSC';

const require = createRequire(import.meta.url);
// Required once pdfkit-internals/ has run, so that pdfkit loads the fontkit that remembers parsed fonts. Not
// imported: bundled (the CLI's dist/), a chunk's imports all run before its code, that patch's among it.
const pdfmake: typeof Pdfmake = require('pdfmake');
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

// Virtual file names; pdfmake reads fonts from its in-memory file system by these.
const FILES = {
  'NotoSerifSC-Regular.ttf': ['@expo-google-fonts/noto-serif-sc', '400Regular/NotoSerifSC_400Regular.ttf'],
  'NotoSerifSC-Bold.ttf': ['@expo-google-fonts/noto-serif-sc', '700Bold/NotoSerifSC_700Bold.ttf'],
  'NotoSansSC-Bold.ttf': ['@expo-google-fonts/noto-sans-sc', '700Bold/NotoSansSC_700Bold.ttf'],
} as const;

type FontFile = keyof typeof FILES;

const bytes = new Map<FontFile, Buffer>();

/** A font file's bytes, read once per process. */
export function fontFile(name: FontFile): Buffer {
  let b = bytes.get(name);
  if (!b) {
    const [pkg, file] = FILES[name];
    bytes.set(name, (b = readFileSync(join(packageDir(pkg), file))));
  }
  return b;
}

interface VirtualFs {
  existsSync(name: string): boolean;
  writeFileSync(name: string, content: Buffer): void;
}

let ready = false;

/**
 * Load the font files once into pdfmake's in-memory file system and register
 * them; no other file or URL may be read while rendering.
 */
export function setupPdfmake(): typeof pdfmake {
  if (ready) return pdfmake;
  const vfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;
  for (const name of Object.keys(FILES) as FontFile[]) if (!vfs.existsSync(name)) vfs.writeFileSync(name, fontFile(name));
  pdfmake.addFonts({
    [BODY]: {
      normal: 'NotoSerifSC-Regular.ttf',
      bold: 'NotoSerifSC-Bold.ttf',
      // The font has no italics; Chinese print does not use them.
      italics: 'NotoSerifSC-Regular.ttf',
      bolditalics: 'NotoSerifSC-Bold.ttf',
    },
    [HEADING]: {
      normal: 'NotoSansSC-Bold.ttf',
      bold: 'NotoSansSC-Bold.ttf',
      italics: 'NotoSansSC-Bold.ttf',
      bolditalics: 'NotoSansSC-Bold.ttf',
    },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = true;
  return pdfmake;
}
