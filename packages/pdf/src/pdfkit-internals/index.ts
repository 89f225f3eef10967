// The patches of pdfkit's internals, each in its own file, made in this order when this folder loads: the
// versions checked (versions.ts), pdfkit's fontkit swapped for one that remembers parsed fonts and their
// subsets (fontkit-cache.ts, font-subsets.ts), then pdfkit's fonts, streams, transforms and colours
// (shaped-runs.ts, content-streams.ts, transforms.ts, colors.ts). Nothing else in the package reaches into pdfkit or fontkit.
import './versions.ts';
import './fontkit-cache.ts';
import './shaped-runs.ts';
import './content-streams.ts';
import './transforms.ts';
import './colors.ts';

export { cacheParsedFonts, parseFont, type FontMetrics } from './fontkit-cache.ts';
