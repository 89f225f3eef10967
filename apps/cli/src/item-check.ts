import { outputContext, printable, ruleFindings, type FormDefinition, type UnitList } from '@tianbao/form';
import { placeText } from './input.ts';

/** An item to write, and whether it is a draft (it has errors, written under `--allow-errors`). */
export interface KeptItem {
  data: Record<string, any>;
  draft: boolean;
}

/** What becomes of a run's items after the form's rules. */
export interface CheckedItems {
  /** For stderr: each finding after its item's JSON path, then what became of each item with errors. */
  lines: string[];
  /** The items to write: all but those with errors, unless drafts are allowed (then those are drafts). */
  kept: KeptItem[];
  /** The items with errors not written, each with its JSON path's line prefix (`ledger.json $[1]`). */
  refused: { data: Record<string, any>; item: string }[];
  /** Items with errors, written as drafts or not: the run exits 1 when there is one. */
  faulty: number;
}

/**
 * Judge each item as `validate` would judge its document, before anything is
 * made, so that no official-looking form is written that `validate` rejects:
 * an item with errors is left out, unless `allowErrors` (a draft); warnings
 * are only shown. The messages are validate's own, after the item's JSON path.
 */
export function checkItems(
  def: FormDefinition<any>,
  input: { dataFile: string; data: readonly Record<string, any>[]; at: readonly string[] },
  opts: { units: UnitList; asOf: string | undefined; allowErrors: boolean },
): CheckedItems {
  const out: CheckedItems = { lines: [], kept: [], refused: [], faulty: 0 };
  input.data.forEach((data, i) => {
    const item = `${input.dataFile} ${input.at[i]}`;
    // Judged as of the day its document is made for, as validate judges it.
    const { asOf } = outputContext(data, opts.units, opts.asOf);
    const findings = ruleFindings(def, data, { units: opts.units, period: data.period, asOf });
    for (const f of findings) out.lines.push(`${placeText(def, item, f.path ?? [])} ${f.severity === 'error' ? '错误' : '提示'}：${printable(f.message)}  [${f.rule}]`);
    const errors = findings.filter((f) => f.severity === 'error').length;
    if (!errors || opts.allowErrors) out.kept.push({ data, draft: errors > 0 });
    else out.refused.push({ data, item });
    if (errors) out.faulty++;
    if (errors)
      out.lines.push(
        opts.allowErrors
          ? `${item}：有 ${errors} 处错误，按 --allow-errors 仍生成，只是草稿，改正前不能报送`
          : `${item}：有 ${errors} 处错误，未生成此项；请改正后重新生成（--allow-errors 可先生成草稿）`,
      );
  });
  return out;
}
