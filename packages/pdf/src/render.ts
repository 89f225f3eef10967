import { bodyRows, defaultUnits, outputContext, type FormDefinition, type OutputContext } from '@tianbao/form';
import { formDocument } from './document.ts';
import { setupPdfmake } from './fonts.ts';

/**
 * pdfmake lays a whole document out in memory, about 70 kB and 4 ms for each
 * row of a wide list (3,000 rows: 11 s, 420 MB). Past this many rows a PDF is
 * refused, so memory stays bounded; a list that long is printed by unit.
 */
export const MAX_PDF_ROWS = 5000;

/** The printed form, as PDF bytes. Throws a Chinese message for a list too long to print. */
export async function renderPdf(
  def: FormDefinition<any>,
  data: Record<string, any>,
  ctx: OutputContext = outputContext(data, defaultUnits),
): Promise<Buffer> {
  const rows = bodyRows(def.layout, data).length;
  if (rows > MAX_PDF_ROWS)
    throw new Error(`表格有 ${rows} 行，超过单份 PDF 的上限 ${MAX_PDF_ROWS} 行，未生成 PDF。请按单位拆分数据后分别生成（XLSX 不受此限）`);
  const pdfmake = setupPdfmake();
  return pdfmake.createPdf(formDocument(def, data, ctx)).getBuffer();
}
