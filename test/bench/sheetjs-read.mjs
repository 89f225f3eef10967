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
  // A dense sheet is its array of rows (0.18), or holds it as `!data` (0.19 on).
  for (const row of book.Sheets[name]['!data'] ?? book.Sheets[name])
    for (const cell of row ?? []) if (cell) cells++;
console.log(JSON.stringify({ cells, ms: Math.round(performance.now() - start) }));
