export { writeWorkbook, infoLineFor } from './write.ts';
export { readWorkbook, locateForm, workbookMeta, cellValue, type LoadedWorkbook, type Located, type FoundRow, type Placed } from './read.ts';
export { writeFileAtomic } from './atomic.ts';
export { META_SHEET, META_KEYS } from './meta.ts';
