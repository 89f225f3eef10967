import { addDefinedName } from './earlier-marking.ts';
import { escapeXml } from './parts.ts';
import { insertChild, WORKSHEET } from './schema-order.ts';
import { withAttr } from './styles.ts';

/**
 * A sheet part that prints its cell comments after the sheet
 * (`cellComments="atEnd"`), its page setup otherwise kept. A sheet with no
 * page setup gets one on A4: a `<pageSetup>` without a size means Letter.
 */
export function commentsAtEnd(sheet: string): string {
  const setup = /<([\w.-]+:)?pageSetup(?=[\s/>])[^>]*>/.exec(sheet);
  if (setup) return sheet.slice(0, setup.index) + withAttr(setup[0], 'cellComments', 'atEnd') + sheet.slice(setup.index + setup[0].length);
  const p = /<([\w.-]+:)?worksheet(?=[\s>])/.exec(sheet)?.[1] ?? '';
  return insertChild(sheet, WORKSHEET, 'pageSetup', `<${p}pageSetup paperSize="9" cellComments="atEnd"/>`);
}

/** The workbook part with row `row` of the sheet `name` (at `index` in its list) printed at the top of every page. */
export function printTitles(workbook: string, name: string, index: number, row: number): string {
  const p = /<([\w.-]+:)?workbook(?=[\s>])/.exec(workbook)?.[1] ?? '';
  const ref = `'${name.replace(/'/g, "''")}'!$${row}:$${row}`;
  return addDefinedName(workbook, `<${p}definedName name="_xlnm.Print_Titles" localSheetId="${index}">${escapeXml(ref)}</${p}definedName>`);
}
