export * from './read.ts';
export { writeWorkbook, writeTables, type WriteOptions } from './write.ts';
export { writeCompiledWorkbook } from './compiled.ts';
export { readWorkbook, type LoadedWorkbook } from './load.ts';
export { writeFileAtomic } from './atomic.ts';
export { META_SHEET } from './meta.ts';
export { markUpCopy, type CellMark, type EarlierMarks, type NewCell, type NewSheet } from './edit/mark-up.ts';
