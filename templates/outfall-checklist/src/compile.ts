import { textKey, type CompileContext, type CompileSpec, type CompiledPart } from '@tianbao/form';
import { catalogue } from './rules.ts';
import type { OutfallChecklist } from './schema.ts';

type Part = CompiledPart<OutfallChecklist>;

/** The units' checklists: the city's own return, which holds theirs, is not added to them again. */
const unitsOnly = (parts: readonly Part[], ctx: CompileContext<OutfallChecklist>) => parts.filter((p) => p.unit !== ctx.units.city.name);

/**
 * One city-wide checklist: every unit's outfalls in the list's order,
 * numbered through; its 整治进度汇总 (per unit and 全市, against the targets in
 * force) and chart are the form's own. A code two units use is listed on the cover, an error of each.
 */
export const compile: CompileSpec<OutfallChecklist> = {
  sheets: () => [],
  whole: (parts, ctx) => ({ unit: ctx.units.city.name, reportDate: ctx.asOf, outfalls: unitsOnly(parts, ctx).flatMap((p) => p.data.outfalls) }),
  faults: (parts, ctx) => {
    const units = new Map<string, { code: string; units: string[] }>();
    for (const { unit, data } of unitsOnly(parts, ctx))
      for (const { code } of data.outfalls) {
        const key = textKey(code);
        const seen = units.get(key) ?? units.set(key, { code, units: [] }).get(key)!;
        if (!seen.units.includes(unit)) seen.units.push(unit);
      }
    return [...units.values()].filter((c) => c.units.length > 1)
      .map((c) => ({ ...catalogue.error('outfall.code.shared', `排污口编码${c.code}同时出现在${c.units.join('、')}的台账中，编码应一口一码，请核对`), units: c.units }));
  },
};
