import { createRequire } from 'node:module';
import type Pdfmake from 'pdfmake';
import { FILES, fontFile, type FontFile } from './font-files.ts';
import './pdfkit-internals/index.ts';
import './pdfmake-internals/inline-styles.ts';

/** Font family names as the document definition uses them. */
export const BODY = 'NotoSerifSC';
export const HEADING = 'NotoSansSC';

const require = createRequire(import.meta.url);
// Required once pdfkit-internals/ has run, so that pdfkit loads the fontkit that remembers parsed fonts. Not
// imported: bundled (the CLI's dist/), a chunk's imports all run before its code, that patch's among it.
const pdfmake: typeof Pdfmake = require('pdfmake');

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
