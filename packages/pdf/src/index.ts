export { renderPdf } from './render.ts';
export { cacheParsedFonts } from './font-cache.ts';
