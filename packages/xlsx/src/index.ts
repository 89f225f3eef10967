export { writeWorkbook } from './write.ts';
export { readWorkbook, locateForm, workbookMeta, cellValue, type LoadedWorkbook, type Located, type LocatedRow } from './read.ts';
export { writeFileAtomic } from './atomic.ts';
export { META_SHEET, META_KEYS } from './meta.ts';
