import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { findSourceMap } from 'node:module';
import { forms } from '@tianbao/forms';
import { defaultUnits } from '@tianbao/form';
import { checkFile } from '@tianbao/validate';
const file = process.argv[2]!;
const opts = { forms, units: defaultUnits } as any;
await checkFile(file, opts); // warm
const s = new Session(); s.connect();
await s.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as any);
await checkFile(file, opts);
const { profile } = await s.post('HeapProfiler.stopSampling') as any;
writeFileSync('/tmp/alloc.heapprofile', JSON.stringify(profile));
// self size by function
const by = new Map<string, number>(); let total = 0;
const pos = (cf: any) => { const m = cf.url ? findSourceMap(cf.url) : undefined; const e: any = m?.findEntry(cf.lineNumber, cf.columnNumber); return e?.originalSource ? `${e.originalSource.replace(/.*\/(packages|templates|node_modules)\//, '$1/')}:${e.originalLine + 1}` : `${cf.url.replace(/.*\//, '')}:${cf.lineNumber + 1}:${cf.columnNumber}`; };
const walk = (n: any) => { const k = `${n.callFrame.functionName || '(anon)'} ${pos(n.callFrame)}`; by.set(k, (by.get(k) ?? 0) + n.selfSize); total += n.selfSize; n.children.forEach(walk); };
walk(profile.head);
console.log('total MB', (total / 1e6).toFixed(1));
for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((v / 1e6).toFixed(1), k);
