import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { requirePatchedVersion } from '@tianbao/form';

/**
 * The pdfkit that pdfmake 0.3.11 installs, and the fontkit it parses fonts with: the versions every patch in
 * this folder is written for. Checked when this module loads, before any patch is made.
 */
export const PDFKIT_VERSION = '0.19.1';
export const FONTKIT_VERSION = '2.0.4';

const require = createRequire(import.meta.url);

/** pdfkit's main module, as pdfmake loads it. */
export const pdfkitPath = require.resolve('pdfkit', { paths: [dirname(require.resolve('pdfmake'))] });
/** fontkit's main module, as pdfkit loads it. */
export const fontkitPath = createRequire(pdfkitPath).resolve('fontkit');

/** The version of the package whose module is `main` (fontkit's exports hide its package.json from `require`). */
function versionOf(main: string, name: string): string {
  for (let dir = dirname(main); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === name) return pkg.version;
    } catch {
      // No package.json at this level: look further up.
    }
  }
  return 'unknown';
}

const WHERE = 'packages/pdf/src/pdfkit-internals';

/** Throws, saying what to do, unless pdfmake's pdfkit and its fontkit are the versions the patches are written for. */
export function checkVersions(pdfkit = versionOf(pdfkitPath, 'pdfkit'), fontkit = versionOf(fontkitPath, 'fontkit')): void {
  requirePatchedVersion('pdfkit', pdfkit, PDFKIT_VERSION, WHERE);
  requirePatchedVersion('fontkit', fontkit, FONTKIT_VERSION, WHERE);
}
checkVersions();
