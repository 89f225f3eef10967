/**
 * node test/bench/exceljs-read.mjs <file>: the baseline a checked sheet is
 * measured against: exceljs's streaming reader visiting every cell, nothing
 * else. Plain Node, no TypeScript loader. Prints {"cells","ms","peakRssMB"}.
 */
import ExcelJS from 'exceljs';

const start = performance.now();
let cells = 0;
for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(process.argv[2], {}))
  for await (const row of sheet)
    row.eachCell(() => {
      cells++;
    });
const ms = Math.round(performance.now() - start);
console.log(JSON.stringify({ cells, ms, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
