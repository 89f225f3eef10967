import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
// First, so that pdfkit loads the fontkit that remembers parsed fonts.
import { cacheParsedFonts } from './font-cache.ts';
import pdfmake from 'pdfmake';

/** Font family names as the document definition uses them. */
export const BODY = 'NotoSerifSC';
export const HEADING = 'NotoSansSC';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

// Virtual file names; pdfmake reads fonts from its in-memory file system by these.
const FILES = {
  'NotoSerifSC-Regular.ttf': ['@expo-google-fonts/noto-serif-sc', '400Regular/NotoSerifSC_400Regular.ttf'],
  'NotoSerifSC-Bold.ttf': ['@expo-google-fonts/noto-serif-sc', '700Bold/NotoSerifSC_700Bold.ttf'],
  'NotoSansSC-Bold.ttf': ['@expo-google-fonts/noto-sans-sc', '700Bold/NotoSansSC_700Bold.ttf'],
} as const;

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
  for (const [name, [pkg, file]] of Object.entries(FILES)) {
    if (!vfs.existsSync(name)) vfs.writeFileSync(name, readFileSync(join(packageDir(pkg), file)));
  }
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
  cacheParsedFonts(true);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = true;
  return pdfmake;
}
