export { renderPdf, MAX_PDF_ROWS } from './render.ts';
