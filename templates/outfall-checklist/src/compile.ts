import { textKey, type CompileSpec } from '@tianbao/form';
import { catalogue } from './rules.ts';
import type { OutfallChecklist } from './schema.ts';

/**
 * One city-wide checklist: every unit's outfalls in the list's order,
 * numbered through; its 整治进度汇总 (per unit and 全市, against the targets in
 * force) and chart are the form's own. A code two units use is listed on the cover, an error of each.
 * The city's own return, which holds its units' outfalls, is not added to theirs again: 未纳入, and why.
 */
export const compile: CompileSpec<OutfallChecklist> = {
  sheets: () => [],
  notTaken: (unit, ctx) =>
    unit === ctx.units.city.name ? `${unit}本级的报表：全市清单由各县（市、区）的报表汇成，本级报表中的排污口不再重复计入` : null,
  // Made by the city: its name in 填报单位, not left blank.
  whole: (parts, ctx) => ({ unit: ctx.units.city.name, filler: ctx.units.city.name, reportDate: ctx.asOf, outfalls: parts.flatMap((p) => p.data.outfalls) }),
  faults: (parts) => {
    const units = new Map<string, { code: string; units: string[] }>();
    for (const { unit, data } of parts)
      for (const { code } of data.outfalls) {
        const key = textKey(code);
        const seen = units.get(key) ?? units.set(key, { code, units: [] }).get(key)!;
        if (!seen.units.includes(unit)) seen.units.push(unit);
      }
    return [...units.values()].filter((c) => c.units.length > 1)
      .map((c) => ({ ...catalogue.error('outfall.code.shared', `排污口编码${c.code}同时出现在${c.units.join('、')}的台账中，编码应一口一码，请核对`), units: c.units }));
  },
};
