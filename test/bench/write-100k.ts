/**
 * npx tsx test/bench/write-100k.ts [rows] [file]: a city-wide checklist of
 * 100,000 outfalls written as XLSX (and saved to `file`, if given), with the
 * time the write takes and the process's peak memory (the data it writes included).
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import outfallChecklist from '@tianbao/template-outfall-checklist';
import { writeWorkbook } from '@tianbao/xlsx';
import { bigChecklist } from './big-checklist.ts';

const rows = Number(process.argv[2] ?? 100_000);
const data = bigChecklist(rows);
const start = performance.now();
const bytes = await writeWorkbook(outfallChecklist, data);
const ms = Math.round(performance.now() - start);
const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
if (process.argv[3]) writeFileSync(process.argv[3], bytes);
console.log(JSON.stringify({ rows, ms, peakRssMB, bytes: bytes.length }));
