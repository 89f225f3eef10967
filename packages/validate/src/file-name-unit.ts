import { basename } from 'node:path';
import { textKey, type UnitList } from '@tianbao/form';

/**
 * The units a file's name names, by their names and aliases (and the city's,
 * when it reports the form). A name inside a longer one found at the same place
 * is part of it, not a second unit: `焦作市城乡一体化示范区…` names the 示范区, not
 * 焦作市. One unit is the file's; none or several tell nothing.
 */
export function unitsInFileName(file: string, units: UnitList, cityReports: boolean): string[] {
  const name = textKey(basename(file));
  const reporters = [...(cityReports ? [{ ...units.city, aliases: [] as string[] }] : []), ...units.units];
  const found: { unit: string; start: number; end: number }[] = [];
  for (const r of reporters)
    for (const key of [r.name, ...r.aliases].map(textKey))
      for (let at = name.indexOf(key); at >= 0; at = name.indexOf(key, at + 1)) found.push({ unit: r.name, start: at, end: at + key.length });
  const within = (a: (typeof found)[number], b: (typeof found)[number]) => a !== b && b.start <= a.start && a.end <= b.end && b.end - b.start > a.end - a.start;
  const named = found.filter((a) => !found.some((b) => within(a, b))).map((f) => f.unit);
  return [...new Set(named)];
}
