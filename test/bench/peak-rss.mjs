// node --import ./peak-rss.mjs …: on exit, each process appends its peak memory as a JSON line
// ({"pid","peakRssMB"}) to the file PEAK_RSS_FILE names. Set in NODE_OPTIONS, it reaches every
// child process the CLI starts too, so the largest line is the peak of the whole command.
import { appendFileSync } from 'node:fs';

process.on('exit', () =>
  appendFileSync(process.env.PEAK_RSS_FILE, `${JSON.stringify({ pid: process.pid, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`),
);
