export { renderPdf } from './render.ts';
export { formDocument } from './document.ts';
