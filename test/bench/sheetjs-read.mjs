/**
 * node test/bench/sheetjs-read.mjs <file>: SheetJS reading a workbook whole
 * and visiting every cell of every sheet, nothing else. Plain Node, no
 * TypeScript loader. Prints {"cells","ms"}.
 */
import { readFileSync } from 'node:fs';
import XLSX from 'xlsx';

const start = performance.now();
const book = XLSX.read(readFileSync(process.argv[2]), { dense: true });
let cells = 0;
for (const name of book.SheetNames)
  for (const row of book.Sheets[name]['!data'] ?? [])
    for (const cell of row ?? []) if (cell) cells++;
console.log(JSON.stringify({ cells, ms: Math.round(performance.now() - start) }));
