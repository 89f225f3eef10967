// node --import ./peak-rss.mjs …: the process's peak memory, as the last line on stderr.
process.on('exit', () => process.stderr.write(`${JSON.stringify({ peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`));
