/**
 * A city-wide outfall checklist of any length, from the template's samples:
 * each unit's outfalls repeated in turn, with codes numbered on per unit, the
 * coordinates moved a little and each enterprise of a repeat given a credit
 * code of its own, so the list stays as valid as the samples are.
 */
import { creditCheckChar } from '@tianbao/form';
import outfallChecklist, { type Outfall, type OutfallChecklist } from '@tianbao/template-outfall-checklist';

const city = outfallChecklist.samples.at(-1)!;
const units = outfallChecklist.samples.slice(0, -1);
const sampled = units.reduce((n, u) => n + u.outfalls.length, 0);

/** The city's checklist with `rows` outfalls, valid for the form's schema. */
export function bigChecklist(rows: number): OutfallChecklist {
  const outfalls: Outfall[] = [];
  let before = 0;
  for (const u of units) {
    // Each unit keeps its share of the samples, rounded so that the shares add up to `rows`.
    const from = Math.round((rows * before) / sampled);
    before += u.outfalls.length;
    const count = Math.round((rows * before) / sampled) - from;
    for (let j = 0; j < count; j++) outfalls.push(repeat(u.outfalls[j % u.outfalls.length]!, j, Math.floor(j / u.outfalls.length)));
  }
  return { ...city, outfalls };
}

/** The nth outfall of its unit, made from a sample in the given round of repeats (0: the sample itself). */
function repeat(o: Outfall, n: number, round: number): Outfall {
  const division = o.code.split('-')[0]!;
  const shift = (((n * 37) % 101) - 50) * 1e-4;
  return {
    ...o,
    code: `${division}-${String(n + 1).padStart(4, '0')}`,
    lng: round ? Math.round((o.lng + shift) * 1e4) / 1e4 : o.lng,
    lat: round ? Math.round((o.lat - shift) * 1e4) / 1e4 : o.lat,
    ...(o.credit && round ? { credit: renumbered(o.credit, round) } : {}),
  };
}

/** Another valid 统一社会信用代码 of the same kind and division: a new organisation code, the check recomputed. */
function renumbered(credit: string, round: number): string {
  const org = (Number(credit.slice(8, 16)) + round * 7919) % 1e8;
  const first = credit.slice(0, 8) + String(org).padStart(8, '0') + credit[16];
  return first + creditCheckChar(first);
}
