export { renderPdf } from './render.ts';
export { loadFonts } from './measure.ts';
export { cacheParsedFonts } from './pdfkit-internals/index.ts';
export { renderCompiledPdf } from './compiled.ts';
export { PDF_RULES } from './pdf-rules.ts';
