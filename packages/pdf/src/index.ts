export { renderPdf, MAX_PDF_ROWS } from './render.ts';
export { cacheParsedFonts } from './font-cache.ts';
