export { renderPdf } from './render.ts';
export { cacheParsedFonts } from './font-cache.ts';
export { renderCompiledPdf } from './compiled.ts';
