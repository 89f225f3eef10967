import { openWorkbook } from './src/index.ts';
const file = process.argv[2]!;
const t0 = performance.now();
const wb = await openWorkbook(file);
let n = 0;
for (const sheet of wb.book.sheets) for await (const row of wb.book.rows(sheet)) n += row.cells.length;
console.log(file, n, Math.round(performance.now() - t0), 'ms');
