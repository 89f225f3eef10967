import { createRequire } from 'node:module';
// pdfkit loads fontkit when it loads: after fontkit-cache.ts has swapped in the fontkit that remembers parsed fonts.
import './fontkit-cache.ts';
import { pdfkitPath } from './versions.ts';

/** The prototype of pdfkit's document, as pdfmake loads pdfkit: what embedded-font.ts, content-streams.ts, transforms.ts and colors.ts patch. */
export const pdfkitDocument = (createRequire(import.meta.url)(pdfkitPath) as { prototype: object }).prototype;
