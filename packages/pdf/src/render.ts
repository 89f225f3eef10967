import { bodyRows, defaultUnits, outputContext, Refusal, type FormDefinition, type OutputContext } from '@tianbao/form';
import { formDocument } from './document.ts';
import { setupPdfmake } from './fonts.ts';
import { MAX_LINE_CHARS, measureText } from './long-text.ts';

/** After a refusal: the workbook, written as a stream, has no such limit. */
const XLSX_UNLIMITED = '（XLSX 不受此限）';

/**
 * The printed form, as PDF bytes. pdfmake lays a whole document out in
 * memory, so a document past its form's `print.limits` (table rows, printed
 * characters), or with a line too long to lay out in good time, is refused
 * before any layout: throws a `Refusal` (`pdf.too-many-rows`,
 * `pdf.too-many-chars`, `pdf.line-too-long`) saying what to do.
 */
export async function renderPdf(
  def: FormDefinition<any>,
  data: Record<string, any>,
  ctx: OutputContext = outputContext(data, defaultUnits),
): Promise<Buffer> {
  const limits = def.print.limits;
  const rows = bodyRows(def.layout, data).length;
  if (rows > limits.rows)
    throw new Refusal('pdf.too-many-rows', `表格有 ${rows} 行，超过单份 PDF 的上限 ${limits.rows} 行，未生成 PDF。请按单位拆分数据后分别生成${XLSX_UNLIMITED}`);
  const doc = formDocument(def, data, ctx);
  const { chars, longestLine } = measureText(doc.content);
  if (chars > limits.chars)
    throw new Refusal('pdf.too-many-chars', `打印内容有 ${chars} 个字符，超过单份 PDF 的上限 ${limits.chars} 个字符，未生成 PDF。请精简文字，或按单位拆分数据后分别生成${XLSX_UNLIMITED}`);
  if (longestLine.length > MAX_LINE_CHARS)
    throw new Refusal(
      'pdf.line-too-long',
      `「${longestLine.slice(0, 12)}…」这段文字有 ${longestLine.length} 个字符，超过 PDF 中一段文字的上限 ${MAX_LINE_CHARS} 个字符，未生成 PDF。请分段（换行）或精简${XLSX_UNLIMITED}`,
    );
  return setupPdfmake().createPdf(doc).getBuffer();
}
