export { renderPdf } from './render.ts';
