export { writeWorkbook, writeTables, type WriteOptions } from './write.ts';
export { readWorkbook, locateForm, titleFound, workbookMeta, type LoadedWorkbook, type Located, type LocatedRow } from './read.ts';
export { writeFileAtomic } from './atomic.ts';
export { META_SHEET } from './meta.ts';
export { FileRefused, LIMITS } from './inspect.ts';
export { zipEntries, readEntry, type ZipEntry } from './zip.ts';
