// The patches of pdfkit's internals, each in its own file, made in this order when this folder loads: the
// versions checked (versions.ts), pdfkit's fontkit swapped for one that remembers parsed fonts and their
// glyphs and subsets and writes their files (fontkit-cache.ts, glyph-characters.ts, font-subsets.ts, subset-files.ts), then pdfkit's fonts and
// texts and CMaps (embedded-font.ts: shaped-runs.ts, encoded-texts.ts, unicode-cmaps.ts), streams with bytes
// deflated once or ahead (content-streams.ts, deflated-bytes.ts, deflate-ahead.ts), transforms and colours
// (transforms.ts, colors.ts). Nothing else in the package reaches into pdfkit or fontkit.
import './versions.ts';
import './fontkit-cache.ts';
import './shaped-runs.ts';
import './encoded-texts.ts';
import './unicode-cmaps.ts';
import './content-streams.ts';
import './transforms.ts';
import './colors.ts';

export { cacheParsedFonts, parseFont, type FontMetrics } from './fontkit-cache.ts';
export { deflateAhead } from './deflate-ahead.ts';
